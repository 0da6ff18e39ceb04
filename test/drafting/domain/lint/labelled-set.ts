// Scoring the linter against a labelled set (the shared dev corpus or our own held-out sets), in the
// corpus README's JSONL shape. Prints overall accuracy, per-class precision and recall, accuracy per
// language and difficulty, accuracy of each fact, and the misses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LintContext, TextFacts } from '../../../../src/drafting/domain/lint/index.js';

export interface LabelledRow {
  id: string;
  text: string;
  label: string;
  has_baseline: boolean;
  has_target: boolean;
  has_deadline: boolean;
  vague: boolean;
  lang: 'en' | 'ko';
  difficulty?: 'easy' | 'hard';
}

export const FACTS = ['has_baseline', 'has_target', 'has_deadline', 'vague'] as const;

/** The context every labelled set is scored in (dates in the sets are read against it). */
export const LINT_CONTEXT: LintContext = {
  quarter: { year: 2026, q: 2 },
  okrType: 'committed',
  today: '2026-04-01',
};

export function readLabelledRows(dir: string, file: string): LabelledRow[] {
  return readFileSync(path.join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledRow);
}

export interface LabelledReport {
  accuracy: number;
  misses: string[];
  factAccuracy: Record<(typeof FACTS)[number], number>;
  text: string;
}

function pct(n: number, d: number): string {
  return d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

export function scoreLabelled(
  name: string,
  rows: LabelledRow[],
  lint: (text: string) => TextFacts & { verdict: string },
): LabelledReport {
  const classes = [...new Set(rows.map((r) => r.label))].sort();
  const predicted = rows.map((r) => lint(r.text));
  const lines = [`${name}: ${rows.length} rows`];
  const misses: string[] = [];
  const factMisses: string[] = [];
  const groups = new Map<string, { n: number; ok: number }>();
  const facts = Object.fromEntries(FACTS.map((f) => [f, 0])) as Record<(typeof FACTS)[number], number>;
  let correct = 0;
  rows.forEach((row, i) => {
    const p = predicted[i];
    if (!p) return;
    const ok = p.verdict === row.label;
    if (ok) correct++;
    else misses.push(`${row.id} ${row.label} → ${p.verdict}: ${row.text}`);
    for (const key of [`lang ${row.lang}`, ...(row.difficulty ? [`difficulty ${row.difficulty}`] : [])]) {
      const g = groups.get(key) ?? { n: 0, ok: 0 };
      g.n++;
      if (ok) g.ok++;
      groups.set(key, g);
    }
    for (const f of FACTS) {
      if (p[f] === row[f]) facts[f]++;
      else factMisses.push(`${row.id} ${f}=${row[f]} (got ${p[f]}): ${row.text}`);
    }
  });
  lines.push(`  overall accuracy ${pct(correct, rows.length)} (${correct}/${rows.length})`);
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    rows.forEach((row, i) => {
      const v = predicted[i]?.verdict;
      if (v === c && row.label === c) tp++;
      else if (v === c) fp++;
      else if (row.label === c) fn++;
    });
    lines.push(`  ${c.padEnd(14)} precision ${pct(tp, tp + fp)}  recall ${pct(tp, tp + fn)}  (n=${tp + fn})`);
  }
  for (const [key, { n, ok }] of [...groups].sort())
    lines.push(`  ${key.padEnd(16)} accuracy ${pct(ok, n)} (n=${n})`);
  for (const f of FACTS) lines.push(`  fact ${f.padEnd(13)} ${pct(facts[f], rows.length)}`);
  for (const m of misses) lines.push(`  miss ${m}`);
  for (const m of factMisses) lines.push(`  fact-miss ${m}`);
  const factAccuracy = Object.fromEntries(FACTS.map((f) => [f, facts[f] / rows.length])) as Record<
    (typeof FACTS)[number],
    number
  >;
  return { accuracy: correct / rows.length, misses, factAccuracy, text: lines.join('\n') };
}
