import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyImport, knownIds } from '../app/import/apply-import.js';
import { formatSummary } from '../app/import/format-summary.js';
import { startOkrbot } from '../app/start-okrbot.js';
import { LocalSlack } from '../localslack/local-slack.js';
import { SignedClient } from '../localslack/signed-client.js';
import { parseImportFile } from '../people/index.js';
import type { CliIo } from '../platform/cli-io.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open-database.js';
import { sampleOrgText, sampleSlackUsers } from './sample-org.js';
import { DEMO_SCENES, type DemoWorld } from './scenes.js';

const SIGNING_SECRET = 'demo-signing-secret-not-for-production';

/**
 * `okrbot demo`: okrbot against the local Slack with a fresh SQLite file and the sample HR organisation,
 * playing a short week. Prints what each person would see in Slack, then exits 0.
 */
export async function runDemo(io: CliIo): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'okrbot-demo-'));
  const clock = { at: new Date('2026-11-23T00:30:00Z') };
  const slack = await LocalSlack.start({
    teamId: 'T0ACME',
    teamName: 'Acme People',
    users: sampleSlackUsers(),
    channels: [
      { id: 'C0TALENT', name: 'talent' },
      { id: 'C0PEOPLE', name: 'people-ops' },
    ],
  });
  const databaseUrl = `sqlite:${join(dir, 'okrbot.db')}`;
  const database = openDatabase(databaseUrl);
  const config: Config = {
    slackBotToken: slack.botToken,
    slackSigningSecret: SIGNING_SECRET,
    slackAppToken: undefined,
    slackApiUrl: slack.apiUrl,
    port: 0,
    databaseUrl,
    logLevel: 'error',
    defaultTimeZone: 'UTC',
    apiTokenPepper: undefined,
    adminIds: [],
    slackPostPerMinute: 3000,
  };
  try {
    await migrateToLatest(database.db);
    const bot = await startOkrbot({ config, database, scheduler: false, now: () => new Date(clock.at) });
    const client = new SignedClient({
      appUrl: `http://127.0.0.1:${bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      slack,
    });
    const out = (line = '') => io.stdout.write(`${line}\n`);
    out('okrbot demo: a short week at Acme People, against a local Slack (no Slack account needed)');
    out(`database: ${databaseUrl}`);
    out();

    const parsed = parseImportFile(sampleOrgText(), await knownIds(database.db, bot.ctx.teamId));
    if (!parsed.ok) throw new Error(`the sample organisation is invalid: ${JSON.stringify(parsed.problems)}`);
    const summary = await applyImport(database.db, bot.ctx.teamId, parsed.file, clock.at);
    out('Loaded the sample HR organisation (src/demo/sample-org.yaml):');
    out(formatSummary(summary));

    const world: DemoWorld = { bot, slack, client, clock, db: database.db, teamId: bot.ctx.teamId };
    for (const scene of DEMO_SCENES) {
      slack.annotate(`\n━━ ${scene.title}`);
      await scene.play(world);
      await slack.waitForIdle(150);
    }
    out();
    for (const line of slack.transcript()) out(line);
    out();
    out('End of the demo. Set up your own workspace from manifest/manifest.yml (see README).');
    await bot.stop();
    return 0;
  } finally {
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
