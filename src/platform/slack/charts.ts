// Native Slack charts: the `data_visualization` block (docs.slack.dev/reference/block-kit/blocks/
// data-visualization-block). Pure builders from numbers to a block Slack accepts; no I/O.
//
// `@slack/types` 3.2 has no type for this block yet (Slack's sample says it ships later), so it is declared
// here from the reference page. A `DataVisualizationBlock` is a Block Kit `Block` ({type: string}), so it
// goes into `blocks` arrays typed `(KnownBlock | Block)[]`.

/** Slack's limits for the block, and the ones these builders keep to. */
export const CHART_LIMITS = {
  title: 50,
  series: 6,
  /** Axis category labels (and pie segment labels): at most 20 characters. */
  label: 20,
  axisLabel: 50,
  /**
   * Series names: the reference page does not say (Slack's own sample uses 31 characters); we cut at 50.
   */
  seriesName: 50,
  /**
   * Categories (points per series) the builders keep, the most recent ones. Slack's reference page gives no
   * maximum; one third-party source says 20. Until Slack says, stay within 20 (a caller may ask for more).
   */
  categories: 20,
} as const;

export interface ChartPoint {
  label: string;
  value: number;
}

export interface ChartSeries {
  name: string;
  data: ChartPoint[];
}

export interface AxisConfig {
  categories: string[];
  x_label?: string;
  y_label?: string;
}

export type Chart =
  | { type: 'pie'; segments: ChartPoint[] }
  | { type: 'bar' | 'area' | 'line'; series: ChartSeries[]; axis_config: AxisConfig };

export interface DataVisualizationBlock {
  type: 'data_visualization';
  title: string;
  chart: Chart;
  block_id?: string;
}

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters (UTF-16 code units, as Slack and `String.length` count them), ending
 * in an ellipsis when it was cut; never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Labels cut to `max` characters and made unique (" 2", " 3" … on a repeat), in order. */
