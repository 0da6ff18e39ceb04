import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { sendDueMessages } from '../../src/platform/outbox/sender.js';
import {
  claimDueMessages,
  enqueueMessages,
  getMessageByKey,
  markSent,
  OUTBOX_LEASE_MS,
  renewClaim,
} from '../../src/platform/outbox/store.js';
import { jobSlackApi } from '../../src/platform/slack/slack-api.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0CLAIM';
const T0 = new Date('2026-11-30T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(dialectsUnderTest())('outbox claims shared by replicas (%s)', (dialect) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await h?.drop();
  });

  const enqueue = (prefix: string, n: number) =>
    enqueueMessages(
      h.db,
      Array.from({ length: n }, (_, i) => ({
        teamId: TEAM,
        dedupeKey: `${prefix}:${String(i).padStart(3, '0')}`,
        kind: 'test',
        method: 'chat.postMessage' as const,
        target: `U${i}`,
        payload: { text: `hello ${i}` },
      })),
      T0,
    );

  it('replicas claiming at once each get different messages, and together all of them', async () => {
    await enqueue('race', 90);
    const workers = ['r1', 'r2', 'r3'];
    const rounds = await Promise.all(
      workers.map(async (w) => {
        const mine: string[] = [];
        for (;;) {
          const batch = await claimDueMessages(h.db, w, T0, 7);
          if (batch.length === 0) return mine;
          mine.push(...batch.map((m) => m.dedupe_key));
          expect(batch.every((m) => m.claimed_by === w && m.status === 'sending' && !m.recovered)).toBe(true);
        }
      }),
    );
    const all = rounds.flat().filter((k) => k.startsWith('race:'));
    expect(all).toHaveLength(90);
    expect(new Set(all).size).toBe(90);
  });

  it('a claim is not taken over before its lease ends, and is taken over after, marked recovered', async () => {
    await enqueue('lease', 3);
    const first = (await claimDueMessages(h.db, 'dead', T0, 100)).filter((m) =>
      m.dedupe_key.startsWith('lease:'),
    );
    expect(first).toHaveLength(3);
    const early = await claimDueMessages(h.db, 'alive', at(OUTBOX_LEASE_MS - 1), 200);
    expect(early.filter((m) => m.dedupe_key.startsWith('lease:'))).toEqual([]);
    const taken = (await claimDueMessages(h.db, 'alive', at(OUTBOX_LEASE_MS + 1), 200)).filter((m) =>
      m.dedupe_key.startsWith('lease:'),
    );
    taken.sort((a, b) => a.dedupe_key.localeCompare(b.dedupe_key));
    expect(taken.map((m) => [m.dedupe_key, m.claimed_by, m.recovered])).toEqual([
      ['lease:000', 'alive', true],
      ['lease:001', 'alive', true],
      ['lease:002', 'alive', true],
    ]);
    // The replica that lost its claim may not send, nor settle, the message any more.
    expect(await renewClaim(h.db, taken[0]!.id, 'dead', at(OUTBOX_LEASE_MS + 2))).toBe(false);
    await markSent(h.db, taken[0]!.id, 'dead', { channel: 'D1', ts: '1.1' }, at(OUTBOX_LEASE_MS + 2));
    expect((await getMessageByKey(h.db, 'lease:000'))?.status).toBe('sending');
    expect(await renewClaim(h.db, taken[0]!.id, 'alive', at(OUTBOX_LEASE_MS + 2))).toBe(true);
  });

  it('renewing a claim keeps it from being taken over while its holder is alive', async () => {
    await enqueue('renew', 1);
    const [msg] = (await claimDueMessages(h.db, 'slow', T0, 100)).filter((m) =>
      m.dedupe_key.startsWith('renew:'),
    );
    expect(await renewClaim(h.db, msg!.id, 'slow', at(OUTBOX_LEASE_MS - 1000))).toBe(true);
    const others = await claimDueMessages(h.db, 'other', at(OUTBOX_LEASE_MS + 1000), 200);
    expect(others.map((m) => m.dedupe_key)).not.toContain('renew:000');
  });
});

describe.each(dialectsUnderTest())('a post whose answer was lost (%s)', (dialect) => {
  let h: TestDatabase;
  let slack: LocalSlack;
  beforeAll(async () => {
    h = await freshDatabase(dialect);
    slack = await LocalSlack.start({ teamId: TEAM, users: [{ id: 'U1', name: 'ana' }] });
  });
  afterAll(async () => {
    await slack?.stop();
    await h?.drop();
  });

  it('is looked for in Slack before it is tried again, so it is posted once', async () => {
    await enqueueMessages(
      h.db,
      [
        {
          teamId: TEAM,
          dedupeKey: 'lost:1',
          kind: 'test',
          method: 'chat.postMessage',
          target: 'U1',
          payload: { text: 'hello once' },
        },
      ],
      new Date(),
    );
    // Slack takes the post but answers after the client gave up waiting.
    slack.failNext('chat.postMessage', { delayMs: 400 });
    const send = (now: Date) =>
      sendDueMessages({
        db: h.db,
        slack: jobSlackApi(slack.botToken, slack.apiUrl, { timeoutMs: 150 }),
        worker: 'w1',
        now: () => now,
        sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      });
    // No answer: not tried again at once (the late original would make a duplicate), kept for a later tick.
    const first = await send(new Date());
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    await slack.waitForIdle(100);
    expect(slack.messages('U1').filter((m) => m.text === 'hello once')).toHaveLength(1);
    // The next tick looks for it in the channel first, finds it, and records it instead of posting again.
    const later = await send(new Date(Date.now() + 10 * 60_000));
    expect(later).toMatchObject({ sent: 1, failed: 0 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(slack.messages('U1').filter((m) => m.text === 'hello once')).toHaveLength(1);
    const row = await getMessageByKey(h.db, 'lost:1');
    expect(row).toMatchObject({ status: 'sent', result_ts: slack.messages('U1')[0]!.ts });
  });
});
