import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText, sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/platform/db/open-database.js';
import { seedCheckinOrg } from '../bench/checkin-round.bench.js';
import { dialectsUnderTest, freshPostgresUrl, freshSqliteUrl } from '../support/databases.js';
import { repoRoot } from '../support/paths.js';

// `okrbot tick --at` as real processes (the compiled dist/, as `npm test` builds it), against a local
// Slack in this process: a process killed mid-round and started again, and two schedulers at once.
const TEAM = 'T0LOCAL';
const AT = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul
const ROUND = '2026-11-23';
const BIN = resolve(repoRoot, 'bin/okrbot.js');

/** Fails with a clear message when dist/ is missing or older than the check-in sources it runs. */
function requireFreshBuild(): void {
  const pairs = [
    'src/checkins/jobs',
    'src/checkins/jobs/prompts',
    'src/checkins/store/index',
    'src/platform/outbox/sender',
    'src/cli/main',
    'migrations/0002_checkins',
  ];
  for (const p of pairs) {
    const src = resolve(repoRoot, `${p}.ts`);
    const out = resolve(repoRoot, `dist/${p}.js`);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
      throw new Error(
        `dist/${p}.js is missing or older than ${p}.ts: run npx tsc -p tsconfig.build.json first`,
      );
    }
  }
}

interface World {
  slack: LocalSlack;
  database: DatabaseHandle;
  url: string;
  owners: string[];
}

let world: World | undefined;
afterEach(async () => {
  await world?.database.close();
  await world?.slack.stop();
  world = undefined;
});

async function setUp(dialect: Dialect, ownerCount: number): Promise<World> {
  requireFreshBuild();
  const url = dialect === 'postgres' ? await freshPostgresUrl() : await freshSqliteUrl();
  const database = openDatabase(url);
  await migrateToLatest(database.db);
  const { owners, users } = await seedCheckinOrg(database.db, {
    teamId: TEAM,
    owners: ownerCount,
    teamSize: 30,
    krsPerOwner: 2,
    timeZones: ['Asia/Seoul'],
    at: AT,
  });
  // The local Slack's clock runs from the tick's instant, so message timestamps and the outbox agree.
  const started = Date.now();
  const slack = await LocalSlack.start({
    teamId: TEAM,
    users,
    now: () => AT.getTime() + (Date.now() - started),
  });
  world = { slack, database, url, owners };
  return world;
}

function tickProcess(
  w: World,
  at: Date,
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'tick', '--at', at.toISOString()], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: w.slack.botToken,
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_API_URL: w.slack.apiUrl,
      DATABASE_URL: w.url,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveDone) =>
    child.on('exit', (code) => resolveDone({ code, stdout, stderr })),
  );
  return { child, done };
}

