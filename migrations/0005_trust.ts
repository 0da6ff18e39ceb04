import type { Kysely } from 'kysely';

// Who may do what, and a record of it: admins (from the import file's `admins:`; OKRBOT_ADMINS adds more at
// run time) and the audit log of definition changes, replaced readings, alert responses, imports, quarter
// closes and role changes. Portable types only; SQLite takes one ADD COLUMN per ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('people')
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // A Slack user id, `cli`, `api:<token name>` or `import`.
    .addColumn('actor', 'text', (c) => c.notNull())
    // kpi.define, reading.replace, alert.acknowledge, alert.snooze, import, quarter.close, role.change…
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema
    .createIndex('audit_events_team_at_ix')
    .on('audit_events')
    .columns(['team_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_events_subject_ix')
    .on('audit_events')
    .columns(['team_id', 'subject'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').ifExists().execute();
  await db.schema.alterTable('people').dropColumn('is_admin').execute();
}
