import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_checkins.js';
import * as m0003 from './0003_kpi_alerts.js';

/**
 * Every migration, by name, in order. A static list (not a folder scan) so the same set runs from
 * TypeScript sources in tests and from compiled JavaScript in production, on SQLite and on Postgres.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_checkins': m0002,
  '0003_kpi_alerts': m0003,
};