/** How many prompts each owner has in their DM, and how many chat.postMessage calls into it succeeded. */
function delivered(w: World): { prompts: Map<string, number>; posts: Map<string, number> } {
  const prompts = new Map<string, number>();
  const posts = new Map<string, number>();
  for (const owner of w.owners) {
    const dm = w.slack.dmChannelOf(owner);
    prompts.set(
      owner,
      w.slack
        .messages(owner)
        .filter(
          (m) =>
            (m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key ===
            `checkin-prompt:${TEAM}:${owner}:${ROUND}`,
        ).length,
    );
    posts.set(
      owner,
      w.slack
        .callsTo('chat.postMessage')
        .filter((c) => c.response.ok === true && dm !== undefined && c.response.channel === dm).length,
    );
  }
  return { prompts, posts };
}

const counts = (m: Map<string, number>) => [...new Set(m.values())].sort();

describe('okrbot tick --at, as an operator runs it', () => {
  it('Monday 10:00 in Seoul sends the Seoul owner’s prompt and not the New York owner’s; a rerun sends nothing', {
    timeout: 60_000,
  }, async () => {
    requireFreshBuild();
    const url = await freshSqliteUrl();
    const database = openDatabase(url);
    await migrateToLatest(database.db);
    const parsed = parseImportFile(sampleOrgText(), await knownIds(database.db, TEAM));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await applyImport(database.db, TEAM, parsed.file, AT);
    const slack = await LocalSlack.start({ teamId: TEAM, users: sampleSlackUsers() });
    world = { slack, database, url, owners: ['U01MINA', 'U03DANA', 'U05PRIYA'] };

    const first = await tickProcess(world, AT).done;
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('checkin-prompts: {"owners":3,"due":1,"prompted":1');
    expect(Object.fromEntries(delivered(world).prompts)).toEqual({ U01MINA: 1, U03DANA: 0, U05PRIYA: 0 });
    expect(slack.messages('C0TALENT')).toHaveLength(1); // the round's thread in the talent channel

    const posts = slack.callsTo('chat.postMessage').length;
    const again = await tickProcess(world, AT).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('"prompted":0');
    expect(again.stdout).toContain('messages: 0 sent');
    expect(slack.callsTo('chat.postMessage').length).toBe(posts);

    const newYork = await tickProcess(world, new Date('2026-11-23T15:00:00Z')).done;
    expect(newYork.code, newYork.stderr).toBe(0);
    // Dana's 10:00; Priya's (Kolkata) came while no tick ran, and 20:30 there is too late to send it now.
    expect(Object.fromEntries(delivered(world).prompts)).toEqual({ U01MINA: 1, U03DANA: 1, U05PRIYA: 0 });
  });
});

describe('a round survives a crash: okrbot tick killed mid-round, then run again', () => {
  it('every owner receives exactly one prompt', { timeout: 60_000 }, async () => {
    const w = await setUp('sqlite', 60);
    w.slack.failEvery('chat.postMessage', 1, { delayMs: 40 }); // Slack answers slowly: the round takes a while
    const first = tickProcess(w, AT);
    await waitUntil(() => [...delivered(w).prompts.values()].filter((n) => n > 0).length >= 12, 20_000);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBeNull();
    await w.slack.waitForIdle(100);

    const before = delivered(w);
    const reached = [...before.prompts.values()].filter((n) => n > 0).length;
    expect(reached).toBeGreaterThanOrEqual(12);
    expect(reached).toBeLessThan(60);
    // Messages the dead process had claimed: some reached Slack, but the database never heard back.
    const inFlight = await w.database.db
      .selectFrom('outbox')
      .select('dedupe_key')
      .where('status', '=', 'sending')
      .execute();
    expect(inFlight.length).toBeGreaterThan(0);
    const sentButUnrecorded = inFlight.filter((r) => {
      const owner = r.dedupe_key.split(':')[2]!;
      return (before.prompts.get(owner) ?? 0) > 0;
    });

    expect(sentButUnrecorded.length).toBeGreaterThan(0);
    // A rerun at the same instant sends what was never tried, and nothing twice.
    w.slack.clearFaults();
    const rerun = await tickProcess(w, AT).done;
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(counts(delivered(w).prompts).every((n) => n <= 1)).toBe(true);

    // The next minute's tick takes over the dead process's claims (their lease ran out), finds the ones already
    // in Slack by their key, and sends the rest.
    const next = await tickProcess(w, new Date(AT.getTime() + 2 * 60_000)).done;
    expect(next.code, next.stderr).toBe(0);
    const after = delivered(w);
    expect(counts(after.prompts)).toEqual([1]);
    expect(counts(after.posts)).toEqual([1]);
    const left = await w.database.db
      .selectFrom('outbox')
      .select(['status'])
      .where('status', '!=', 'sent')
      .execute();
    expect(left).toEqual([]);
    const prompts = await w.database.db
      .selectFrom('checkin_prompts')
      .select('owner_slack_id')
      .where('round_key', '=', ROUND)
      .execute();
    expect(prompts).toHaveLength(60);
    // The ones that were in Slack but not recorded were recognised, not sent again.
    for (const r of sentButUnrecorded) expect(after.posts.get(r.dedupe_key.split(':')[2]!)).toBe(1);
  });
});

describe.each(dialectsUnderTest())('two schedulers on one database (%s)', (dialect) => {
  it('running the same instant at once, every owner receives exactly one prompt and each team one thread', {
    timeout: 60_000,
  }, async () => {
    const w = await setUp(dialect, 150);
    w.slack.failEvery('chat.postMessage', 1, { delayMs: 5 });
    const [a, b] = await Promise.all([tickProcess(w, AT).done, tickProcess(w, AT).done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const { prompts, posts } = delivered(w);
    expect(counts(prompts)).toEqual([1]);
    expect(counts(posts)).toEqual([1]);
    // Both did work: each process sent part of the round.
    const sentBy = await w.database.db.selectFrom('outbox').select('claimed_by').distinct().execute();
    expect(sentBy.length).toBe(2);
    for (const team of ['C0TEAM1', 'C0TEAM2', 'C0TEAM3', 'C0TEAM4', 'C0TEAM5']) {
      expect(w.slack.messages(team)).toHaveLength(1);
    }
    // And a third run at the same instant finds nothing to do.
    const calls = w.slack.callsTo('chat.postMessage').length;
    const c = await tickProcess(w, AT).done;
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain('"prompted":0');
    expect(w.slack.callsTo('chat.postMessage').length).toBe(calls);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
