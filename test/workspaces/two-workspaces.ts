import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { type RunningOkrbot, startOkrbot } from '../../src/app/start-okrbot.js';
import { sampleOrgText, sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlackWorkspaces } from '../../src/localslack/local-slack-workspaces.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import type { Config } from '../../src/platform/config.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type Dialect, openDatabase } from '../../src/platform/db/open-database.js';
import type { Database } from '../../src/platform/db/schema.js';
import { freshPostgresUrl, freshSqliteUrl } from '../support/databases.js';
import { SIGNING_SECRET, TestClock } from '../support/harness.js';

export const TEAM_A = 'TA0000001';
export const TEAM_B = 'TB0000002';
export const STATE_SECRET = 'state-secret-for-the-workspace-tests';

/** Workspace B's organisation: the sample's, with B's own user and channel ids and B's own words. */
export function bravoOrgText(): string {
  return sampleOrgText()
    .replace(/\bU0/g, 'UB')
    .replace(/\bC0/g, 'CB')
    .replace('Build a recruiting function', 'BRAVO-ONLY build a recruiting function')
    .replace('key: hr-sla', 'key: bravo-sla');
}

function bravoUsers() {
  return sampleSlackUsers().map((u) => ({ ...u, id: u.id.replace(/^U0/, 'UB') }));
}

export interface TwoWorkspaces {
  slack: LocalSlackWorkspaces;
  bot: RunningOkrbot;
  db: Kysely<Database>;
  clock: TestClock;
  config: Config;
  logs: string[];
  /** A signed client for a workspace, or one that claims `claimTeam` from inside `teamId`'s Slack. */
  client(teamId: string, claimTeam?: string): SignedClient;
  /** Installs okrbot in a workspace through the browser's OAuth flow; returns the last page's status. */
  install(teamId: string): Promise<number>;
  importOrg(teamId: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** okrbot in OAuth mode over HTTP, against a local Slack with workspaces A and B (neither installed yet). */
export async function startTwoWorkspaces(
  opts: { tokenLifetimeSec?: number; dialect?: Dialect } = {},
): Promise<TwoWorkspaces> {
  const clock = new TestClock(new Date('2026-11-23T00:00:00Z'));
  const slack = await LocalSlackWorkspaces.start({
    workspaces: [
      {
        teamId: TEAM_A,
        teamName: 'Acme People',
        users: sampleSlackUsers(),
        channels: [
          { id: 'C0TALENT', name: 'talent' },
          { id: 'C0PEOPLE', name: 'people-ops' },
        ],
      },
      {
        teamId: TEAM_B,
        teamName: 'Bravo Works',
        users: bravoUsers(),
        channels: [
          { id: 'CBTALENT', name: 'talent' },
          { id: 'CBPEOPLE', name: 'people-ops' },
        ],
      },
    ],
    ...(opts.tokenLifetimeSec ? { tokenLifetimeSec: opts.tokenLifetimeSec } : {}),
  });
  const databaseUrl = opts.dialect === 'postgres' ? await freshPostgresUrl() : await freshSqliteUrl();
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const config: Config = {
    slackBotToken: '',
    slackSigningSecret: SIGNING_SECRET,
    slackAppToken: undefined,
    slackApiUrl: slack.apiUrl,
    port: 0,
    databaseUrl,
    logLevel: 'info',
    defaultTimeZone: 'UTC',
    apiTokenPepper: undefined,
    adminIds: [],
    slackPostPerMinute: 3000,
    oauth: {
      clientId: slack.clientId,
      clientSecret: slack.clientSecret,
      stateSecret: STATE_SECRET,
      encryptionKey: randomBytes(32),
    },
  };
  const logs: string[] = [];
  const bot = await startOkrbot({
    config,
    database,
    scheduler: false,
    now: clock.now,
    logSink: (line) => logs.push(line),
  });
  const appBase = `http://127.0.0.1:${bot.port}`;
  slack.redirectUri = `${appBase}/slack/oauth_redirect`;
  return {
    slack,
    bot,
    db: database.db,
    clock,
    config,
    logs,
    client: (teamId, claimTeam) =>
      new SignedClient({
        appUrl: `${appBase}/slack/events`,
        signingSecret: SIGNING_SECRET,
        slack: slack.workspace(teamId),
        ...(claimTeam ? { teamId: claimTeam } : {}),
      }),
    install: (teamId) => installThroughBrowser(appBase, teamId),
    importOrg: async (teamId, text) => {
      const parsed = parseImportFile(text, await knownIds(database.db, teamId));
      if (!parsed.ok) throw new Error(`org is invalid: ${JSON.stringify(parsed.problems)}`);
      await applyImport(database.db, teamId, parsed.file, clock.now());
    },
    stop: async () => {
      await bot.stop();
      await slack.stop();
    },
  };
}

/**
 * What a browser does: GET /slack/install (okrbot sets the state cookie and redirects to Slack), approve
 * in workspace `teamId` (Slack redirects back with a code), GET /slack/oauth_redirect with the cookie.
 */
async function installThroughBrowser(appBase: string, teamId: string): Promise<number> {
  const start = await fetch(`${appBase}/slack/install`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`/slack/install answered ${start.status}`);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const approve = new URL(start.headers.get('location') ?? '');
  approve.searchParams.set('team', teamId);
  const approved = await fetch(approve, { redirect: 'manual' });
  if (approved.status !== 302) throw new Error(`Slack's authorize page answered ${approved.status}`);
  const back = await fetch(approved.headers.get('location') ?? '', {
    headers: { cookie },
    redirect: 'manual',
  });
  await back.text();
  return back.status;
}

/**
 * Every table's rows, to compare before and after an attempt (slack_events only records deliveries; an
 * API token's last_used_at records that its own workspace's token was presented, and is left out).
 */
export async function snapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const tables = [
    'workspaces',
    'people',
    'teams',
    'objectives',
    'key_results',
    'objective_reflections',
    'checkin_prompts',
    'checkins',
    'kpis',
    'kpi_readings',
    'alerts',
    'api_tokens',
    'scheduled_jobs',
    'outbox',
    'audit_events',
    'installations',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await db.selectFrom(t).selectAll().execute();
  out.api_tokens = (out.api_tokens as Array<Record<string, unknown>>).map(({ last_used_at: _, ...r }) => r);
  // Row order is the database's own (Postgres moves an updated row): compare as sets.
  for (const t of Object.keys(out)) out[t] = (out[t] as unknown[]).map((r) => JSON.stringify(r)).sort();
  return out;
}
