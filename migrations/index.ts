import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_checkins.js';
import * as m0003 from './0003_kpi_alerts.js';
import * as m0004 from './0004_quarters.js';
import * as m0005 from './0005_trust.js';
import * as m0006 from './0006_retire.js';
import * as m0007 from './0007_slack_events.js';
import * as m0008 from './0008_installations.js';
import * as m0011 from './0011_home_views.js';

/**
 * Every migration, by name, in order. A static list (not a folder scan) so the same set runs from
 * TypeScript sources in tests and from compiled JavaScript in production, on SQLite and on Postgres.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_checkins': m0002,
  '0003_kpi_alerts': m0003,
  '0004_quarters': m0004,
  '0005_trust': m0005,
  '0006_retire': m0006,
  '0007_slack_events': m0007,
  '0008_installations': m0008,
  '0011_home_views': m0011,
};
