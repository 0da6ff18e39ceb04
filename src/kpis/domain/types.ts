/** Shared types of the KPI detector. Everything here is plain JSON-serialisable data. */

export type Direction = 'higher_is_better' | 'lower_is_better';
export type Cadence = 'weekly' | 'monthly';

export interface KpiSpec {
  key: string;
  name?: string;
  unit?: string;
  direction: Direction;
  cadence: Cadence;
  /** The acceptable band [lo, hi], lo < hi. */
  range: [number, number];
  /** Critical level, beyond the range on the bad side. */
  alertThreshold: number;
  aspirational?: number;
  /** What the owner does when the KPI leaves its range; quoted in alerts that reach the owner. */
  responseProtocol?: string;
}

/** One reading; `period` is canonical (`YYYY-MM` or `YYYY-Www`). */
export interface Reading {
  period: string;
  value: number;
}

export type RuleName =
  | 'out_of_range'
  | 'threshold'
  | 'drop_20'
  | 'worse_than_usual'
  | 'okr_candidate'
  | 'statistical'
  | 'regression'
  | 'stale';
export type AlertStatus = 'pending' | 'firing' | 'acknowledged' | 'snoozed' | 'resolved';
export type Severity = 'info' | 'warning' | 'critical';

/** The stored state of one (KPI, rule). */
export interface AlertState {
  rule: RuleName;
  status: AlertStatus;
  severity: Severity;
  /** First period of the current breach. */
  since: string;
  /** ISO time when the owner was first told (or the alert was folded into a check-in / covered by a critical). */
  firstFiredAt?: string;
  /** Period of the last reading evaluated for this KPI. */
  lastPeriod: string;
  /** Value of that reading (tells a replaced reading from a scheduled re-run). */
  lastValue?: number;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  /** ISO time, or `next_reading`. */
  snoozedUntil?: string;
  snoozeReason?: string;
  snoozedBy?: string;
  escalated?: boolean;
  escalatedAt?: string;
  /** ISO time of the last resolution. */
  resolvedAt?: string;
  /** Baseline frozen when a `drop_20` or `worse_than_usual` alert fired; recovery is measured against it. */
  baseline?: number;
  /** Set while the alert is hidden: by a critical alert on the same KPI, or by stale data. */
  hiddenBy?: 'critical' | 'stale';
  /** The alert goes into the key result's check-in of an active OKR on this KPI instead of paging. */
  folded?: boolean;
  /** Human-readable description of the current condition. */
  detail: string;
}

/**
 * What a detector finding is about, for code that reacts to it (the message is for people).
 * Fire, pending, repeat and escalate events carry the condition; resolve events say how it ended.
 */
export type AlertReason =
  | 'outside_range'
  | 'past_threshold'
  | 'worse_than_recent'
  | 'worse_than_usual'
  | 'outside_range_3_periods'
  | 'unusual_vs_history'
  | 'gain_lost'
  | 'reading_overdue'
  | 'back_in_range'
  /** A critical cleared while the KPI is still outside its target range: the warning continues. */
  | 'back_past_threshold_still_outside'
  | 'reading_arrived';

export type EventKind = 'pending' | 'fire' | 'escalate' | 'repeat' | 'resolve' | 'annotate' | 'stale';

export interface AlertEvent {
  rule: RuleName;
  severity: Severity;
  kind: EventKind;
  /** True when this event is a new message that reaches someone now (fire, escalate, stale). */
  notify: boolean;
  /** Who it goes to: the owner, or (unacknowledged critical escalation) the team channel. */
  target: 'owner' | 'team_channel';
  /** Folded into the key result's check-in of an active OKR on this KPI: not paged. */
  folded?: boolean;
  /** Another event of this evaluation carries the notification; put this one in the same message. */
  groupedWith?: RuleName;
  message: string;
  /** Typed reason of the finding; `message` is the same in words. */
  reason?: AlertReason;
  value?: number;
  period?: string;
  /** "unusual vs own history (…)" when the statistics layer agrees with a bounds alert. */
  annotation?: string;
  /** The prefilled key-result text of an OKR candidate. */
  draft?: string;
  /** Sparkline of the last readings, oldest first. */
  trend?: string;
}

export interface ClosedOkr {
  /** KPI value when the OKR started. */
  baseline: number;
  /** KPI value when the OKR closed. */
  endValue: number;
  /** Last period of the OKR (a canonical period, or a date inside it). */
  closedPeriod: string;
}

export interface EvaluationInput {
  spec: KpiSpec;
  /** Full history including the new reading, any order, one per period. */
  readings: Reading[];
  states: AlertState[];
  now: Date;
  /** An active OKR already targets this KPI: alerts fold into its key result's check-in. */
  activeOkrTargetsKpi?: boolean;
  closedOkr?: ClosedOkr;
  /**
   * `reading`: the latest reading is new or replaced; `tick`: a scheduled re-run (stale data, snooze expiry,
   * escalation). Default: inferred from the states' `lastPeriod`/`lastValue`.
   */
  trigger?: 'reading' | 'tick';
  /** When set, an unacknowledged critical is escalated once to the team channel after this many days. */
  escalateAfterDays?: number;
}

export interface EvaluationResult {
  states: AlertState[];
  events: AlertEvent[];
}
