import type { Kysely } from 'kysely';

// Slack retries an event it thinks was not acknowledged (X-Slack-Retry-Num), possibly to another replica:
// each event is handled once, by the first process that records its event_id here.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('slack_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('slack_events_received_ix').on('slack_events').column('received_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('slack_events').ifExists().execute();
}
