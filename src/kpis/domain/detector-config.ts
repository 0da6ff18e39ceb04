// Settings and rule tables of the layered KPI detector (see detect.ts).
import type { AlertReason, RuleName, Severity } from './types.js';

/** Detector settings. Tuned on the synthetic suite only (see test/bench/kpi-detector.bench.ts). */
export const DETECTOR = {
  /**
   * Hysteresis: a bounds alert (warning or threshold critical) clears only when the value is back inside the
   * range by this fraction of the band width. 0.25 keeps re-fires within 3 readings of a resolve to 4 in the
   * suite (57 at 0.1); 0.4 delays recovery enough to mask post-OKR regressions.
   */
  recoveryMargin: 0.25,
  /** Critical when at least this much worse than the baseline… */
  dropFraction: 0.2,
  /** …which is the median of this many previous readings. */
  baselineReadings: 3,
  /** A drop alert clears when the value is back within this fraction of the baseline it fired against. */
  dropRecovery: 0.1,
  /**
   * Worse than usual (warning): the last 2 readings average at least `usualFraction` worse than the KPI's usual
   * level (the median of up to `usualReadings` readings before them, at least `usualMinReadings`), each of the
   * two is at least `usualConfirmShare` of that worse (a one-reading spike does not count twice), and the
   * worsening is clear of the KPI's own noise: z ≥ `usualZ`, with σ from the MAD of the usual readings (floored
   * like the robust z below) and the standard error of a 2-reading mean against a median of m readings.
   */
  usualFraction: 0.12,
  usualConfirmShare: 0.5,
  usualReadings: 12,
  usualMinReadings: 5,
  usualZ: 3,
  /** A single reading this much worse than usual, at z ≥ `usualSingleZ`, needs no second one. */
  usualSingleFraction: 0.15,
  usualSingleZ: 4,
  /** It clears when the latest reading is back within this fraction of the usual level it fired against. */
  usualRecovery: 0.05,
  /** Counts (every reading an integer) vary by at least this: MAD floor for integer-valued series. */
  countResolution: 0.5,
  /** A warning must hold for this many readings before it fires. */
  warningReadings: 2,
  /** Consecutive periods worse than the range that make an OKR candidate. */
  okrCandidatePeriods: 3,
  /** Statistics need this many earlier readings. */
  statsMinReadings: 10,
  /** Trailing window of the robust z-score. */
  statsWindow: 24,
  /** Flag a reading whose robust z toward worse is at least this. */
  robustZLimit: 3.5,
  /** MAD floor, as a fraction of the band width and of |median| (the larger wins): flat series. */
  madFloorOfWidth: 0.02,
  madFloorOfLevel: 0.01,
  /** One-sided CUSUM: reference value k and decision interval h, in σ; recent readings it watches. */
  cusumK: 0.5,
  cusumH: 4,
  cusumWindow: 12,
  cusumReferenceMin: 8,
  /** Post-OKR: more than this fraction of the gain lost for `warningReadings` readings… */
  regressionLoss: 0.5,
  /** …and it clears when less than this fraction is lost. */
  regressionRecovery: 0.25,
  /** Post-OKR: the watch covers the periods of the next two quarters after the close (months; weeks: 13 each). */
  regressionWatchQuarters: 2,
  /** Readings in the sparkline attached to alerts. */
  trendReadings: 12,
} as const;

/** Rules from the most to the least urgent: the order alerts are listed and grouped in. */
export const RULE_PRIORITY: readonly RuleName[] = [
  'stale',
  'threshold',
  'drop_20',
  'regression',
  'out_of_range',
  'worse_than_usual',
  'okr_candidate',
  'statistical',
];

export const PRIORITY: Record<RuleName, number> = Object.fromEntries(
  RULE_PRIORITY.map((r, i) => [r, i]),
) as Record<RuleName, number>;

export const LAYER: Record<RuleName, string> = {
  out_of_range: 'business bounds + persistence',
  threshold: 'business bounds: alert threshold',
  drop_20: 'business bounds: 20% worse than recent',
  worse_than_usual: 'own history: worse than usual',
  okr_candidate: 'trend: 3 periods worse than range',
  statistical: 'statistics: own history',
  regression: 'post-OKR check',
  stale: 'stale data',
};

export const SEVERITY: Record<RuleName, Severity> = {
  out_of_range: 'warning',
  threshold: 'critical',
  drop_20: 'critical',
  worse_than_usual: 'warning',
  okr_candidate: 'info',
  statistical: 'info',
  regression: 'warning',
  stale: 'warning',
};

/** What a rule's alert (fire, pending, repeat, escalation) is about. */
export const FIRE_REASON: Record<RuleName, AlertReason> = {
  out_of_range: 'outside_range',
  threshold: 'past_threshold',
  drop_20: 'worse_than_recent',
  worse_than_usual: 'worse_than_usual',
  okr_candidate: 'outside_range_3_periods',
  statistical: 'unusual_vs_history',
  regression: 'gain_lost',
  stale: 'reading_overdue',
};

/**
 * Rules whose firing, unacknowledged alert repeats (thread reply) on every reading that still breaches.
 * `worse_than_usual` does not: it describes a level that has moved, and a level inside the range is not news
 * on every reading.
 */
export const REPEATS = new Set<RuleName>(['out_of_range', 'threshold', 'drop_20', 'regression']);
/** Warnings that a critical alert on the same KPI hides. */
export const HIDDEN_BY_CRITICAL = new Set<RuleName>(['out_of_range', 'worse_than_usual']);
export const CRITICAL_RULES: readonly RuleName[] = ['threshold', 'drop_20'];
/** Alerts about the KPI's value; together they form one incident per KPI. */
export const VALUE_RULES: readonly RuleName[] = [
  'threshold',
  'drop_20',
  'regression',
  'out_of_range',
  'worse_than_usual',
];
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
