import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimDueMessages,
  enqueueMessages,
  getMessageByKey,
  markSent,
  OUTBOX_LEASE_MS,
  renewClaim,
} from '../../src/platform/outbox/store.js';
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
