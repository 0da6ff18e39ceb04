import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../../src/localslack/local-slack.js';
import { sendDueMessages } from '../../../src/platform/outbox/sender.js';
import { SENT_MARK_MAX_DELAY_MS } from '../../../src/platform/outbox/sent-marks.js';
import {
  claimDueMessages,
  enqueueMessages,
  getMessageByKey,
  markSentMany,
  OUTBOX_LEASE_MS,
  type OutgoingMessage,
  renewClaim,
} from '../../../src/platform/outbox/store.js';
import { jobSlackApi, type SlackApi } from '../../../src/platform/slack/slack-api.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../../support/databases.js';

const TEAM = 'T0MARKS';

// The sender writes the sent marks of posts in batches (sent-marks.ts). What must still hold: a post is
// marked within SENT_MARK_MAX_DELAY_MS even while the run goes on, an update or an ephemeral (which cannot be
// looked up in Slack after a crash) is marked before the next call, and a mark never changes a row another
// worker took over.
describe.each(dialectsUnderTest())('sent marks on %s', (dialect) => {
  let h: TestDatabase;
  let slack: LocalSlack;

  beforeAll(async () => {
    h = await freshDatabase(dialect);
    slack = await LocalSlack.start({ teamId: TEAM, users: [{ id: 'U1', name: 'ana', tz: 'UTC' }] });
  });
  afterAll(async () => {
    await slack?.stop();
    await h?.drop();
  });

  const post = (key: string, method: OutgoingMessage['method'] = 'chat.postMessage'): OutgoingMessage => ({
    teamId: TEAM,
    dedupeKey: key,
    kind: 'test',
    method,
    target: 'C0MARKS',
    payload: method === 'chat.postEphemeral' ? { text: `hi ${key}`, user: 'U1' } : { text: `hi ${key}` },
  });

  /** A Slack whose call number `holdAt` (1-based) waits until `release()`; `held` resolves when it starts. */
  function holding(holdAt: number) {
    const inner = jobSlackApi(slack.botToken, slack.apiUrl);
    let calls = 0;
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const held = new Promise<void>((r) => {
      started = r;
    });
    const api: SlackApi = {
      call: async (method, args) => {
        if (++calls === holdAt) {
          started();
          await gate;
        }
        return inner.call(method, args);
      },
    };
    return { api, release, held };
  }

  const run = (api: SlackApi) =>
    sendDueMessages({ db: h.db, slack: api, worker: 'w1', now: () => new Date(), concurrency: 1 });

  it('marks a post sent within the batch delay while the run is still sending', async () => {
    const at = Date.now();
    await enqueueMessages(h.db, [post('m-first')], new Date(at - 1));
    await enqueueMessages(h.db, [post('m-second')], new Date(at));
    const { api, release, held } = holding(2);
    const sending = run(api);
    await held;
    // The first post is in Slack; the run waits on the second. Its mark does not wait for the run's end.
    const deadline = Date.now() + SENT_MARK_MAX_DELAY_MS + 2_000;
    let first = await getMessageByKey(h.db, 'm-first');
    while (first?.status !== 'sent' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      first = await getMessageByKey(h.db, 'm-first');
    }
    expect(first).toMatchObject({
      status: 'sent',
      result_channel: 'C0MARKS',
      attempts: 1,
      lease_until: null,
    });
    expect(first?.result_ts).toBe(slack.messages('C0MARKS').find((m) => m.text === 'hi m-first')?.ts);
    expect((await getMessageByKey(h.db, 'm-second'))?.status).toBe('sending');
    release();
    expect(await sending).toMatchObject({ sent: 2, failed: 0 });
    expect((await getMessageByKey(h.db, 'm-second'))?.status).toBe('sent');
  });

  it('marks an ephemeral and an update sent before the next call goes', async () => {
    const at = Date.now();
    await enqueueMessages(h.db, [post('m-eph', 'chat.postEphemeral')], new Date(at - 2));
    const first = slack.messages('C0MARKS').find((m) => m.text === 'hi m-first')!;
    const update = {
      ...post('m-update', 'chat.update'),
      payload: { channel: 'C0MARKS', ts: first.ts, text: 'edited' },
    };
    await enqueueMessages(h.db, [update], new Date(at - 1));
    // A post queued after them is the run's third call, held until both marks are checked.
    await enqueueMessages(h.db, [post('m-after')], new Date(at));
    const { api, release, held } = holding(3);
    const sending = run(api);
    await held;
    expect((await getMessageByKey(h.db, 'm-update'))?.status).toBe('sent');
    expect((await getMessageByKey(h.db, 'm-eph'))?.status).toBe('sent');
    release();
    expect(await sending).toMatchObject({ sent: 3, failed: 0 });
    expect((await getMessageByKey(h.db, 'm-after'))?.status).toBe('sent');
  });

  it('changes only the rows the worker still holds, each with its own channel and ts', async () => {
    const t0 = new Date('2030-01-01T00:00:00Z');
    await enqueueMessages(h.db, [post('m-a'), post('m-b'), post('m-taken')], t0);
    const mine = (await claimDueMessages(h.db, 'slow', t0, 50)).filter((m) =>
      ['m-a', 'm-b', 'm-taken'].includes(m.dedupe_key),
    );
    expect(mine.map((m) => m.dedupe_key).sort()).toEqual(['m-a', 'm-b', 'm-taken']);
    // The slow worker renews two claims, but its lease on m-taken runs out and another worker takes it over
    // before the slow one writes its marks.
    const later = new Date(t0.getTime() + OUTBOX_LEASE_MS + 1_000);
    const id = (key: string) => mine.find((m) => m.dedupe_key === key)!.id;
    for (const key of ['m-a', 'm-b'])
      expect(await renewClaim(h.db, id(key), 'slow', new Date(later.getTime() - 2_000))).toBe(true);
    const byOther = (await claimDueMessages(h.db, 'other', later, 50)).filter(
      (m) => m.dedupe_key === 'm-taken',
    );
    expect(byOther).toHaveLength(1);
    await markSentMany(h.db, 'slow', [
      { id: id('m-a'), channel: 'D1', ts: '1.1', sentAt: later },
      { id: id('m-b'), channel: null, ts: null, sentAt: later },
      { id: id('m-taken'), channel: 'D1', ts: '1.3', sentAt: later },
    ]);
    expect(await getMessageByKey(h.db, 'm-a')).toMatchObject({
      status: 'sent',
      result_channel: 'D1',
      result_ts: '1.1',
      sent_at: later.toISOString(),
      attempts: 1,
    });
    expect(await getMessageByKey(h.db, 'm-b')).toMatchObject({ status: 'sent', result_ts: null });
    expect(await getMessageByKey(h.db, 'm-taken')).toMatchObject({
      status: 'sending',
      claimed_by: 'other',
      result_ts: null,
    });
  });
});
