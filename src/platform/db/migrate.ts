import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../../migrations/index.js';
import type { Database } from './schema.js';

/**
 * Applies every pending migration. Safe to call from several replicas at once: Kysely takes a lock
 * (an advisory lock on Postgres, a lock table row on SQLite) around the run.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(
      failed
        ? `migration ${failed} failed: ${reason}`
        : `the database did not answer, so no migration ran (${reason})`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations this build has that the database has not run yet (empty when current). */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
