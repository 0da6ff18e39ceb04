import type { Kysely } from 'kysely';

// Quarters: closing a quarter scores each key result and objective and keeps the grade with them; a
// committed objective that fell short gets its owner's reflection; a team says where its report goes.
// Objectives' status gains `planned` (a text column: no change needed; `draft` stays readable).
// Portable types only; SQLite takes one ADD COLUMN per ALTER TABLE.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  // `channel` (the default) or `lead`: where the quarter report goes.
  await db.schema
    .alterTable('teams')
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('channel'))
    .execute();
  // The mean of its key results' scores at the close, and who closed it.
  await db.schema.alterTable('objectives').addColumn('score', 'double precision').execute();
  await db.schema.alterTable('objectives').addColumn('closed_by', 'text').execute();
  // The owner's own score (0..1) at the closing check-in, for a key result without baseline or target.
  await db.schema.alterTable('key_results').addColumn('closing_score', 'double precision').execute();
  // Written by the close: final value, grade (0..1), achievement before clamping, and how it was scored.
  await db.schema.alterTable('key_results').addColumn('final_value', 'double precision').execute();
  await db.schema.alterTable('key_results').addColumn('score', 'double precision').execute();
  await db.schema.alterTable('key_results').addColumn('achievement', 'double precision').execute();
  await db.schema.alterTable('key_results').addColumn('score_source', 'text').execute();

  await db.schema
    .createTable('objective_reflections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('author_slack_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One reflection per objective: answering again replaces it.
  await db.schema
    .createIndex('objective_reflections_objective_uq')
    .on('objective_reflections')
    .column('objective_id')
    .unique()
    .execute();
  await db.schema
    .createIndex('objectives_status_quarter_ix')
    .on('objectives')
    .columns(['team_id', 'status', 'quarter'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('objectives_status_quarter_ix').ifExists().execute();
  await db.schema.dropTable('objective_reflections').ifExists().execute();
  for (const column of ['score_source', 'achievement', 'score', 'final_value', 'closing_score']) {
    await db.schema.alterTable('key_results').dropColumn(column).execute();
  }
  await db.schema.alterTable('objectives').dropColumn('closed_by').execute();
  await db.schema.alterTable('objectives').dropColumn('score').execute();
  await db.schema.alterTable('teams').dropColumn('report').execute();
}
