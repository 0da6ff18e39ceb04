// Kysely table types. One row shape per table; every row belongs to a workspace (`team_id`).
// Times are ISO-8601 strings in UTC (`2026-11-23T01:00:00.000Z`) so that both dialects sort and compare them
// the same way; dates are `YYYY-MM-DD`; numbers that users measure are doubles.

import type { Generated } from 'kysely';

export type OkrType = 'committed' | 'aspirational' | 'cross-team';
/**
 * `planned`: a later quarter's objective; `active`: its quarter is running; `closed`: its quarter was closed
 * and scored. `draft` is what earlier versions stored for objectives not yet live; it is still read.
 */
export type ObjectiveStatus = 'planned' | 'draft' | 'active' | 'closed';
/** Where a team's quarter report goes: its channel (the default) or only its lead's DM. */
export type TeamReportTarget = 'channel' | 'lead';
/** How a key result's score at the quarter close was found. */
export type ScoreSource = 'measured' | 'closing_checkin' | 'not_scored';
export type Direction = 'higher_is_better' | 'lower_is_better';
export type KpiCadence = 'weekly' | 'monthly';
export type CheckinCadence = 'weekly' | 'biweekly';
export type Confidence = 'on_track' | 'at_risk' | 'off_track';

export interface WorkspaceTable {
  team_id: string;
  name: string | null;
  /** Null in single-workspace mode, where the token comes from SLACK_BOT_TOKEN. */
  bot_token: string | null;
  bot_user_id: string | null;
  bot_id: string | null;
  default_time_zone: string | null;
  installed_at: string;
  updated_at: string;
}

export interface PersonTable {
  team_id: string;
  slack_id: string;
  name: string;
  /** IANA zone; from Slack when the bot can reach it, else from the import file. */
  tz: string | null;
  tz_source: 'slack' | 'file' | null;
  manager_slack_id: string | null;
  /** Local date on which prompts resume (`/okr pause until`). */
  paused_until: string | null;
  /** Why DMs to this person fail (cannot_dm_bot, user_not_found), so rounds skip them. */
  dm_blocked_reason: string | null;
  dm_channel_id: string | null;
  created_at: string;
  updated_at: string;
  /** When the time zone was last checked with Slack (users.info), at most daily. */
  tz_checked_at: string | null;
  /** 1 for an admin named in the import file's `admins:` (OKRBOT_ADMINS adds more without a row change). */
  is_admin: Generated<number>;
  /** Set when a re-import no longer lists them: kept for history, no longer prompted. */
  retired_at: Generated<string | null>;
}

export interface TeamTable {
  team_id: string;
  key: string;
  name: string;
  channel_id: string | null;
  lead_slack_id: string | null;
  checkin_day: string;
  checkin_time: string;
  checkin_cadence: CheckinCadence;
  created_at: string;
  updated_at: string;
  /** Hours after the prompt before the one reminder; null means the default (48). */
  checkin_nudge_hours: number | null;
  /** Where the quarter report goes (`report: channel | lead`); `channel` unless the team says otherwise. */
  report: Generated<TeamReportTarget>;
}

export interface ObjectiveTable {
  id: string;
  team_id: string;
  /** Slug from the import file; null for objectives drafted in Slack. */
  key: string | null;
  team_key: string | null;
  quarter: string;
  type: OkrType;
  owner_slack_id: string;
  text: string;
  status: ObjectiveStatus;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set by the quarter close: the mean of its key results' scores (0..1); null when none was scored. */
  score: number | null;
  /** Who closed the quarter: a Slack user id or `cli`. */
  closed_by: string | null;
  /** Set when a re-import no longer lists it (its key results are retired too); history is kept. */
  retired_at: Generated<string | null>;
}

export interface KeyResultTable {
  id: string;
  team_id: string;
  objective_id: string;
  key: string | null;
  text: string;
  owner_slack_id: string;
  baseline: number | null;
  target: number | null;
  current: number | null;
  unit: string | null;
  direction: Direction | null;
  due_date: string | null;
  kpi_key: string | null;
  position: number;
  created_at: string;
  updated_at: string;
  /** The score (0..1) its owner gave at the closing check-in; used when there is no baseline or target. */
  closing_score: number | null;
  /** Set by the quarter close: the last check-in's value, else the current value. */
  final_value: number | null;
  /** Set by the quarter close: the grade, clamped to 0..1; null when not scored. */
  score: number | null;
  /** Set by the quarter close: the achievement before clamping (1.2 is 120%); null when not scored. */
  achievement: number | null;
  score_source: ScoreSource | null;
  /** Set when a re-import no longer lists it: no more prompts; its check-ins are kept. */
  retired_at: Generated<string | null>;
}

export interface CheckinPromptTable {
  team_id: string;
  owner_slack_id: string;
  round_key: string;
  channel_id: string | null;
  message_ts: string | null;
  sent_at: string | null;
  answered_at: string | null;
  nudged_at: string | null;
  created_at: string;
  /** The team whose schedule the round follows. */
  team_key: string | null;
  starts_at: string | null;
  /** The next slot: answers and edits are accepted until then; the digest waits for it. */
  ends_at: string | null;
  /** Bumped by each submission of this round's answers. */
  revision: number;
  /** The revision last summarised in the team threads. */
  summary_revision: number;
}

