// Verdict accuracy on the labelled development corpus, with a report of per-class precision and
// recall, per-language accuracy and fact accuracy. The corpus lives beside the repository:
// <repo>/../shared/corpus (in CI the repo is cloned to D/p with the corpus at D/shared).
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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus');

interface Row {
  id: string;
  text: string;
  label: string;
  has_baseline: boolean;
  has_target: boolean;
  has_deadline: boolean;
  vague: boolean;
  lang: 'en' | 'ko';
}

const FACTS = ['has_baseline', 'has_target', 'has_deadline', 'vague'] as const;
const ctx: LintContext = { quarter: { year: 2026, q: 2 }, okrType: 'committed', today: '2026-04-01' };

function readRows(file: string): Row[] {
  return readFileSync(path.join(corpusDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

interface Report {
  accuracy: number;
  misses: string[];
  text: string;
}

function pct(n: number, d: number): string {
  return d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
}

function evaluate(
  name: string,
  rows: Row[],
  lint: (text: string) => TextFacts & { verdict: string },
): Report {
  const classes = [...new Set(rows.map((r) => r.label))].sort();
  const lines = [`${name}: ${rows.length} rows`];
  let correct = 0;
  const misses: string[] = [];
  const predicted = rows.map((r) => lint(r.text));
  const byLang = new Map<string, { n: number; ok: number }>();
  const facts = Object.fromEntries(FACTS.map((f) => [f, 0])) as Record<(typeof FACTS)[number], number>;
  rows.forEach((row, i) => {
    const p = predicted[i];
    if (!p) return;
    const ok = p.verdict === row.label;
    if (ok) correct++;
    else misses.push(`${row.id} ${row.label} → ${p.verdict}: ${row.text}`);
    const lang = byLang.get(row.lang) ?? { n: 0, ok: 0 };
    lang.n++;
    if (ok) lang.ok++;
    byLang.set(row.lang, lang);
    for (const f of FACTS) if (p[f] === row[f]) facts[f]++;
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
  for (const [lang, { n, ok }] of [...byLang].sort())
    lines.push(`  lang ${lang}        accuracy ${pct(ok, n)} (n=${n})`);
  for (const f of FACTS) lines.push(`  fact ${f.padEnd(13)} ${pct(facts[f], rows.length)}`);
  for (const m of misses) lines.push(`  miss ${m}`);
  return { accuracy: correct / rows.length, misses, text: lines.join('\n') };
}

describe('lint corpus accuracy', () => {
  it('key results: at least 95% verdict accuracy', () => {
    const rows = readRows('key-results.dev.jsonl');
    expect(rows.length).toBeGreaterThan(100);
    const report = evaluate('key results', rows, (text) => lintKeyResult(text, ctx));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('objectives: at least 95% verdict accuracy', () => {
    const rows = readRows('objectives.dev.jsonl');
    expect(rows.length).toBeGreaterThan(10);
    const report = evaluate('objectives', rows, (text) => lintObjective(text, ctx));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
