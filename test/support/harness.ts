import type { Kysely } from 'kysely';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { type RunningOkrbot, startOkrbot } from '../../src/app/start-okrbot.js';
import { sampleOrgText, sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import type { LocalUser } from '../../src/localslack/types.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import type { Config } from '../../src/platform/config.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type Dialect, openDatabase } from '../../src/platform/db/open-database.js';
import type { Database } from '../../src/platform/db/schema.js';
import type { ScheduledJob } from '../../src/platform/scheduler/tick.js';
import { freshPostgresUrl, freshSqliteUrl } from './databases.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEAM_ID = 'T0LOCAL';

/** A clock the test moves by hand; okrbot reads time only from here. */
export class TestClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current.getTime());
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  slack: LocalSlack;
  client: SignedClient;
  bot: RunningOkrbot;
  db: Kysely<Database>;
  teamId: string;
  clock: TestClock;
  config: Config;
  databaseUrl: string;
  /** Loads the sample HR organisation (src/demo/sample-org.yaml). */
  importSample(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  dialect?: Dialect;
  /** An existing database to reuse (e.g. to restart the bot on the same data). */
  databaseUrl?: string;
  now?: Date | string;
  users?: LocalUser[];
  jobs?: ScheduledJob[];
  /** Reuse a running local Slack (e.g. two bots on one Slack). */
  slack?: LocalSlack;
  /** Settings to change from the test defaults. */
  config?: Partial<Config>;
  /** Receives every JSON log line. */
  logSink?: (line: string) => void;
}

/**
 * okrbot, running for real over HTTP on a free port, against the project's local Slack and a fresh
 * migrated database, with no scheduler (tests call `bot.tick(at)` to control time).
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock(new Date(options.now ?? '2026-11-23T00:00:00Z'));
  const ownSlack = !options.slack;
  const slack =
    options.slack ??
    (await LocalSlack.start({
      teamId: TEAM_ID,
      teamName: 'Acme People',
      users: options.users ?? sampleSlackUsers(),
    }));
  const databaseUrl =
    options.databaseUrl ??
    (options.dialect === 'postgres' ? await freshPostgresUrl() : await freshSqliteUrl());
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  const config: Config = {
    slackBotToken: slack.botToken,
    slackSigningSecret: SIGNING_SECRET,
    slackAppToken: undefined,
    slackApiUrl: slack.apiUrl,
    port: 0,
    databaseUrl,
    logLevel: (process.env.OKRBOT_TEST_LOG_LEVEL as Config['logLevel']) ?? 'error',
    defaultTimeZone: 'UTC',
    apiTokenPepper: undefined,
    adminIds: [],
    slackPostPerMinute: 3000,
    ...options.config,
  };
  const bot = await startOkrbot({
    config,
    database,
    scheduler: false,
    now: clock.now,
    ...(options.jobs ? { jobs: options.jobs } : {}),
    ...(options.logSink ? { logSink: options.logSink } : {}),
  });
  const client = new SignedClient({
    appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    slack,
  });
  return {
    slack,
    client,
    bot,
    db: database.db,
    teamId: bot.ctx.teamId,
    clock,
    config,
    databaseUrl,
    importSample: async () => {
      const parsed = parseImportFile(sampleOrgText(), await knownIds(database.db, bot.ctx.teamId));
      if (!parsed.ok) throw new Error(`sample org is invalid: ${JSON.stringify(parsed.problems)}`);
      await applyImport(database.db, bot.ctx.teamId, parsed.file, clock.now());
    },
    stop: async () => {
      await bot.stop();
      if (ownSlack) await slack.stop();
    },
  };
}
