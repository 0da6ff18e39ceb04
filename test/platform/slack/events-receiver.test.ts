// okrbot's receiver for POST /slack/events, on a real HTTP server, with an app that only records what it was
// handed: what Slack (or anyone else) gets back for each kind of request.
import type { Server } from 'node:http';
import type { App, ReceiverEvent } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackPayload } from '../../../src/app/payload-guard.js';
import { signRequest } from '../../../src/localslack/signing.js';
import { createHttpServer, REQUEST_INFO_KEY, type RequestInfo } from '../../../src/platform/http/server.js';
import { createLogger } from '../../../src/platform/logger.js';
import { createMetrics } from '../../../src/platform/metrics.js';
import { SlackEventsReceiver } from '../../../src/platform/slack/events-receiver.js';

const SECRET = 'receiver-test-secret';
const FORM = 'application/x-www-form-urlencoded';
const command = (text: string) =>
  new URLSearchParams({ command: '/okr', text, team_id: 'T0LOCAL', user_id: 'U01MINA' }).toString();

let server: Server;
let url: string;
const handed: ReceiverEvent[] = [];
/** What the app does with each event: chosen by the command's text. */
async function processEvent(event: ReceiverEvent): Promise<void> {
  handed.push(event);
  const text = String((event.body as { text?: string }).text ?? '');
  if (text === 'json') await event.ack({ response_type: 'ephemeral', text: 'hi' });
  else if (text === 'string') await event.ack('plain words');
  else if (text === 'twice') {
    await event.ack();
    await event.ack().catch((e: Error) => handed.push({ body: { second: e.message }, ack: event.ack }));
  } else if (text === 'throws') throw new Error('listener broke');
  else if (text === 'unauthorized')
    throw Object.assign(new Error('no installation'), { code: 'slack_bolt_authorization_error' });
  else if (text === 'silent') return;
  else await event.ack();
}

beforeAll(async () => {
  const log = createLogger('fatal' as never);
  const receiver = new SlackEventsReceiver({
    signingSecret: SECRET,
    log,
    parse: parseSlackPayload,
    unhandledMs: 300,
  });
  receiver.init({ processEvent } as unknown as App);
  server = createHttpServer({
    log,
    metrics: createMetrics(async () => ({})),
    health: async () => ({ ok: true, database: 'reachable' }),
    ready: async () => ({ ok: true, checks: {} }),
    stopping: () => false,
    routes: [],
    slackEvents: (req, res) => void receiver.handle(req, res),
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/slack/events`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: string, headers: Record<string, string> = {}, ts = Math.floor(Date.now() / 1000)) {
  const res = await fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': FORM,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signRequest(SECRET, ts, body),
      ...headers,
    },
  });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('SlackEventsReceiver', () => {
  it('answers with what the listener acked: nothing, JSON, or text', async () => {
    expect(await post(command('help'))).toMatchObject({ status: 200, text: '' });
    const json = await post(command('json'));
    expect(json.status).toBe(200);
    expect(json.type).toBe('application/json');
    expect(JSON.parse(json.text)).toEqual({ response_type: 'ephemeral', text: 'hi' });
    expect(await post(command('string'))).toMatchObject({ status: 200, text: 'plain words' });
  });

  it('hands the app the parsed body once, with the request info, retry number and reason', async () => {
    handed.length = 0;
    await post(command('help'), { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    expect(handed).toHaveLength(1);
    const event = handed[0]!;
    expect(event.body).toMatchObject({ command: '/okr', text: 'help', user_id: 'U01MINA' });
    expect(event.retryNum).toBe(2);
    expect(event.retryReason).toBe('http_timeout');
    expect((event.customProperties?.[REQUEST_INFO_KEY] as RequestInfo | undefined)?.requestId).toBeTruthy();
  });

  it('refuses a second ack of one request', async () => {
    handed.length = 0;
    expect((await post(command('twice'))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(handed.map((e) => (e.body as { second?: string }).second).filter(Boolean)).toEqual([
      'The receiver cannot ack an event multiple times.',
    ]);
  });

  it('answers 401 to a missing, wrong or stale signature, without handing anything on', async () => {
    handed.length = 0;
    const body = command('help');
    expect((await post(body, { 'x-slack-signature': 'v0=00' })).status).toBe(401);
    expect((await post(body, { 'x-slack-signature': '' })).status).toBe(401);
    expect((await post(body, {}, Math.floor(Date.now() / 1000) - 301)).status).toBe(401);
    expect(handed).toEqual([]);
  });

  it("answers Slack's SSL check and URL verification itself", async () => {
    handed.length = 0;
    expect((await post('ssl_check=1&token=x')).status).toBe(200);
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'abc123' });
    const res = await post(challenge, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'abc123' });
    expect(handed).toEqual([]);
  });

  it('answers 500 when processing fails before the ack, 401 when the workspace has no installation', async () => {
    expect((await post(command('throws'))).status).toBe(500);
    expect((await post(command('unauthorized'))).status).toBe(401);
  });

  it('answers 404 when nobody acks in time, and 400 to a signed body it cannot handle', async () => {
    const started = Date.now();
    expect((await post(command('silent'))).status).toBe(404);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const res = await post('payload=%7Bnot-json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ ok: false, error: 'malformed_payload' });
  });
});
