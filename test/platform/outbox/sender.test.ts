import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../../src/localslack/local-slack.js';
import { ensurePerson, ensureWorkspace, getPerson, setDmBlocked } from '../../../src/people/store.js';
import { MAX_REJECTED_ATTEMPTS, sendDueMessages } from '../../../src/platform/outbox/sender.js';
import { enqueueMessages, getMessageByKey } from '../../../src/platform/outbox/store.js';
import { SlackPacer } from '../../../src/platform/slack/pacer.js';
import { jobSlackApi, type SlackApi } from '../../../src/platform/slack/slack-api.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../../support/databases.js';

const TEAM = 'T0SEND';

describe.each(dialectsUnderTest())('the outbox sender on %s', (dialect) => {
  let h: TestDatabase;
  let slack: LocalSlack;
  let clock = new Date('2026-11-23T01:00:00Z');
  const now = () => new Date(clock);
  const send = () =>
    sendDueMessages({
      db: h.db,
      slack: jobSlackApi(slack.botToken, slack.apiUrl),
      worker: 'w1',
      now,
      sleep: async () => {},
      onUnreachable: (teamId, userId, reason, at) => setDmBlocked(h.db, teamId, userId, reason, at),
    });
  const message = (key: string, target: string) => ({
    teamId: TEAM,
    dedupeKey: key,
    kind: 'test',
    method: 'chat.postMessage' as const,
    target,
    payload: { text: `hello ${key}` },
  });

  beforeAll(async () => {
    h = await freshDatabase(dialect);
    slack = await LocalSlack.start({
      teamId: TEAM,
      users: [
        { id: 'U1', name: 'ana', tz: 'UTC' },
        { id: 'U2', name: 'bo', tz: 'UTC' },
      ],
    });
    await ensureWorkspace(h.db, { teamId: TEAM }, now());
    for (const id of ['U1', 'U2']) await ensurePerson(h.db, { teamId: TEAM, slackId: id }, now());
  });
  afterAll(async () => {
    await slack?.stop();
    await h?.drop();
  });

  it('keeps a 5xx failure with its reason and sends it on a later run', async () => {
    slack.failNext('chat.postMessage', { status: 503 }, 10);
    await enqueueMessages(h.db, [message('m-503', 'U1')], now());
    const first = await send();
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    const failed = await getMessageByKey(h.db, 'm-503');
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.last_error).toBeTruthy();
    slack.clearFaults();
    expect((await send()).sent).toBe(0); // not due yet: it backs off
    clock = new Date(clock.getTime() + 60 * 60_000);
    expect((await send()).sent).toBe(1);
    expect(slack.messages(slack.dmChannelOf('U1')).filter((m) => m.text === 'hello m-503')).toHaveLength(1);
  });

  it('records a person who blocked the bot and skips them without stopping the others', async () => {
    slack.blockDm('U2');
    await enqueueMessages(h.db, [message('m-blocked', 'U2'), message('m-ok', 'U1')], now());
    const report = await send();
    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect((await getMessageByKey(h.db, 'm-blocked'))?.status).toBe('skipped');
    expect((await getPerson(h.db, TEAM, 'U2'))?.dm_blocked_reason).toBe('cannot_dm_bot');
  });

  it('gives up on a message Slack keeps refusing, keeping it as dead with the reason', async () => {
    slack.failNext('chat.postMessage', { error: 'invalid_blocks' }, 100);
    await enqueueMessages(h.db, [message('m-bad', 'U1')], now());
    for (let i = 0; i < MAX_REJECTED_ATTEMPTS + 2; i++) {
      await send();
      clock = new Date(clock.getTime() + 2 * 60 * 60_000);
    }
    slack.clearFaults();
    const row = await getMessageByKey(h.db, 'm-bad');
    expect(row).toMatchObject({
      status: 'dead',
      last_error: 'invalid_blocks',
      attempts: MAX_REJECTED_ATTEMPTS,
    });
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.text === 'hello m-bad')).toHaveLength(
      MAX_REJECTED_ATTEMPTS,
    );
  });

  /** A pacer on a fake clock (sleeping moves it), and a SlackApi that notes when, on that clock, each call went. */
  function paced(options: ConstructorParameters<typeof SlackPacer>[0] = {}) {
    const clock = { t: 0 };
    const pacer = new SlackPacer({
      ...options,
      clock: () => clock.t,
      // Sleepers that start together wake together: the clock moves to the latest wake-up, not their sum.
      sleep: async (ms) => {
        const until = clock.t + ms;
        await null;
        clock.t = Math.max(clock.t, until);
      },
    });
    const inner = jobSlackApi(slack.botToken, slack.apiUrl);
    const calls: Array<{ channel: string; text: string; at: number; outcome: string }> = [];
    const limitedOnce = new Set<string>();
    const api: SlackApi & { rateLimitOnce(channel: string): void } = {
      rateLimitOnce: (channel) => limitedOnce.add(channel),
      call: async (method, args) => {
        const entry = { channel: String(args.channel), text: String(args.text), at: clock.t, outcome: 'ok' };
        calls.push(entry);
        if (limitedOnce.delete(entry.channel)) {
          entry.outcome = '429';
          throw Object.assign(new Error('rate limited'), {
            code: 'slack_webapi_rate_limited_error',
            retryAfter: 30,
          });
        }
        return inner.call(method, args);
      },
    };
    const run = (extra: Partial<Parameters<typeof sendDueMessages>[0]> = {}) =>
      sendDueMessages({ db: h.db, slack: api, worker: 'w1', now, sleep: async () => {}, pacer, ...extra });
    return { clock, api, calls, run };
  }

  it('a 429 on one channel does not delay a message to another channel, even on one lane', async () => {
    const { api, calls, run } = paced();
    api.rateLimitOnce('C0LIMITED');
    await enqueueMessages(h.db, [message('m-429-a', 'C0LIMITED'), message('m-429-b', 'C0OTHER')], now());
    const report = await run({ concurrency: 1 });
    expect(report).toMatchObject({ sent: 2, failed: 0, rateLimitedWaits: 1 });
    const limited = calls.filter((c) => c.channel === 'C0LIMITED');
    const other = calls.filter((c) => c.channel === 'C0OTHER');
    expect(limited.map((c) => [c.outcome, c.at])).toEqual([
      ['429', 0],
      ['ok', 30_000],
    ]);
    expect(other.map((c) => [c.outcome, c.at])).toEqual([['ok', 0]]); // not held for the 30 s
    expect(slack.messages('C0LIMITED').filter((m) => m.text === 'hello m-429-a')).toHaveLength(1);
    expect((await getMessageByKey(h.db, 'm-429-b'))?.status).toBe('sent');
  });

  it('a 429 longer than it waits keeps that message for a later tick and sends the rest now', async () => {
    const { api, calls, run } = paced();
    api.rateLimitOnce('C0LONG');
    await enqueueMessages(h.db, [message('m-long-a', 'C0LONG'), message('m-long-b', 'C0FREE')], now());
    const report = await run({ concurrency: 1, maxRetryAfterMs: 10_000 });
    expect(report).toMatchObject({ sent: 1, failed: 1 });
    expect(await getMessageByKey(h.db, 'm-long-a')).toMatchObject({
      status: 'failed',
      last_error: 'ratelimited',
    });
    expect(calls.filter((c) => c.channel === 'C0FREE').map((c) => c.at)).toEqual([0]);
    clock = new Date(clock.getTime() + 60_000);
    expect((await run()).sent).toBe(1);
  });

  it('paces sends to the workspace budget instead of sending as fast as it can', async () => {
    const { calls, run } = paced({ postMessagePerMinute: 60, postMessageBurst: 1 });
    await enqueueMessages(
      h.db,
      ['C0P1', 'C0P2', 'C0P3'].map((c, i) => message(`m-paced-${i}`, c)),
      now(),
    );
    // One lane: with several, another lane's fake sleep moves this clock while a lane renews its claim.
    const report = await run({ concurrency: 1 });
    expect(report.sent).toBe(3);
    expect(calls.map((c) => c.at)).toEqual([0, 1000, 2000]);
  });

  it('streams the outbox in small batches and sends each message exactly once', async () => {
    const { calls, run } = paced({ postMessagePerMinute: 60_000 });
    const keys = Array.from({ length: 23 }, (_, i) => `m-stream-${i}`);
    await enqueueMessages(
      h.db,
      keys.map((k, i) => message(k, `C0S${i % 5}`)),
      now(),
    );
    const report = await run({ batchSize: 4, concurrency: 3 });
    expect(report.sent).toBe(23);
    expect(calls.map((c) => c.text).sort()).toEqual(keys.map((k) => `hello ${k}`).sort());
    for (const k of keys) expect((await getMessageByKey(h.db, k))?.status).toBe('sent');
  });
});
