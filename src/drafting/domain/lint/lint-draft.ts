import { draftFindings } from './draft-findings.js';
import { lintKeyResult } from './lint-key-result.js';
import { lintObjective } from './lint-objective.js';
import type { DraftLint, LintContext } from './types.js';

/** Lints an objective with its key results, and the set as a whole. Runs on every keystroke. */
export function lintDraft(draft: { objective: string; keyResults: string[] }, ctx: LintContext): DraftLint {
  const objective = lintObjective(draft?.objective ?? '', ctx);
  const list = Array.isArray(draft?.keyResults) ? draft.keyResults : [];
  const keyResults = list.map((kr) => lintKeyResult(kr, ctx));
  const findings = draftFindings(objective, keyResults, ctx);
  const blocking =
    findings.some((f) => f.severity === 'error') ||
    objective.findings.some((f) => f.severity === 'error') ||
    keyResults.some((kr) => kr.findings.some((f) => f.severity === 'error'));
  return { objective, keyResults, findings, blocking };
}
