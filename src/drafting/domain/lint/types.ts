import type { Quarter } from '../../../okrs/domain/index.js';

/** What a key result scores: a change in the world, work done, or a standing threshold to hold. */
export type KeyResultVerdict = 'outcome' | 'activity' | 'kpi_standard';
export type ObjectiveVerdict = 'objective_ok' | 'objective_bad';
export type Severity = 'error' | 'warning' | 'info';
export type Language = 'en' | 'ko';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  suggestion?: string;
}

/** Facts read off the text; definitions in the corpus README. */
export interface TextFacts {
  /** An explicit starting value: from X, up from, currently, vs, →. "by 20%" alone is not one. */
  has_baseline: boolean;
  /** An explicit end value, including all / every / zero / half / double; numbers inside names do not count. */
  has_target: boolean;
  /** A calendar or cycle bound; measurement windows, rates and cadences are not deadlines. */
  has_deadline: boolean;
  /** A direction word (improve, more, 개선…) with no number. */
  vague: boolean;
  language: Language;
}

export interface KeyResultLint extends TextFacts {
  text: string;
  verdict: KeyResultVerdict;
  findings: Finding[];
}

export interface ObjectiveLint extends TextFacts {
  text: string;
  verdict: ObjectiveVerdict;
  findings: Finding[];
}

export type OkrType = 'committed' | 'aspirational' | 'cross-team';

export interface LintContext {
  quarter: Quarter;
  okrType: OkrType;
  /** YYYY-MM-DD; passed in so linting never reads the clock. */
  today: string;
  /** The team's objectives this quarter, counting this one. */
  objectivesInQuarter?: number;
}

export interface DraftLint {
  objective: ObjectiveLint;
  keyResults: KeyResultLint[];
  /** Findings about the set: how many objectives and key results, duplicates, restating the objective. */
  findings: Finding[];
  /** True when any finding anywhere in the draft is an error. */
  blocking: boolean;
}
