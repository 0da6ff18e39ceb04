import type { Kysely } from 'kysely';

// KPI alerts: which Slack messages carry an alert. One alert row per (KPI, rule) episode; the messages an
// evaluation sends (a post in the owner channel per KPI, one DM per owner listing every KPI that alerted in
// that evaluation) are outbox rows, found again by these keys to update them and reply in their threads.
// Portable types only; SQLite takes one ADD COLUMN per ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // `kpi-alert:<id of the alert that paged>`: the alerts of one KPI shown in one message share it.
  await db.schema.alterTable('alerts').addColumn('group_key', 'text').execute();
  // Outbox dedupe key of the owner's DM that lists this alert.
  await db.schema.alterTable('alerts').addColumn('dm_key', 'text').execute();
  await db.schema.createIndex('alerts_group_ix').on('alerts').column('group_key').execute();
  await db.schema.createIndex('alerts_dm_ix').on('alerts').column('dm_key').execute();
  await db.schema.createIndex('alerts_team_status_ix').on('alerts').columns(['team_id', 'status']).execute();
  // Follow-ups (updates, thread replies) wait in the outbox until the message they belong to is sent.
  await db.schema.createIndex('outbox_team_status_ix').on('outbox').columns(['team_id', 'status']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_team_status_ix').ifExists().execute();
  await db.schema.dropIndex('alerts_team_status_ix').ifExists().execute();
  await db.schema.dropIndex('alerts_dm_ix').ifExists().execute();
  await db.schema.dropIndex('alerts_group_ix').ifExists().execute();
  await db.schema.alterTable('alerts').dropColumn('dm_key').execute();
  await db.schema.alterTable('alerts').dropColumn('group_key').execute();
}
