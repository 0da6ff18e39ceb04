import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';

/**
 * Every migration, by name, in order. A static list (not a folder scan) so the same set runs from
 * TypeScript sources in tests and from compiled JavaScript in production, on SQLite and on Postgres.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
