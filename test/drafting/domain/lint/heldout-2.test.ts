// Second blind round (test/fixtures/lint-heldout-2): 200 key results and 50 objectives written in the
// style of the shared corpus and labelled by its README before reading the lint rules or the first
// held-out set. Phrasing leans on HR, customer-success, operations/finance and product planning docs
// (abbreviations, word numbers, ranges, currencies, EOQ / H1 end, Korean 분기 내 / 상반기 / %p).
// First try: 96.0% key results (activity P 97.3 / R 92.4, kpi_standard P 93.5 / R 96.7, outcome
// P 95.7 / R 98.9; en 96.4%, ko 93.9%; facts baseline 99.5, target 99.5, deadline 99.0, vague 100),
// 100% objectives. The remaining miss ("Increase course completion rates") is a judgement call left as
// labelled: the linter reads completion rates as work done. Prints overall accuracy, per-class precision/recall, per-language and
// per-difficulty accuracy, per-fact accuracy, and lists verdict and fact misses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintKeyResult, lintObjective } from '../../../../src/drafting/domain/lint/index.js';
import { LINT_CONTEXT, readLabelledRows, scoreLabelled } from './labelled-set.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', '..', '..', 'fixtures', 'lint-heldout-2');

describe('lint held-out accuracy (second blind set)', () => {
  it('key results: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'key-results.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const report = scoreLabelled('held-out-2 key results', rows, (text) => lintKeyResult(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('objectives: at least 95% verdict accuracy', () => {
    const rows = readLabelledRows(dir, 'objectives.jsonl');
    expect(rows.length).toBeGreaterThanOrEqual(50);
    const report = scoreLabelled('held-out-2 objectives', rows, (text) => lintObjective(text, LINT_CONTEXT));
    console.log(report.text);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
