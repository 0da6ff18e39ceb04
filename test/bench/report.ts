import { readFileSync } from 'node:fs';

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

// Peak memory of `serve` through the benchmarks: a bench that runs okrbot in a process of its own notes
// that process's peak RSS (Linux VmHWM, from `peakRssMbOf(pid)` before it exits, or from the process
// itself); run.ts prints the highest beside the 200 MB budget.
const servePeaks: Array<{ where: string; mb: number }> = [];

export function noteServePeak(where: string, mb: number): void {
  if (Number.isFinite(mb)) servePeaks.push({ where, mb });
}

/** The peak resident set of a live process (VmHWM in /proc/<pid>/status), in MB; NaN where unknown. */
export function peakRssMbOf(pid: number | 'self'): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const SERVE_MEMORY_BUDGET_MB = 200;

/** The summary row of the peak memory of `serve` through the benchmarks, if any bench noted one. */
export function servePeakRow(): BenchRow | undefined {
  if (servePeaks.length === 0) return undefined;
  const top = servePeaks.reduce((a, b) => (b.mb > a.mb ? b : a));
  return {
    figure: `peak RSS of serve through the benchmarks (${top.where})`,
    okrbot: `${top.mb.toFixed(0)} MB`,
    reference: `${SERVE_MEMORY_BUDGET_MB} MB budget`,
    goal: `≤ ${SERVE_MEMORY_BUDGET_MB} MB`,
    met: top.mb <= SERVE_MEMORY_BUDGET_MB,
  };
}
