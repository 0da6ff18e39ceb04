import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../../src/localslack/local-slack.js';
import { classifySlackError, jobSlackApi } from '../../../src/platform/slack/slack-api.js';

// The jobs' and outbox's own Web API client, against the local Slack: what each kind of failure becomes for
// the sender (which retries, pauses or gives up on what classifySlackError says).

let slack: LocalSlack;

beforeAll(async () => {
  slack = await LocalSlack.start({
    users: [{ id: 'U01MINA', name: 'mina' }],
    channels: [{ id: 'C0TALENT', name: 'talent' }],
  });
});

afterAll(async () => {
  await slack.stop();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failureOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    return { error: error as { code?: string; message?: string }, failure: classifySlackError(error) };
  }
  throw new Error('the call succeeded');
}

describe('jobSlackApi', () => {
  it('posts form-encoded arguments, nested ones as JSON, and returns Slack’s answer', async () => {
    const api = jobSlackApi(slack.botToken, slack.apiUrl);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Check-in* open' } }];
    const answer = await api.call('chat.postMessage', {
      channel: 'C0TALENT',
      text: 'Check-in open',
      blocks,
      metadata: { event_type: 'okrbot_message', event_payload: { dedupe_key: 'k1' } },
    });
    expect(answer.ok).toBe(true);
    const posted = slack.messages('C0TALENT').at(-1);
    expect(posted?.text).toBe('Check-in open');
    expect(posted?.blocks).toEqual(blocks);
    expect(posted?.ts).toBe(answer.ts);
  });

  it('an error answer is a platform error the sender classifies by its reason', async () => {
    const api = jobSlackApi(slack.botToken, slack.apiUrl);
    const { failure } = await failureOf(api.call('chat.postMessage', { channel: 'C0NOWHERE', text: 'x' }));
    expect(failure).toEqual({ kind: 'recipient', reason: 'channel_not_found' });
    const bad = await failureOf(jobSlackApi('xoxb-wrong', slack.apiUrl).call('auth.test', {}));
    expect(bad.failure).toEqual({ kind: 'rejected', reason: 'invalid_auth' });
  });

  it('a 429 carries Retry-After in milliseconds for the pacer', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const api = jobSlackApi(slack.botToken, slack.apiUrl);
    const { failure } = await failureOf(api.call('chat.postMessage', { channel: 'C0TALENT', text: 'x' }));
    expect(failure).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
  });

  it('a 500 is transient (tried again later), and nothing was posted', async () => {
    const before = slack.messages('C0TALENT').length;
    slack.failNext('chat.postMessage', { status: 500 });
    const api = jobSlackApi(slack.botToken, slack.apiUrl);
    const { error, failure } = await failureOf(
      api.call('chat.postMessage', { channel: 'C0TALENT', text: 'x' }),
    );
    expect(failure.kind).toBe('transient');
    expect(error.code).toBe('slack_webapi_http_error');
    expect(slack.messages('C0TALENT')).toHaveLength(before);
  });

  it('no answer in time is a request error (the sender looks for the post before trying again)', async () => {
    slack.failNext('auth.test', { delayMs: 1500 });
    const api = jobSlackApi(slack.botToken, slack.apiUrl, { timeoutMs: 200 });
    const started = Date.now();
    const { error, failure } = await failureOf(api.call('auth.test', {}));
    expect(Date.now() - started).toBeLessThan(1200);
    expect(error.code).toBe('slack_webapi_request_error');
    expect(failure).toEqual({
      kind: 'transient',
      reason: expect.stringContaining('no answer within 200 ms'),
    });
  });

  it('an unreachable Slack is a request error naming the cause', async () => {
    const closed = await closedPort();
    const { error } = await failureOf(
      jobSlackApi('xoxb-1', `http://127.0.0.1:${closed}/api/`).call('auth.test', {}),
    );
    expect(error.code).toBe('slack_webapi_request_error');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
