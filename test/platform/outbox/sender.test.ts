import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../../src/localslack/local-slack.js';
import { ensurePerson, ensureWorkspace, getPerson, setDmBlocked } from '../../../src/people/store.js';
import { MAX_REJECTED_ATTEMPTS, sendDueMessages } from '../../../src/platform/outbox/sender.js';
import { enqueueMessages, getMessageByKey } from '../../../src/platform/outbox/store.js';
import { jobSlackApi } from '../../../src/platform/slack/slack-api.js';
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
});
