import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { QuietHours } from '../domain/schedule/index.js';

/** A KPI alert that an active OKR folds into its key result's check-in (the kpis feature supplies them). */
export interface FoldedAlert {
  keyResultId: string;
  kpiName: string;
  detail: string;
}

/** Open alerts folded into these key results, most urgent first. */
export type FoldedAlertSource = (
  db: Kysely<Database>,
  teamId: string,
  keyResultIds: string[],
) => Promise<FoldedAlert[]>;

/** Settings of the check-in jobs; every field has a default. */
export interface CheckinJobOptions {
  /** Local night for late prompts (default 20:00–08:00; null: prompts never wait). */
  quietHours?: QuietHours | null;
  /** Local night for reminders (default 20:00–08:00). */
  nudgeQuietHours?: QuietHours;
  /** Hours after the prompt before the one reminder, for teams that set none (default 48). */
  nudgeAfterHours?: number;
  /** Prompts written per transaction (default 200). */
  chunkSize?: number;
  /** Slack time zones refreshed per tick, at most (default 50). */
  timeZoneRefreshPerTick?: number;
  /** A time zone older than this is refreshed from Slack (default 24 hours). */
  timeZoneMaxAgeHours?: number;
  /** Where KPI alerts folded into key results come from (none when not given). */
  foldedAlerts?: FoldedAlertSource;
}
