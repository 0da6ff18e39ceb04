import type { Kysely } from 'kysely';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText, sampleSlackUsers } from '../../src/demo/sample-org.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { newId } from '../../src/platform/db/ids.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/open-database.js';
import type { Database } from '../../src/platform/db/schema.js';
import { seedCheckinOrg } from '../bench/checkin-round.bench.js';
import { freshSqliteUrl } from '../support/databases.js';
import { SIGNING_SECRET, TEAM_ID } from '../support/harness.js';
import { okrbotEnv, type ServeProcess, startServe } from './processes.js';

const DAY = 86_400_000;

/** The latest Monday 10:00 in Seoul (01:00 UTC) at or before `now`: the seeded owners' round. */
export function latestRoundAt(now = new Date()): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 1));
  while (d.getUTCDay() !== 1 || d.getTime() > now.getTime()) d.setTime(d.getTime() - DAY);
  return d;
}

export interface LoadWorld {
  slack: LocalSlack;
  database: DatabaseHandle;
  db: Kysely<Database>;
  url: string;
  env: Record<string, string>;
  teamId: string;
  /** When the seeded owners' round opened, and its key. */
  roundAt: Date;
  round: string;
  /** The seeded key-result owners (one key result each), and their key result's id. */
  owners: string[];
  krOf: Map<string, string>;
  /** Seeded monthly KPIs, nobody else writes to them. */
  kpiKeys: string[];
  /** A readings API token. */
  token: string;
  serve?: ServeProcess;
  client?: SignedClient;
  /** Starts `okrbot serve` on the database (again, after a kill) and points `client` at it. */
  startServe(args?: string[], env?: Record<string, string>): Promise<ServeProcess>;
  stop(): Promise<void>;
}

export interface LoadWorldOptions {
  owners: number;
  kpis: number;
  /** Defaults to a fresh SQLite file. */
  databaseUrl?: string;
  /** Reuse a local Slack. */
  slack?: LocalSlack;
  /** The seeded owners' zone (default Asia/Seoul). */
  timeZone?: string;
}

/**
 * A database with the sample org, plus `owners` key-result owners in Seoul (teams of 30, their round opened
 * on the latest Monday) and `kpis` monthly KPIs (range 0–100, alerting only below 1), a readings API token,
 * and a local Slack that knows them all. `startServe()` runs okrbot on it.
 */
export async function seedLoadWorld(o: LoadWorldOptions): Promise<LoadWorld> {
  const roundAt = latestRoundAt();
  const seededAt = new Date(roundAt.getTime() - DAY);
  const slack =
    o.slack ??
    (await LocalSlack.start({ teamId: TEAM_ID, teamName: 'Acme People', users: sampleSlackUsers() }));
  const url = o.databaseUrl ?? (await freshSqliteUrl());
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const db = database.db;
  const parsed = parseImportFile(sampleOrgText(), await knownIds(db, TEAM_ID));
  if (!parsed.ok) throw new Error(`sample org is invalid: ${JSON.stringify(parsed.problems)}`);
  await applyImport(db, TEAM_ID, parsed.file, seededAt);
  const { owners, users } = await seedCheckinOrg(db, {
    teamId: TEAM_ID,
    owners: o.owners,
    teamSize: 30,
    krsPerOwner: 1,
    timeZones: [o.timeZone ?? 'Asia/Seoul'],
    at: seededAt,
  });
  for (const u of users) slack.setUser(u);
  const krOf = new Map<string, string>();
  for (let i = 0; i < owners.length; i += 500)
    for (const kr of await db
      .selectFrom('key_results')
      .select(['id', 'owner_slack_id'])
      .where('owner_slack_id', 'in', owners.slice(i, i + 500))
      .execute())
      krOf.set(kr.owner_slack_id, kr.id);
  const kpiKeys = await seedKpis(db, o.kpis, owners[0] ?? 'U01MINA');
  const token = (await createApiToken(db, TEAM_ID, 'load', new Date())).token;
  const env = okrbotEnv(slack, url);
  const world: LoadWorld = {
    slack,
    database,
    db,
    url,
    env,
    teamId: TEAM_ID,
    roundAt,
    round: roundAt.toISOString().slice(0, 10),
    owners,
    krOf,
    kpiKeys,
    token,
    startServe: async (args = [], extra = {}) => {
      const serve = await startServe({ ...env, ...extra }, args);
      world.serve = serve;
      world.client = new SignedClient({
        appUrl: `http://127.0.0.1:${serve.port}/slack/events`,
        signingSecret: SIGNING_SECRET,
        slack,
      });
      return serve;
    },
    stop: async () => {
      await world.serve?.stop();
      await database.close();
      if (!o.slack) await slack.stop();
    },
  };
  return world;
}

async function seedKpis(db: Kysely<Database>, n: number, owner: string): Promise<string[]> {
  const at = new Date(Date.now() - DAY).toISOString();
  const rows = Array.from({ length: n }, (_, i) => ({
    id: newId('kpi'),
    team_id: TEAM_ID,
    key: `load-kpi-${i + 1}`,
    name: `Load KPI ${i + 1}`,
    unit: '%',
    direction: 'higher_is_better' as const,
    owner_slack_id: owner,
    channel_id: 'C0TEAM1',
    team_key: 'team-1',
    cadence: 'monthly' as const,
    range_low: 0,
    range_high: 100,
    aspirational: null,
    alert_threshold: 1,
    protocol: 'Look at it',
    created_at: at,
    updated_at: at,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('kpis')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.map((r) => r.key);
}

/** The `months` monthly periods before the current one (UTC), newest last. */
export function monthlyPeriods(months: number, now = new Date()): string[] {
  return Array.from({ length: months }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Every stored reading of the given KPIs, as `key period` → value. */
export async function storedReadings(db: Kysely<Database>, keys: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('kpi_readings')
      .innerJoin('kpis', 'kpis.id', 'kpi_readings.kpi_id')
      .select(['kpis.key', 'kpi_readings.period', 'kpi_readings.value'])
      .where('kpis.key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(`${r.key} ${r.period}`, r.value);
  }
  return out;
}

/** Each owner's stored check-in value for the round, by owner. */
export async function storedCheckins(
  db: Kysely<Database>,
  round: string,
): Promise<Map<string, number | null>> {
  const rows = await db
    .selectFrom('checkins')
    .select(['owner_slack_id', 'value'])
    .where('round_key', '=', round)
    .execute();
  return new Map(rows.map((r) => [r.owner_slack_id, r.value]));
}

/** Latency figures of a list of durations (ms). */
export function figures(ms: number[]): { n: number; p50: number; p99: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] ?? 0 };
}
