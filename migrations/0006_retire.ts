import type { Kysely } from 'kysely';

// Retiring what a re-import no longer lists: people, objectives, key results and KPIs keep their rows (and
// their check-ins, readings and alerts) but stop being prompted or checked. Null means active. SQLite takes
// one ADD COLUMN per ALTER TABLE.
const TABLES = ['people', 'objectives', 'key_results', 'kpis'] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('retired_at', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('retired_at').execute();
}