export interface CheckinTable {
  id: string;
  team_id: string;
  key_result_id: string;
  owner_slack_id: string;
  round_key: string;
  value: number | null;
  confidence: Confidence | null;
  changed: string | null;
  blockers: string | null;
  next_focus: string | null;
  submitted_at: string;
  updated_at: string;
}

export interface KpiTable {
  id: string;
  team_id: string;
  key: string;
  name: string;
  unit: string | null;
  direction: Direction;
  owner_slack_id: string;
  channel_id: string | null;
  team_key: string | null;
  cadence: KpiCadence;
  range_low: number;
  range_high: number;
  aspirational: number | null;
  alert_threshold: number;
  protocol: string;
  created_at: string;
  updated_at: string;
  /** Set when a re-import no longer lists it: no more checks or alerts; its readings are kept. */
  retired_at: Generated<string | null>;
}

export interface KpiReadingTable {
  team_id: string;
  kpi_id: string;
  /** `YYYY-MM` for monthly KPIs, `YYYY-Www` for weekly ones. */
  period: string;
  value: number;
  source: string;
  recorded_at: string;
}

export interface AlertTable {
  id: string;
  team_id: string;
  kpi_id: string;
  rule: string;
  /** pending | firing | acknowledged | snoozed | resolved */
  status: string;
  severity: string;
  /** The detector's state for this (KPI, rule), as JSON. */
  state_json: string;
  channel_id: string | null;
  channel_ts: string | null;
  dm_channel_id: string | null;
  dm_ts: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  snoozed_until: string | null;
  snooze_reason: string | null;
  folded_into_key_result_id: string | null;
  escalated_at: string | null;
  opened_at: string;
  updated_at: string;
  resolved_at: string | null;
  /** `kpi-alert:<id of the alert that paged>`; the alerts of one KPI shown in one message share it. */
  group_key: string | null;
  /** Outbox dedupe key of the owner's DM that lists this alert. */
  dm_key: string | null;
}

export interface ApiTokenTable {
  id: string;
  team_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Scheduled work, claimed by a unique key before it runs, so a rerun or a second replica does nothing. */
export interface ScheduledJobTable {
  id: string;
  team_id: string;
  job_key: string;
  kind: string;
  run_at: string;
  /** claimed | done | failed */
  status: string;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: number;
  last_error: string | null;
  payload_json: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Outgoing Slack messages. A row is created once per dedupe key, then claimed, sent and marked. */
export interface OutboxTable {
  id: string;
  team_id: string;
  dedupe_key: string;
  kind: string;
  /** chat.postMessage | chat.update | chat.postEphemeral */
  method: string;
  /** Channel id, or a user id for a DM. */
  target: string;
  payload_json: string;
  /** pending | sending | sent | failed | skipped | dead (refused by Slack too often), or waiting (a follow-up whose message is not in Slack yet) */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  claimed_by: string | null;
  last_error: string | null;
  result_channel: string | null;
  result_ts: string | null;
  created_at: string;
  sent_at: string | null;
}

/** An Events API event already handled (Slack's retries are dropped by event_id, across replicas). */
export interface SlackEventTable {
  event_id: string;
  team_id: string;
  received_at: string;
}

/** One change worth answering for later: who, when, what, before → after. */
export interface AuditEventTable {
  id: string;
  team_id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before_json: string | null;
  after_json: string | null;
}

/** What got in the way of a committed objective, in its owner's words; read only by the owner and the team's lead. */
export interface ObjectiveReflectionTable {
  id: string;
  team_id: string;
  objective_id: string;
  author_slack_id: string;
  text: string;
  created_at: string;
  updated_at: string;
}

/** Someone who has opened the Home tab, with a hash of the view last published to them (migration 0011). */
export interface HomeViewTable {
  team_id: string;
  slack_id: string;
  view_hash: string | null;
  opened_at: string;
  published_at: string | null;
}

/** A workspace that installed okrbot through OAuth (many-workspace mode); the tokens are only in `installation_enc`. */
export interface InstallationTable {
  team_id: string;
  team_name: string | null;
  app_id: string | null;
  bot_user_id: string;
  bot_id: string | null;
  scopes: string;
  /** Bolt's Installation as JSON, encrypted with AES-256-GCM (src/platform/installations/token-cipher.ts). */
  installation_enc: string;
  /** When the bot token expires (Unix seconds) with token rotation; null without. */
  token_expires_at: number | null;
  installed_at: string;
  updated_at: string;
}

export interface Database {
  workspaces: WorkspaceTable;
  people: PersonTable;
  teams: TeamTable;
  objectives: ObjectiveTable;
  key_results: KeyResultTable;
  objective_reflections: ObjectiveReflectionTable;
  checkin_prompts: CheckinPromptTable;
  checkins: CheckinTable;
  kpis: KpiTable;
  kpi_readings: KpiReadingTable;
  alerts: AlertTable;
  api_tokens: ApiTokenTable;
  scheduled_jobs: ScheduledJobTable;
  outbox: OutboxTable;
  audit_events: AuditEventTable;
  slack_events: SlackEventTable;
  home_views: HomeViewTable;
  installations: InstallationTable;
}
