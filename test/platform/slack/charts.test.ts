import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../../src/localslack/block-kit-limits.js';
import {
  CHART_LIMITS,
  type DataVisualizationBlock,
  KPI_TREND_SERIES,
  kpiTrendChart,
  lineChart,
  truncate,
} from '../../../src/platform/slack/charts.js';

/** The block, asserting it was built and that the local Slack accepts it in a message and a Home tab. */
function accepted(block: DataVisualizationBlock | undefined): DataVisualizationBlock {
  expect(block).toBeDefined();
  const b = block as DataVisualizationBlock;
  expect(validateBlocks([b], 'message')).toEqual([]);
  expect(validateView({ type: 'home', blocks: [b] })).toEqual([]);
  return b;
}

const line = (b: DataVisualizationBlock) => {
  if (b.chart.type === 'pie') throw new Error('not a line chart');
  return b.chart;
};

const months = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
  );

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis, never splitting an emoji', () => {
    expect(truncate('Time to hire', 50)).toBe('Time to hire');
    expect(truncate('x'.repeat(51), 50)).toHaveLength(50);
    expect(truncate('x'.repeat(51), 50).endsWith('…')).toBe(true);
    const emoji = truncate(`${'a'.repeat(48)}😀😀`, 50);
    expect(emoji.length).toBeLessThanOrEqual(50);
    expect(emoji).toBe(`${'a'.repeat(48)}…`);
  });
});

describe('lineChart', () => {
  it('builds a line chart with one point per category in every series', () => {
    const b = accepted(
      lineChart({
        title: 'Offer acceptance',
        categories: ['2026-10', '2026-11', '2026-12'],
        series: [
          { name: 'Reading', values: [72, 80, 86] },
          { name: 'Target', values: [88, 88, 88] },
        ],
        xLabel: 'Month',
        yLabel: '%',
      }),
    );
    expect(b).toEqual({
      type: 'data_visualization',
      title: 'Offer acceptance',
      chart: {
        type: 'line',
        series: [
          {
            name: 'Reading',
            data: [
              { label: '2026-10', value: 72 },
              { label: '2026-11', value: 80 },
              { label: '2026-12', value: 86 },
            ],
          },
          {
            name: 'Target',
            data: [
              { label: '2026-10', value: 88 },
              { label: '2026-11', value: 88 },
              { label: '2026-12', value: 88 },
            ],
          },
        ],
        axis_config: { categories: ['2026-10', '2026-11', '2026-12'], x_label: 'Month', y_label: '%' },
      },
    });
  });

  it('handles a single point', () => {
    const b = accepted(
      lineChart({ title: 'One', categories: ['2026-W44'], series: [{ name: 'R', values: [3] }] }),
    );
    expect(line(b).axis_config.categories).toEqual(['2026-W44']);
  });

  it('keeps the most recent 20 of 60 points, or as many as asked for', () => {
    const categories = months(60);
    const values = categories.map((_, i) => i);
    const b = accepted(lineChart({ title: 'Sixty', categories, series: [{ name: 'R', values }] }));
    expect(line(b).axis_config.categories).toEqual(categories.slice(-CHART_LIMITS.categories));
    expect(line(b).series[0]?.data.at(-1)).toEqual({ label: categories[59], value: 59 });
    const all = accepted(
      lineChart({ title: 'Sixty', categories, series: [{ name: 'R', values }], maxCategories: 60 }),
    );
    expect(line(all).axis_config.categories).toHaveLength(60);
  });

  it('cuts long titles, labels and names and keeps them unique', () => {
    const long = 'Increase new-hire ratings of their manager’s support in the first ninety days';
    const b = accepted(
      lineChart({
        title: long,
        categories: ['Round starting 2026-10-05', 'Round starting 2026-10-12', '  '],
        series: [
          { name: 'n'.repeat(80), values: [1, 2, 3] },
          { name: 'n'.repeat(80), values: [4, 5, 6] },
        ],
        xLabel: 'x'.repeat(60),
        yLabel: 'y'.repeat(60),
      }),
    );
    expect(b.title).toHaveLength(50);
    expect(b.title.endsWith('…')).toBe(true);
    const chart = line(b);
    expect(chart.axis_config.categories.every((c) => c.length <= 20)).toBe(true);
    expect(chart.axis_config.categories[2]).toBe('—');
    expect(new Set(chart.series.map((s) => s.name)).size).toBe(2);
    expect(chart.axis_config.x_label).toHaveLength(50);
    expect(
      accepted(lineChart({ title: '   ', categories: ['a'], series: [{ name: 'R', values: [1] }] })).title,
    ).toBe('Chart');
  });

  it('leaves out categories where a series has no value, and series with no value at all', () => {
    const b = accepted(
      lineChart({
        title: 'Gaps',
        categories: ['a', 'b', 'c', 'd'],
        series: [
          { name: 'Reading', values: [1, null, Number.NaN, 4] },
          { name: 'Empty', values: [null, null, null, null] },
          { name: 'Low', values: [0, 0, 0] },
        ],
      }),
    );
    const chart = line(b);
    expect(chart.axis_config.categories).toEqual(['a']);
    expect(chart.series.map((s) => s.name)).toEqual(['Reading', 'Low']);
    expect(lineChart({ title: 'None', categories: [], series: [{ name: 'R', values: [] }] })).toBeUndefined();
    expect(
      lineChart({ title: 'Nulls', categories: ['a'], series: [{ name: 'R', values: [null] }] }),
    ).toBeUndefined();
    expect(
      lineChart({
        title: 'Apart',
        categories: ['a', 'b'],
        series: [
          { name: 'R', values: [1, null] },
          { name: 'S', values: [null, 2] },
        ],
      }),
    ).toBeUndefined();
  });

  it('keeps at most 6 series, the first ones', () => {
    const series = Array.from({ length: 8 }, (_, i) => ({ name: `S${i}`, values: [i, i + 1] }));
    const b = accepted(lineChart({ title: 'Many', categories: ['a', 'b'], series }));
    expect(line(b).series.map((s) => s.name)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'S5']);
  });
});

