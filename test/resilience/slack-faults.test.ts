import { afterEach, describe, expect, it } from 'vitest';
import { checkinJobs } from '../../src/checkins/jobs.js';
import type { Fault } from '../../src/localslack/types.js';
import { seedCheckinOrg } from '../bench/checkin-round.bench.js';
import { dedupeKeyOf, tickAt } from '../support/checkin-rounds.js';
import { type Harness, startHarness } from '../support/harness.js';

// A check-in round while the local Slack misbehaves: answering 429 with Retry-After, 500, or not answering
// within the jobs' client timeout (10 s; the local Slack still posts the message afterwards, as Slack can).
// Ticks go on a minute apart until the outbox is empty: every owner has exactly one prompt, every team one
// thread, and no message was posted twice.
const AT = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul
const OWNERS = 60;
const MINUTE = 60_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.slack.waitForIdle(100, 30_000).catch(() => undefined);
  await h?.stop();
  h = undefined;
});

async function roundWorld(): Promise<{ h: Harness; owners: string[] }> {
  const harness = await startHarness({
    now: AT,
    jobs: checkinJobs(),
    config: { slackPostPerMinute: 100_000 },
  });
  const { owners, users } = await seedCheckinOrg(harness.db, {
    teamId: harness.teamId,
    owners: OWNERS,
    teamSize: 10,
    krsPerOwner: 1,
    timeZones: ['Asia/Seoul'],
    at: new Date(AT.getTime() - 86_400_000),
  });
  for (const u of users) harness.slack.setUser(u);
  h = harness;
  return { h: harness, owners };
}

/** Ticks a minute apart until nothing is left to send (at most `ticks` times). */
async function tickUntilSent(world: Harness, ticks = 15): Promise<number> {
  for (let i = 0; i < ticks; i++) {
    await tickAt(world, new Date(AT.getTime() + i * MINUTE));
    const left = await world.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
    if (left.length === 0) return i + 1;
  }
  throw new Error(`the outbox still has unsent messages after ${ticks} ticks`);
}

/** Posts that reached Slack, by dedupe key: each must be there exactly once. */
function postedKeys(world: Harness): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of world.slack.messages()) {
    const key = dedupeKeyOf(m);
    if (key) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function expectExactlyOnce(world: Harness, owners: string[]): void {
  const posted = postedKeys(world);
  expect(world.slack.messages()).toHaveLength(OWNERS + OWNERS / 10);
  const twice = [...posted].filter(([, n]) => n > 1);
  expect(twice).toEqual([]);
  for (const owner of owners)
    expect(posted.get(`checkin-prompt:${world.teamId}:${owner}:2026-11-23`)).toBe(1);
  for (let t = 1; t <= OWNERS / 10; t++) expect(world.slack.messages(`C0TEAM${t}`)).toHaveLength(1);
}

const FAULTS: [string, Fault, number][] = [
  ['429 with Retry-After: 1', { status: 429, retryAfter: 1 }, 3],
  ['500', { status: 500 }, 3],
  ['503', { status: 503 }, 4],
];

describe('a check-in round while Slack fails', () => {
  it.each(FAULTS)(
    'Slack answering %s to some posts: every message once',
    { timeout: 90_000 },
    async (_, fault, every) => {
      const { h, owners } = await roundWorld();
      h.slack.failEvery('chat.postMessage', every, fault);
      const ticks = await tickUntilSent(h);
      h.slack.clearFaults();
      expect(h.slack.callsTo('chat.postMessage').filter((c) => c.status !== 200).length).toBeGreaterThan(0);
      expectExactlyOnce(h, owners);
      expect(ticks).toBeGreaterThanOrEqual(1);
    },
  );

  it('Slack not answering within the client timeout (and posting anyway): every message once', {
    timeout: 120_000,
  }, async () => {
    const { h, owners } = await roundWorld();
    // The first posts take 11 s, past the jobs' 10 s timeout: okrbot gives up on them, but they land.
    h.slack.failNext('chat.postMessage', { delayMs: 11_000 }, 4);
    const first = await tickAt(h, AT);
    expect(first.outbox.failed).toBe(4);
    await h.slack.waitForIdle(100, 30_000); // the slow posts land after okrbot gave up on them
    expect(h.slack.messages()).toHaveLength(OWNERS + OWNERS / 10);
    await tickUntilSent(h);
    expectExactlyOnce(h, owners);
  });
});
