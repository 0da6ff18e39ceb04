export { MAX_KEY_RESULTS, MAX_OBJECTIVES_PER_QUARTER, MIN_KEY_RESULTS } from './draft-findings.js';
export { lintDraft } from './lint-draft.js';
export { lintKeyResult } from './lint-key-result.js';
export { lintObjective } from './lint-objective.js';
export { detectLanguage, MAX_LINT_CHARS } from './prepare-text.js';
export { splitPastedKeyResults, stripListMarker } from './split-pasted-key-results.js';
export type {
  DraftLint,
  Finding,
  KeyResultLint,
  KeyResultVerdict,
  Language,
  LintContext,
  ObjectiveLint,
  ObjectiveVerdict,
  OkrType,
  Severity,
  TextFacts,
} from './types.js';