function uniqueLabels(labels: string[], max: number, empty: string): string[] {
  const seen = new Set<string>();
  return labels.map((raw) => {
    const base = raw.trim() === '' ? empty : raw.trim();
    let label = truncate(base, max);
    for (let n = 2; seen.has(label); n++) label = `${truncate(base, max - String(n).length - 1)} ${n}`;
    seen.add(label);
    return label;
  });
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export interface LineChartInput {
  title: string;
  /** The x axis, oldest first (periods, weeks, rounds). */
  categories: string[];
  /** Values by category index; `null` (or a missing or non-finite value) where there is none. */
  series: Array<{ name: string; values: Array<number | null> }>;
  xLabel?: string;
  yLabel?: string;
  blockId?: string;
  /** How many of the most recent categories to keep; default `CHART_LIMITS.categories` (20). */
  maxCategories?: number;
}

/**
 * A line chart Slack accepts, or `undefined` when there is nothing to plot.
 *
 * - The title is cut to 50 characters with an ellipsis (an empty title becomes "Chart"); axis labels to 50.
 * - Category labels are cut to 20 characters and made unique; series names to 50, also unique.
 * - Series with no value at all are dropped; of the rest, the first 6 are kept (list the important ones first).
 * - Slack needs one value per category in every series and cannot draw a gap, so a category where any kept
 *   series has no value is left out of the chart rather than filled with an invented value: the x axis then
 *   skips that label, and the line joins its neighbours. Constant series (a range's low and high, an alert
 *   threshold) should repeat their value in every category.
 * - Of the categories left, the most recent `maxCategories` (default 20) are kept.
 *
 * `undefined` when no category is left (no categories, or no category where every kept series has a value).
 */
export function lineChart(input: LineChartInput): DataVisualizationBlock | undefined {
  const n = input.categories.length;
  const labels = uniqueLabels(input.categories, CHART_LIMITS.label, '—');
  const aligned = input.series
    .map((s) => ({
      name: s.name,
      values: Array.from({ length: n }, (_, i) => {
        const v = s.values[i];
        return finite(v) ? v : null;
      }),
    }))
    .filter((s) => s.values.some((v) => v !== null))
    .slice(0, CHART_LIMITS.series);
  if (aligned.length === 0) return undefined;
  const names = uniqueLabels(
    aligned.map((s) => s.name),
    CHART_LIMITS.seriesName,
    'Series',
  );
  const complete = labels.map((_, i) => i).filter((i) => aligned.every((s) => s.values[i] !== null));
  const max = Math.max(1, Math.floor(input.maxCategories ?? CHART_LIMITS.categories));
  const kept = complete.slice(-max);
  if (kept.length === 0) return undefined;
  const categories = kept.map((i) => labels[i] as string);
  const axis: AxisConfig = { categories };
  const xLabel = input.xLabel?.trim();
  const yLabel = input.yLabel?.trim();
  if (xLabel) axis.x_label = truncate(xLabel, CHART_LIMITS.axisLabel);
  if (yLabel) axis.y_label = truncate(yLabel, CHART_LIMITS.axisLabel);
  const block: DataVisualizationBlock = {
    type: 'data_visualization',
    title: truncate(input.title.trim() || 'Chart', CHART_LIMITS.title),
    chart: {
      type: 'line',
      series: aligned.map((s, si) => ({
        name: names[si] as string,
        data: kept.map((i) => ({ label: labels[i] as string, value: s.values[i] as number })),
      })),
      axis_config: axis,
    },
  };
  if (input.blockId) block.block_id = input.blockId;
  return block;
}

export interface KpiTrendInput {
  kpiName: string;
  unit?: string | null;
  /** Canonical periods (`2026-10`, `2026-W44`), oldest first. */
  periods: string[];
  /** Readings by period index; `null` for a period with no reading. */
  values: Array<number | null>;
  /** The KPI's target range `[low, high]`. */
  range: readonly [number, number];
  /** The alert threshold. */
  threshold: number;
  blockId?: string;
  maxCategories?: number;
}

/** Names of the four series of a KPI trend chart, in order. */
export const KPI_TREND_SERIES = ['Reading', 'Range low', 'Range high', 'Alert threshold'] as const;

/**
 * A KPI's readings as a line chart with three flat lines: the range's low and high and the alert threshold,
 * each a constant value in every period. Titled "KPI name (unit)". Periods without a reading are left out
 * (see `lineChart`); `undefined` when no period has a reading.
 */
export function kpiTrendChart(input: KpiTrendInput): DataVisualizationBlock | undefined {
  if (!input.values.some((v) => finite(v))) return undefined;
  const unit = input.unit?.trim();
  const constant = (value: number) => input.periods.map(() => value);
  const [low, high] = input.range;
  return lineChart({
    title: unit ? `${input.kpiName} (${unit})` : input.kpiName,
    categories: input.periods,
    series: [
      { name: KPI_TREND_SERIES[0], values: input.values },
      { name: KPI_TREND_SERIES[1], values: constant(low) },
      { name: KPI_TREND_SERIES[2], values: constant(high) },
      { name: KPI_TREND_SERIES[3], values: constant(input.threshold) },
    ],
    xLabel: 'Period',
    ...(unit ? { yLabel: unit } : {}),
    ...(input.blockId ? { blockId: input.blockId } : {}),
    ...(input.maxCategories !== undefined ? { maxCategories: input.maxCategories } : {}),
  });
}

export interface KeyResultTrendInput {
  /** The key result's text (the chart's title, cut to 50 characters). */
  keyResultText: string;
  unit?: string | null;
  /** Labels of the check-in rounds (`23 Nov`), oldest first. */
  rounds: string[];
  /** The value each round's check-in gave, by round index; `null` where it gave none. */
  values: Array<number | null>;
  baseline: number | null;
  target: number | null;
  blockId?: string;
  maxCategories?: number;
}

/** Names of the three series of a key result's trend chart, in order. */
export const KEY_RESULT_TREND_SERIES = ['Check-in value', 'Baseline', 'Target'] as const;

/**
 * A key result's check-in values over the quarter as a line chart, with its baseline and target as flat
 * lines (each left out when the key result has none). Rounds without a value are left out (see
 * `lineChart`); `undefined` when no check-in gave a value.
 */
export function keyResultTrendChart(input: KeyResultTrendInput): DataVisualizationBlock | undefined {
  if (!input.values.some((v) => finite(v))) return undefined;
  const unit = input.unit?.trim();
  const constant = (value: number | null) => input.rounds.map(() => value);
  return lineChart({
    title: input.keyResultText,
    categories: input.rounds,
    series: [
      { name: KEY_RESULT_TREND_SERIES[0], values: input.values },
      { name: KEY_RESULT_TREND_SERIES[1], values: constant(input.baseline) },
      { name: KEY_RESULT_TREND_SERIES[2], values: constant(input.target) },
    ],
    xLabel: 'Check-in',
    ...(unit ? { yLabel: unit } : {}),
    ...(input.blockId ? { blockId: input.blockId } : {}),
    ...(input.maxCategories !== undefined ? { maxCategories: input.maxCategories } : {}),
  });
}
