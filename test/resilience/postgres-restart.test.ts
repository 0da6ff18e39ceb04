import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkinJobs } from '../../src/checkins/jobs.js';
import { seedCheckinOrg } from '../bench/checkin-round.bench.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { type Harness, startHarness } from '../support/harness.js';
import { repoRoot } from '../support/paths.js';
import { waitUntil } from './processes.js';

// Postgres restarted in the middle of a check-in round. The test starts a PRIVATE PostgreSQL of its own
// (never the shared one in OKRBOT_TEST_POSTGRES_URL, which other tests use) with the binaries under
// /usr/lib/postgresql/*/bin, and restarts it while the round's prompts are being sent. The ticks that
// follow finish the round: every owner gets exactly one prompt, every team one thread.
const AT = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul
const OWNERS = 60;
const MINUTE = 60_000;

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(a) - Number(b));
  for (const v of versions.reverse())
    if (existsSync(join(base, v, 'bin', 'pg_ctl'))) return join(base, v, 'bin');
  return undefined;
}

const BIN = postgresBin();

/** A loopback port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
/** Runs a command without blocking this process; waits for it to exit (not for the server it leaves running). */
const run = (cmd: string, args: string[]) =>
  new Promise<void>((resolveRun, reject) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolveRun() : reject(new Error(`${cmd} exited ${code}`))));
  });
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

describe.skipIf(!BIN)(
  'Postgres restarted mid-round (a private server; skipped without PostgreSQL binaries)',
  () => {
    // Directly under the temp folder: the postgres user must be able to reach it.
    const dir = join(tmpdir(), `okrbot-pg-restart-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
    let port = 0;
    let url = '';
    let h: Harness | undefined;

    afterAll(async () => {
      await h?.slack.waitForIdle(100, 20_000).catch(() => undefined);
      await h?.stop().catch(() => undefined);
      if (existsSync(join(dir, 'postmaster.pid')))
        execFileSync(...asPostgres(`${BIN}/pg_ctl`, ['-D', dir, 'stop', '-m', 'immediate']), {
          stdio: 'ignore',
        });
      rmSync(dir, { recursive: true, force: true });
    });

    it('a round survives the restart: every prompt once', { timeout: 120_000 }, async () => {
      // A port the system says is free (a random one can be an ephemeral port another test's socket holds).
      port = await freePort();
      let out: string;
      try {
        out = execFileSync('bash', [resolve(repoRoot, '.ci/start-postgres.sh'), dir, String(port)], {
          encoding: 'utf8',
        });
      } catch (error) {
        const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
        throw new Error(`the private PostgreSQL did not start on port ${port}: ${String(error)}\n${log}`);
      }
      url = out.trim().split('\n').pop()!;
      expect(url).toMatch(/^postgres:\/\//);
      h = await startHarness({
        now: AT,
        databaseUrl: url,
        jobs: checkinJobs(),
        config: { slackPostPerMinute: 100_000 },
      });
      const { owners, users } = await seedCheckinOrg(h.db, {
        teamId: h.teamId,
        owners: OWNERS,
        teamSize: 10,
        krsPerOwner: 1,
        timeZones: ['Asia/Seoul'],
        at: new Date(AT.getTime() - 86_400_000),
      });
      for (const u of users) h.slack.setUser(u);
      const world = h;
      const prompted = () =>
        owners.filter((o) =>
          world.slack.messages(o).some((m) => dedupeKeyOf(m).startsWith('checkin-prompt:')),
        ).length;

      world.slack.failEvery('chat.postMessage', 1, { delayMs: 300 });
      world.clock.set(AT);
      const round = world.bot.tick(AT).catch((error: Error) => ({ error: error.message }));
      await waitUntil(() => prompted() >= 10, 60_000, 'prompts reaching Slack');
      const atRestart = prompted();
      // Not execFileSync: the round goes on in this process while Postgres restarts.
      await run(
        ...asPostgres(`${BIN}/pg_ctl`, [
          '-D',
          dir,
          '-l',
          join(dir, 'server.log'),
          'restart',
          '-m',
          'fast',
          '-w',
          '-t',
          '60',
        ]),
      );
      const afterRestart = prompted();
      const result = await round; // it may have failed part-way: the next ticks finish the round
      console.log(
        `postgres restart: ${atRestart} of ${OWNERS} prompts in Slack when it began, ${afterRestart} when Postgres was back; the round's tick: ${JSON.stringify(result).slice(0, 300)}`,
      );
      expect(atRestart).toBeLessThan(OWNERS);
      world.slack.clearFaults();

      let done = false;
      for (let i = 1; i <= 6 && !done; i++) {
        const at = new Date(AT.getTime() + i * MINUTE);
        world.clock.set(at);
        await world.bot.tick(at).catch(() => undefined);
        const left = await world.db
          .selectFrom('outbox')
          .select('id')
          .where('status', '!=', 'sent')
          .execute()
          .catch(() => [{ id: 'unreachable' }]);
        done = left.length === 0;
      }
      expect(done).toBe(true);
      await world.slack.waitForIdle(100, 20_000);
      for (const o of owners)
        expect(
          world.slack.messages(o).filter((m) => dedupeKeyOf(m).startsWith('checkin-prompt:')),
        ).toHaveLength(1);
      for (let t = 1; t <= OWNERS / 10; t++) expect(world.slack.messages(`C0TEAM${t}`)).toHaveLength(1);
      const prompts = await world.db.selectFrom('checkin_prompts').select('owner_slack_id').execute();
      expect(new Set(prompts.map((p) => p.owner_slack_id)).size).toBe(OWNERS);
    });
  },
);
