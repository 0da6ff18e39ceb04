// Slack retries an event it thinks was lost (X-Slack-Retry-Num), possibly to another replica. Two okrbots on
// one database: the same event_id sent to both is handled once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';

describe('Events API retries', () => {
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    a = await startHarness();
    await a.importSample();
    b = await startHarness({ slack: a.slack, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  const signedPost = (port: number, body: string, retry?: number) => {
    const client = new SignedClient({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      slack: a.slack,
    });
    const ts = Math.floor(Date.now() / 1000);
    return client.rawPost(body, {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': client.sign(ts, body),
      ...(retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {}),
    });
  };

  it('handles an event once when Slack sends it again, to the same or another replica', async () => {
    const envelope = JSON.stringify({
      token: 'x',
      team_id: a.teamId,
      api_app_id: a.slack.appId,
      type: 'event_callback',
      event_id: 'Ev0DEDUPE01',
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'app_home_opened',
        user: 'U01MINA',
        channel: 'D0MINA',
        tab: 'home',
        event_ts: '1.000100',
      },
    });
    const publishes = () => a.slack.calls.filter((c) => c.method === 'views.publish').length;
    expect((await signedPost(a.bot.port, envelope)).status).toBe(200);
    await a.slack.waitFor((c) => c.method === 'views.publish');
    expect((await signedPost(a.bot.port, envelope, 1)).status).toBe(200);
    expect((await signedPost(b.bot.port, envelope, 2)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(publishes()).toBe(1);
    const rows = await a.db.selectFrom('slack_events').selectAll().execute();
    expect(rows.map((r) => r.event_id)).toEqual(['Ev0DEDUPE01']);
  });
});
