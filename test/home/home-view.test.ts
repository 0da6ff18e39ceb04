import { describe, expect, it } from 'vitest';
import { type HomeData, homeView } from '../../src/home/slack/views/home-view.js';
import { validateView } from '../../src/localslack/block-kit-limits.js';
import {
  type DataVisualizationBlock,
  KEY_RESULT_TREND_SERIES,
  keyResultTrendChart,
} from '../../src/platform/slack/charts.js';

const kr = (i: number, history: Array<{ round: string; value: number | null }> = []) => ({
  id: `kr_${i}`,
  text: `Key result ${i}: from 10 to 50 points`,
  objective: 'An objective',
  baseline: 10,
  current: history.at(-1)?.value ?? 10,
  target: 50,
  unit: 'points',
  direction: null,
  confidence: history.length > 0 ? ('on_track' as const) : null,
  lastCheckin: history.at(-1)?.round ?? null,
  history,
});

const kpi = (i: number, readings: number[]) => ({
  key: `kpi-${i}`,
  name: `KPI ${i}`,
  unit: '%',
  range: [80, 100] as [number, number],
  threshold: 60,
  last: readings.at(-1) ?? null,
  state: readings.length ? 'in range' : 'no readings yet',
  readings: readings.map((value, j) => ({ period: `2026-${String(j + 1).padStart(2, '0')}`, value })),
});

const base: HomeData = {
  name: 'Mina Park',
  pausedUntil: null,
  isAdmin: false,
  openRound: null,
  keyResults: [],
  kpis: [],
  alerts: [],
  team: null,
};

const charts = (data: HomeData) =>
  homeView(data).blocks.filter(
    (b) => b.type === ('data_visualization' as string),
  ) as unknown as DataVisualizationBlock[];

describe('the Home tab view', () => {
  it('a key result chart: check-in values against baseline and target, rounds without a value left out', () => {
    const chart = keyResultTrendChart({
      keyResultText: 'Reduce engineering time-to-hire from 52 to 30 days by end of Q4',
      unit: 'days',
      rounds: ['Mon 2 Nov', 'Mon 9 Nov', 'Mon 16 Nov'],
      values: [50, null, 41],
      baseline: 52,
      target: 30,
    })!;
    expect(chart.title).toHaveLength(50);
    expect(chart.chart).toEqual({
      type: 'line',
      series: [
        {
          name: KEY_RESULT_TREND_SERIES[0],
          data: [
            { label: 'Mon 2 Nov', value: 50 },
            { label: 'Mon 16 Nov', value: 41 },
          ],
        },
        {
          name: 'Baseline',
          data: [
            { label: 'Mon 2 Nov', value: 52 },
            { label: 'Mon 16 Nov', value: 52 },
          ],
        },
        {
          name: 'Target',
          data: [
            { label: 'Mon 2 Nov', value: 30 },
            { label: 'Mon 16 Nov', value: 30 },
          ],
        },
      ],
      axis_config: { categories: ['Mon 2 Nov', 'Mon 16 Nov'], x_label: 'Check-in', y_label: 'days' },
    });
    const noTarget = keyResultTrendChart({
      keyResultText: 'x',
      rounds: ['a'],
      values: [3],
      baseline: null,
      target: null,
    });
    expect(noTarget?.chart.type === 'line' && noTarget.chart.series.map((s) => s.name)).toEqual([
      'Check-in value',
    ]);
    expect(
      keyResultTrendChart({ keyResultText: 'x', rounds: ['a'], values: [null], baseline: 1, target: 2 }),
    ).toBeUndefined();
  });

  it('shows at most two charts, a key result first and a KPI next, and Slack accepts the tab', () => {
    const history = [
      { round: '2026-11-16', value: 20 },
      { round: '2026-11-23', value: 25 },
    ];
    const data = {
      ...base,
      keyResults: [kr(1, history), kr(2, history), kr(3)],
      kpis: [kpi(1, [90, 85]), kpi(2, [70])],
    };
    expect(charts(data).map((c) => c.title)).toEqual(['Key result 1: from 10 to 50 points', 'KPI 1 (%)']);
    expect(validateView(homeView(data))).toEqual([]);
    expect(charts({ ...data, kpis: [] }).map((c) => c.title)).toEqual([
      'Key result 1: from 10 to 50 points',
      'Key result 2: from 10 to 50 points',
    ]);
  });

  it('a round open for me puts Check in (or Edit check-in) on the tab, with the check-in button id and round', () => {
    const open = JSON.stringify(homeView({ ...base, openRound: { key: '2026-11-23', answered: false } }));
    expect(open).toContain('"action_id":"checkin_open"');
    expect(open).toContain('"value":"2026-11-23"');
    expect(open).toContain('Check in');
    const done = JSON.stringify(homeView({ ...base, openRound: { key: '2026-11-23', answered: true } }));
    expect(done).toContain('Edit check-in');
    expect(JSON.stringify(homeView(base))).not.toContain('checkin_open');
  });

  it('says when check-ins are paused, and carries each open alert with the alert buttons', () => {
    const view = homeView({
      ...base,
      pausedUntil: '2026-12-07',
      alerts: [
        {
          id: 'alert_abc',
          kpiName: 'Time to hire',
          rules: ['threshold'],
          severity: 'critical',
          openedAt: '2026-11-20T00:00:00Z',
        },
      ],
    });
    const text = JSON.stringify(view);
    expect(text).toContain('paused until 2026-12-07');
    expect(text).toContain('"action_id":"kpi_alert_ack"');
    expect(text).toContain('"action_id":"kpi_alert_snooze"');
    expect(text).toContain(JSON.stringify(JSON.stringify({ a: 'alert_abc', m: 'escalation' })));
    expect(validateView(view)).toEqual([]);
  });

  it('summarises rather than overflows: 40 key results, 30 KPIs and 20 alerts stay within 100 blocks', () => {
    const view = homeView({
      ...base,
      isAdmin: true,
      keyResults: Array.from({ length: 40 }, (_, i) => kr(i)),
      kpis: Array.from({ length: 30 }, (_, i) => kpi(i, [90])),
      alerts: Array.from({ length: 20 }, (_, i) => ({
        id: `alert_${i}`,
        kpiName: `KPI ${i}`,
        rules: ['threshold'],
        severity: 'warning',
        openedAt: '2026-11-20T00:00:00Z',
      })),
    });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('…and 28 more key results');
    expect(text).toContain('…and 20 more KPIs');
    expect(text).toContain('…and 15 more alerts');
    expect(text).toContain('home_show_rollup');
  });
});
