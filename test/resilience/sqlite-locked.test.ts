import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { dedupeKeyOf, tickAt } from '../support/checkin-rounds.js';
import { type Harness, startHarness } from '../support/harness.js';
import { repoRoot } from '../support/paths.js';

// SQLite locked by another process: a second connection holds `BEGIN EXCLUSIVE` while people check in and
// readings arrive. Writes wait for the lock (busy timeout) and are answered in time, or, held past the busy
// timeout, are refused with a clear answer and write nothing; every accepted one is stored.
const MON_10_SEOUL = new Date('2026-11-23T01:00:00Z');
const MINA = 'U01MINA';

let h: Harness | undefined;
let locker: ChildProcess | undefined;
afterEach(async () => {
  locker?.kill('SIGKILL');
  await h?.slack.waitForIdle(100, 20_000).catch(() => undefined);
  await h?.stop();
  h = undefined;
});

/** Another process opens the database file, takes an exclusive lock, holds it `ms`, then commits. */
async function holdLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    import Database from 'better-sqlite3';
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, file, String(ms)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  locker = child;
  let out = '';
  const released = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the locking process exited (${code}) before locking`)));
  });
  return { released };
}

async function world(): Promise<{ h: Harness; token: string; file: string; viewId: string; krs: string[] }> {
  const harness = await startHarness({ now: MON_10_SEOUL });
  h = harness;
  await harness.importSample();
  const token = (await createApiToken(harness.db, harness.teamId, 'lock', harness.clock.now())).token;
  await tickAt(harness, MON_10_SEOUL);
  const prompt = harness.slack.messages(MINA).find((m) => dedupeKeyOf(m).startsWith('checkin-prompt:'))!;
  const clicked = await harness.client.blockAction({
    userId: MINA,
    actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
    message: { channel: prompt.channel, ts: prompt.ts },
  });
  const open = await harness.slack.waitFor(
    (c) => c.method === 'views.open' && c.args.trigger_id === clicked.triggerId,
  );
  const viewId = (open.response.view as { id: string }).id;
  const krs = (
    await harness.db
      .selectFrom('key_results')
      .select('id')
      .where('owner_slack_id', '=', MINA)
      .orderBy('position')
      .execute()
  ).map((r) => r.id);
  for (const kr of krs) {
    harness.client.setViewValue(viewId, `kr:${kr}:value`, 'value', '44');
    harness.client.setViewValue(viewId, `kr:${kr}:confidence`, 'confidence', 'on_track');
  }
  return { h: harness, token, file: harness.databaseUrl.slice('sqlite:'.length), viewId, krs };
}

function postReadings(h: Harness, token: string, readings: object[]) {
  return fetch(`http://127.0.0.1:${h.bot.port}/api/v1/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
    signal: AbortSignal.timeout(10_000),
  });
}

const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const v = await f();
  return [v, performance.now() - start];
};

describe('SQLite locked by another process', () => {
  it('a lock held for 1.5 s: check-ins and readings wait for it, are answered within 3 s, and are stored', {
    timeout: 60_000,
  }, async () => {
    const { h, token, file, viewId, krs } = await world();
    const lock = await holdLock(file, 1_500);
    const [[ack, ackMs], ...answers] = await Promise.all([
      timed(() => h.client.submitView(viewId, MINA)),
      ...['2026-08', '2026-09', '2026-10'].map((period, i) =>
        timed(() => postReadings(h, token, [{ kpi: 'time-to-hire', period, value: 40 + i }])),
      ),
    ]);
    await lock.released;
    expect(ack).toEqual({});
    expect(ackMs).toBeLessThan(3_000);
    for (const [res, ms] of answers) {
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(3_000);
    }
    const checkins = await h.db.selectFrom('checkins').select(['key_result_id', 'value']).execute();
    expect(checkins.map((c) => [c.key_result_id, c.value]).sort()).toEqual(krs.map((k) => [k, 44]).sort());
    const readings = await h.db
      .selectFrom('kpi_readings')
      .select(['period', 'value'])
      .orderBy('period')
      .execute();
    expect(readings).toEqual([
      { period: '2026-08', value: 40 },
      { period: '2026-09', value: 41 },
      { period: '2026-10', value: 42 },
    ]);
  });

  it('a lock held past the busy timeout: the readings API answers 503 and writes nothing; later writes work', {
    timeout: 60_000,
  }, async () => {
    const { h, token, file } = await world();
    const lock = await holdLock(file, 6_500);
    const res = await postReadings(h, token, [{ kpi: 'time-to-hire', period: '2026-10', value: 40 }]);
    const body = (await res.json()) as { ok: boolean; error?: string };
    await lock.released;
    expect(res.status).toBe(503);
    expect(body).toMatchObject({ ok: false, error: 'database_busy' });
    expect(await h.db.selectFrom('kpi_readings').selectAll().execute()).toEqual([]);
    const again = await postReadings(h, token, [{ kpi: 'time-to-hire', period: '2026-10', value: 40 }]);
    expect(again.status).toBe(200);
    expect(await h.db.selectFrom('kpi_readings').select('value').execute()).toEqual([{ value: 40 }]);
  });
});
