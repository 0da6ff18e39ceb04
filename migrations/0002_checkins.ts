import type { Kysely } from 'kysely';

// Weekly check-ins: what a prompt needs to be nudged, edited, summarised and digested after the process
// that sent it is gone, and when each person's Slack time zone was last checked.
// Portable types only; SQLite takes one ADD COLUMN per ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // The team whose schedule the round follows, and the round's window in the owner's zone at prompt time.
  await db.schema.alterTable('checkin_prompts').addColumn('team_key', 'text').execute();
  await db.schema.alterTable('checkin_prompts').addColumn('starts_at', 'text').execute();
  await db.schema.alterTable('checkin_prompts').addColumn('ends_at', 'text').execute();
  // Bumped by every submission of this round's answers; summary_revision is the last one posted in the
  // team thread, so a summary that could not be posted yet is posted by the next tick.
  await db.schema
    .alterTable('checkin_prompts')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('checkin_prompts')
    .addColumn('summary_revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('people').addColumn('tz_checked_at', 'text').execute();
  // Hours after the prompt before the one reminder; null means the default (48).
  await db.schema.alterTable('teams').addColumn('checkin_nudge_hours', 'integer').execute();

  await db.schema
    .createIndex('checkin_prompts_round_ix')
    .on('checkin_prompts')
    .columns(['team_id', 'round_key'])
    .execute();
  await db.schema
    .createIndex('checkins_owner_round_ix')
    .on('checkins')
    .columns(['team_id', 'owner_slack_id', 'round_key'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('checkins_owner_round_ix').ifExists().execute();
  await db.schema.dropIndex('checkin_prompts_round_ix').ifExists().execute();
  await db.schema.alterTable('teams').dropColumn('checkin_nudge_hours').execute();
  await db.schema.alterTable('people').dropColumn('tz_checked_at').execute();
  for (const column of ['summary_revision', 'revision', 'ends_at', 'starts_at', 'team_key']) {
    await db.schema.alterTable('checkin_prompts').dropColumn(column).execute();
  }
}
