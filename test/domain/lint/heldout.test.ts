// Verdict accuracy on a fresh labelled set (test/fixtures/lint-heldout), written in the style of the
// shared corpus and labelled by its README, to estimate how the linter generalises to unseen drafts.
// Rows hk-0001..0381 / ho-0001..0093 were written blind (before reading the lexicons or rules):
// first try 95.3% key results, 94.6% objectives. Later batches were written after each round of
// fixes and measured before the next: 93.3% / 100% (hk-0382.., ho-0094..), 92.7% / 96.0%
// (hk-0517.., ho-0125..), 92.9% / 88.2% (hk-0613.., ho-0150..). Those are the honest estimates;
// this test guards against regressions. Prints overall accuracy, per-class precision/recall,
// per-language and per-difficulty accuracy, per-fact accuracy, and lists verdict and fact misses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type LintContext,
  lintKeyResult,
  lintObjective,
  type TextFacts,
} from '../../../src/domain/lint/index.js';

const fixtureDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'lint-heldout',
);

interface Row {
  id: string;
  text: string;
  label: string;
  has_baseline: boolean;
  has_target: boolean;
  has_deadline: boolean;
  vague: boolean;
  lang: 'en' | 'ko';
  difficulty: 'easy' | 'hard';
}

const FACTS = ['has_baseline', 'has_target', 'has_deadline', 'vague'] as const;
const ctx: LintContext = { quarter: { year: 2026, q: 2 }, okrType: 'committed', today: '2026-04-01' };

function readRows(file: string): Row[] {
  return readFileSync(path.join(fixtureDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

function pct(n: number, d: number): string {
  return d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

interface Report {
  accuracy: number;
  factAccuracy: Record<(typeof FACTS)[number], number>;
  text: string;
}

function evaluate(
  name: string,
  rows: Row[],
  lint: (text: string) => TextFacts & { verdict: string },
): Report {
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
    for (const key of [`lang ${row.lang}`, `difficulty ${row.difficulty}`]) {
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
  return { accuracy: correct / rows.length, factAccuracy, text: lines.join('\n') };
}

describe('lint held-out accuracy (fresh labelled set)', () => {
  it('key results: at least 95% verdict accuracy', () => {
    const rows = readRows('key-results.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(300);
    const report = evaluate('held-out key results', rows, (text) => lintKeyResult(text, ctx));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('objectives: at least 95% verdict accuracy', () => {
    const rows = readRows('objectives.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(80);
    const report = evaluate('held-out objectives', rows, (text) => lintObjective(text, ctx));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
