import { afterEach, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../src/checkins/domain/schedule/index.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { type LoadWorld, seedLoadWorld } from './load-world.js';
import { requireFreshBuild, waitUntil } from './processes.js';

// `kill -9` of `okrbot serve` (its scheduler on, on the real clock) in the middle of a check-in round, then
// serve started again on the same database: every owner gets exactly one prompt and every team one thread.
// The round is due the minute the test starts (the teams' check-in day and time are set to now, in UTC), so
// the test waits for serve's next minute tick, and for the dead process's claims to run out (a minute):
// about two and a half minutes in all.
const OWNERS = 80;
const TEAMS = OWNERS / 30 + (OWNERS % 30 > 0 ? 1 : 0);

let w: LoadWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

/** Prompts in each owner's DM, by owner. */
function prompts(world: LoadWorld): Map<string, number> {
  return new Map(
    world.owners.map((o) => [
      o,
      world.slack.messages(o).filter((m) => dedupeKeyOf(m).startsWith('checkin-prompt:')).length,
    ]),
  );
}

describe('kill -9 of okrbot serve', () => {
  it('during a check-in round, then started again on the same database: every prompt once', {
    timeout: 300_000,
  }, async () => {
    requireFreshBuild();
    w = await seedLoadWorld({ owners: OWNERS, kpis: 0, timeZone: 'UTC' });
    const now = new Date();
    const day = WEEKDAYS[(now.getUTCDay() + 6) % 7]!;
    const time = now.toISOString().slice(11, 16);
    await w.db
      .updateTable('teams')
      .set({ checkin_day: day, checkin_time: time })
      .where('key', 'like', 'team-%')
      .execute();
    // Slack answers slowly, so the round takes a while.
    w.slack.failEvery('chat.postMessage', 1, { delayMs: 150 });
    const first = await w.startServe();
    await waitUntil(
      () => [...prompts(w!).values()].filter((n) => n > 0).length >= 15,
      90_000,
      'prompts reaching Slack',
    );
    await first.kill9();
    expect(first.child.signalCode).toBe('SIGKILL');
    const reached = [...prompts(w).values()].filter((n) => n > 0).length;
    expect(reached).toBeLessThan(OWNERS);

    w.slack.clearFaults();
    await w.startServe();
    await waitUntil(
      async () =>
        (await w!.db.selectFrom('outbox').select('id').where('status', '!=', 'sent').execute()).length ===
          0 && [...prompts(w!).values()].every((n) => n >= 1),
      200_000,
      'every prompt sent',
    );
    await w.slack.waitForIdle(200, 20_000);
    expect([...new Set(prompts(w).values())]).toEqual([1]);
    for (let t = 1; t <= TEAMS; t++) expect(w.slack.messages(`C0TEAM${t}`)).toHaveLength(1);
    const twice = new Map<string, number>();
    for (const m of w.slack.messages()) twice.set(dedupeKeyOf(m), (twice.get(dedupeKeyOf(m)) ?? 0) + 1);
    expect([...twice].filter(([k, n]) => k !== '' && n > 1)).toEqual([]);
  });
});
