import type { Kysely } from 'kysely';

// Who has opened the Home tab, and a hash of the view last published to them: the Home refresher republishes
// only for these people, and only when what it would publish differs from what they have.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('home_views')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('slack_id', 'text', (c) => c.notNull())
    .addColumn('view_hash', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('home_views_pk', ['team_id', 'slack_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_views').ifExists().execute();
}
