import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../../src/kpis/domain/backtest.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/kpi-backtest.json', import.meta.url), 'utf8'),
) as {
  kpis: { key: string; readings: { period: string; value: number }[] }[];
};

const kpi = (readings: { period: string; value: unknown }[], extra: Record<string, unknown> = {}) => ({
  key: 'acc',
  direction: 'higher_is_better',
  cadence: 'weekly',
  range: [85, 100],
  alert_threshold: 75,
  readings,
  ...extra,
});

describe('backtest', () => {
  it('gives one line per reading with what reached the owner', () => {
    const result = backtest(fixture);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines).toHaveLength(fixture.kpis.reduce((n, k) => n + k.readings.length, 0));
    const tth = result.lines.filter((l) => l.kpi === 'time_to_hire');
    expect(tth.map((l) => l.period)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(tth[3]?.notify).toEqual([{ rule: 'drop_20', severity: 'critical' }]);
    expect(tth[5]?.notify).toEqual([{ rule: 'okr_candidate', severity: 'info' }]);
    expect(tth[0]?.notify).toEqual([]);
    // A date in the file is read as the period that contains it.
    const acc = result.lines.filter((l) => l.kpi === 'offer_acceptance');
    expect(acc[4]).toMatchObject({
      period: '2026-W05',
      value: 70,
      notify: [{ rule: 'threshold', severity: 'critical' }],
    });
    // Repeats and resolutions are not notifications.
    expect(tth[4]?.notify).toEqual([]);
    expect(tth[4]?.events.some((e) => e.kind === 'repeat')).toBe(true);
  });

  it('replays in period order and re-evaluates a replaced reading', () => {
    const result = backtest({
      kpis: [
        kpi([
          { period: '2026-W02', value: 90 },
          { period: '2026-W01', value: 90 },
          { period: '2026-W03', value: 90 },
          { period: '2026-W04', value: 70 },
          { period: '2026-W04', value: 89 },
        ]),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((l) => `${l.period}=${l.value}`)).toEqual([
      '2026-W01=90',
      '2026-W02=90',
      '2026-W03=90',
      '2026-W04=70',
      '2026-W04=89',
    ]);
    expect(result.lines[3]?.notify[0]?.rule).toBe('threshold');
    expect(result.lines[4]?.events.map((e) => `${e.kind}:${e.rule}`)).toContain('resolve:threshold');
  });

  it('names where each problem is', () => {
    const result = backtest({
      kpis: [
        kpi([{ period: '2026-W01', value: 'high' }], { range: [85] }),
        kpi([{ period: '2026-01', value: 90 }], { key: 'b', alert_threshold: 90 }),
        kpi([{ period: '2026-W01', value: 90 }], { key: 'b', typo: true }),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.errors.join('\n');
    expect(text).toMatch(/^kpis\[0\]\.range: /m);
    expect(text).toMatch(/^kpis\[0\]\.readings\[0\]\.value: /m);
    expect(text).toMatch(/^kpis\[2\]: .*typo/m);
  });

  it('checks the KPI definitions and the periods once the shape is right', () => {
    const result = backtest({
      kpis: [
        kpi([{ period: '2026-01', value: 90 }], { alert_threshold: 90 }),
        kpi([{ period: '2026-W01', value: 90 }]),
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContain(
      'kpis[0]: alert threshold 90 must be below the range (< 85): lower is worse for this KPI',
    );
    expect(result.errors.some((e) => e.startsWith('kpis[0].readings[0].period: "2026-01" is a month'))).toBe(
      true,
    );
    expect(result.errors).toContain('kpis[1].key: "acc" appears twice');
  });

  it('rejects something that is not a backtest file at all', () => {
    const result = backtest([1, 2]);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.errors[0]).toMatch(/^\(file\): /);
  });
});
