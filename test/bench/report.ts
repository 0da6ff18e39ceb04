// One table for all benchmarks: a module's default export may return rows, and run.ts prints them together.

export interface BenchRow {
  figure: string;
  /** okrbot's figure, formatted (e.g. "12.3 ms"). */
  okrbot: string;
  /** What it is compared with (a bare Bolt app, a budget), formatted; '' when nothing. */
  reference: string;
  /** okrbot ÷ reference, when both are numbers. */
  ratio?: number;
  goal: string;
  met?: boolean;
}

export const ms = (v: number): string => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

/** The q-quantile (0..1) of `values`, nearest-rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: number[]): number => quantile(values, 0.5);

export function formatTable(rows: BenchRow[]): string {
  const header = ['figure', 'okrbot', 'reference', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => [
    r.figure,
    r.okrbot,
    r.reference,
    r.ratio === undefined || !Number.isFinite(r.ratio) ? '' : `${r.ratio.toFixed(2)}×`,
    r.goal,
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 0 || i === 4 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function printTable(rows: BenchRow[]): void {
  console.log(formatTable(rows));
}