describe('kpiTrendChart', () => {
  const input = {
    kpiName: 'Time to hire',
    unit: 'days',
    periods: ['2026-08', '2026-09', '2026-10', '2026-11'],
    values: [50, null, 61, 44],
    range: [28, 45] as const,
    threshold: 52,
  };

  it('plots the readings with the range low, range high and alert threshold as flat lines', () => {
    const b = accepted(kpiTrendChart(input));
    expect(b.title).toBe('Time to hire (days)');
    const chart = line(b);
    expect(chart.series.map((s) => s.name)).toEqual([...KPI_TREND_SERIES]);
    expect(chart.axis_config).toEqual({
      categories: ['2026-08', '2026-10', '2026-11'],
      x_label: 'Period',
      y_label: 'days',
    });
    expect(chart.series.map((s) => s.data.map((p) => p.value))).toEqual([
      [50, 61, 44],
      [28, 28, 28],
      [45, 45, 45],
      [52, 52, 52],
    ]);
  });

  it('handles one reading, 60 weekly readings, a long name and no unit; nothing to plot without readings', () => {
    const one = accepted(kpiTrendChart({ ...input, periods: ['2026-W44'], values: [97] }));
    expect(line(one).axis_config.categories).toEqual(['2026-W44']);
    const weeks = Array.from(
      { length: 60 },
      (_, i) => `${2025 + Math.floor(i / 52)}-W${String((i % 52) + 1).padStart(2, '0')}`,
    );
    const sixty = accepted(
      kpiTrendChart({
        kpiName: 'HR request SLA compliance across every regional people team',
        unit: null,
        periods: weeks,
        values: weeks.map((_, i) => (i % 7 === 5 ? null : 90 + (i % 10))),
        range: [95, 100],
        threshold: 90,
      }),
    );
    expect(sixty.title).toHaveLength(50);
    expect(line(sixty).axis_config.y_label).toBeUndefined();
    expect(line(sixty).axis_config.categories.at(-1)).toBe(weeks[59]);
    expect(line(sixty).axis_config.categories).toHaveLength(20);
    expect(kpiTrendChart({ ...input, values: [null, null, null, null] })).toBeUndefined();
    expect(kpiTrendChart({ ...input, periods: [], values: [] })).toBeUndefined();
  });

  it('fits two to a message, as Slack allows', () => {
    const b = kpiTrendChart(input) as DataVisualizationBlock;
    expect(validateBlocks([b, { ...b }], 'message')).toEqual([]);
    expect(validateBlocks([b, b, b], 'message')).toHaveLength(1);
  });
});
