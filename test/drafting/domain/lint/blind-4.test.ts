// Blind round 4 (test/fixtures/lint-blind-4): key results and objectives written by people who never
// saw the lint rules, labelled by the corpus README. First-try figures and after-fix figures are in
// BLIND-RESULTS.md next to this file. Prints overall accuracy, per-class precision/recall,
// per-language and per-difficulty accuracy, per-fact accuracy, and lists verdict and fact misses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintKeyResult, lintObjective } from '../../../../src/drafting/domain/lint/index.js';
import { LINT_CONTEXT, readLabelledRows, scoreLabelled } from './labelled-set.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', '..', '..', 'fixtures', 'lint-blind-4');

describe('lint blind accuracy (blind set 4)', () => {
  it('key results: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'key-results.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const report = scoreLabelled('blind-4 key results', rows, (text) => lintKeyResult(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('objectives: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'objectives.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const report = scoreLabelled('blind-4 objectives', rows, (text) => lintObjective(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
