// Verdict accuracy on the labelled development corpus, with a report of per-class precision and
// recall, per-language accuracy and fact accuracy. The corpus lives beside the repository:
// <repo>/../shared/corpus (in CI the repo is cloned to D/p with the corpus at D/shared).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintKeyResult, lintObjective } from '../../../../src/drafting/domain/lint/index.js';
import { LINT_CONTEXT, readLabelledRows, scoreLabelled } from './labelled-set.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', '..', '..', '..', '..', 'shared', 'corpus');

describe('lint corpus accuracy', () => {
  it('key results: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'key-results.dev.jsonl');
    expect(rows.length).toBeGreaterThan(100);
    const report = scoreLabelled('key results', rows, (text) => lintKeyResult(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('objectives: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'objectives.dev.jsonl');
    expect(rows.length).toBeGreaterThan(10);
    const report = scoreLabelled('objectives', rows, (text) => lintObjective(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
