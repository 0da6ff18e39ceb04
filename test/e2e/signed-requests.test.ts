import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest, verifySlackSignature } from '../../src/localslack/signing.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';

// Slack's documented example (slack-platform.md §1).
const VECTOR = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('requests from Slack, over real HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.importSample();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("matches Slack's documented signing example", () => {
    expect(signRequest(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(verifySlackSignature({ ...VECTOR, nowSeconds: Number(VECTOR.timestamp) + 60 })).toBe(true);
    expect(
      verifySlackSignature({
        ...VECTOR,
        body: VECTOR.body.replace('roadrunner', 'coyote'),
        nowSeconds: Number(VECTOR.timestamp),
      }),
    ).toBe(false);
  });

  it('answers a correctly signed slash command', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'help',
      userId: 'U01MINA',
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('/okr draft');
  });

  it('says which command it did not understand, with the help', async () => {
    const res = await h.client.slashCommand({ command: '/okr', text: 'dance', userId: 'U01MINA' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('`/okr dance` is not a command I know');
  });

  describe('refuses forged, stale and unsigned requests with 401, and changes nothing', () => {
    // A Home tab request: if it got through, the bot would publish a view for U01MINA.
    const eventBody = () =>
      JSON.stringify({
        type: 'event_callback',
        team_id: 'T0LOCAL',
        api_app_id: 'A0LOCAL',
        event_id: `Ev${Math.random().toString(36).slice(2)}`,
        event_time: nowSeconds(),
        event: { type: 'app_home_opened', user: 'U01MINA', channel: 'D0MINA', tab: 'home' },
      });
    const commandBody = form({
      command: '/okr',
      text: 'help',
      team_id: 'T0LOCAL',
      user_id: 'U01MINA',
      channel_id: 'C0TALENT',
      trigger_id: '1.2.3',
    });

    async function expectRefused(body: string, headers: Record<string, string>) {
      const before = { calls: h.slack.calls.length, rows: await rowCounts() };
      const res = await h.client.rawPost(body, headers);
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 150));
      expect(h.slack.calls.length).toBe(before.calls);
      expect(await rowCounts()).toEqual(before.rows);
    }
    async function rowCounts() {
      const tables = [
        'people',
        'objectives',
        'key_results',
        'checkins',
        'kpi_readings',
        'alerts',
        'outbox',
      ] as const;
      const counts: Record<string, number> = {};
      for (const t of tables) {
        const row = await h.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        counts[t] = Number(row.n);
      }
      return counts;
    }

    it('a wrong signature', async () => {
      const ts = String(nowSeconds());
      await expectRefused(commandBody, {
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signRequest('not-the-secret', ts, commandBody),
      });
      const body = eventBody();
      await expectRefused(body, {
        'content-type': 'application/json',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signRequest('not-the-secret', ts, body),
      });
    });

    it('a body changed after signing', async () => {
      const ts = String(nowSeconds());
      const signature = signRequest(SIGNING_SECRET, ts, commandBody);
      await expectRefused(commandBody.replace('help', 'list'), {
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signature,
      });
    });

    it('a timestamp older than five minutes, even correctly signed', async () => {
      const ts = String(nowSeconds() - 5 * 60 - 30);
      const body = eventBody();
      await expectRefused(body, {
        'content-type': 'application/json',
        'x-slack-request-timestamp': ts,
        'x-slack-signature': signRequest(SIGNING_SECRET, ts, body),
      });
    });

    it("Slack's documented example replayed today (stale)", async () => {
      await expectRefused(VECTOR.body, {
        'x-slack-request-timestamp': VECTOR.timestamp,
        'x-slack-signature': VECTOR.signature,
      });
    });

    it('a missing signature or timestamp header', async () => {
      const ts = String(nowSeconds());
      await expectRefused(commandBody, { 'x-slack-request-timestamp': ts });
      await expectRefused(commandBody, { 'x-slack-signature': signRequest(SIGNING_SECRET, ts, commandBody) });
      await expectRefused(commandBody, {});
    });
  });

  it('publishes the Home tab for a correctly signed app_home_opened event', async () => {
    const res = await h.client.event({
      type: 'app_home_opened',
      user: 'U01MINA',
      channel: 'D0MINA',
      tab: 'home',
    });
    expect(res.status).toBe(200);
    const call = await h.slack.waitFor((c) => c.method === 'views.publish' && c.args.user_id === 'U01MINA');
    expect(JSON.stringify(call.args.view)).toContain('Reduce engineering time-to-hire from 52 to 30 days');
  });

  it('answers /healthz with 200 while the database is reachable', async () => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: 'reachable' });
  });
});
