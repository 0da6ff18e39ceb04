import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import type { LocalUser } from '../../src/localslack/types.js';
import { silentLogger } from '../support/silent-logger.js';

const MINA: LocalUser = {
  id: 'U01MINA',
  name: 'mina',
  realName: 'Mina Park',
  tz: 'Europe/Berlin',
  email: 'mina@example.com',
};
const OLE: LocalUser = { id: 'U02OLE', name: 'ole', realName: 'Ole Berg', tz: 'America/New_York' };
const GONE: LocalUser = { id: 'U03GONE', name: 'gone', deleted: true };

const pt = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt(title),
  close: pt('Cancel'),
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } }],
  ...extra,
});

let slack: LocalSlack;
let web: WebClient;
let clock: number;

function client(token = 'xoxb-local', extra: Record<string, unknown> = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...extra,
  });
}

/** The Slack error code of a failed WebClient call. */
async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string } };
    expect(err.code).toBe('slack_webapi_platform_error');
    return String(err.data?.error);
  }
  throw new Error('expected the call to fail');
}

beforeEach(async () => {
  clock = 1_700_000_000_000;
  slack = await LocalSlack.start({
    users: [MINA, OLE, GONE],
    channels: [{ id: 'C0OKRS', name: 'okrs' }],
    now: () => clock,
  });
  web = client();
});

afterEach(async () => {
  await slack.stop();
});

describe('auth and routing', () => {
  it('answers auth.test with the bot identity', async () => {
    const res = await web.auth.test();
    expect(res).toMatchObject({ ok: true, team_id: 'T0LOCAL', user_id: 'UBOT', bot_id: 'B0LOCAL' });
    expect(res.url).toMatch(/^https:\/\/.+\.slack\.com\/$/);
  });

  it('rejects missing and wrong tokens', async () => {
    expect(await slackError(client('xoxb-wrong').auth.test())).toBe('invalid_auth');
    const res = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('accepts the token as a form field and JSON bodies with a bearer token', async () => {
    const form = await fetch(`${slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=xoxb-local',
    });
    expect(await form.json()).toMatchObject({ ok: true });
    const json = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-local' },
      body: JSON.stringify({ channel: 'C0OKRS', text: 'hi', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C0OKRS' });
    expect(slack.messages('C0OKRS')[0]?.blocks).toEqual([{ type: 'divider' }]);
  });

  it('answers unknown methods with unknown_method', async () => {
    expect(await slackError(web.apiCall('chat.frobnicate'))).toBe('unknown_method');
  });
});

describe('chat.*', () => {
  it('posts to channels, DMs by user id, and threads, with unique increasing ts', async () => {
    const a = await web.chat.postMessage({ channel: 'C0OKRS', text: 'Quarter starts' });
    const b = await web.chat.postMessage({ channel: 'U01MINA', text: 'Your check-in' });
    const c = await web.chat.postMessage({ channel: 'C0OKRS', text: 'reply', thread_ts: a.ts as string });
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(Number(c.ts)).toBeGreaterThan(Number(b.ts));
    const dm = slack.dmChannelOf('U01MINA');
    expect(dm).toMatch(/^D/);
    expect(b.channel).toBe(dm);
    expect(b.message).toMatchObject({ text: 'Your check-in', user: 'UBOT', bot_id: 'B0LOCAL' });
    expect(slack.messages('U01MINA').map((m) => m.text)).toEqual(['Your check-in']);
    expect(slack.messages('C0OKRS').map((m) => [m.text, m.thread_ts])).toEqual([
      ['Quarter starts', undefined],
      ['reply', a.ts],
    ]);
    // DM channel id works for later posts too
    const again = await web.chat.postMessage({ channel: dm as string, text: 'second' });
    expect(again.channel).toBe(dm);
  });

  it('returns Slack errors for bad posts', async () => {
    expect(await slackError(web.chat.postMessage({ channel: 'C0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'D0NOPE', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'C0OKRS', text: '' }))).toBe('no_text');
    expect(await slackError(web.chat.postMessage({ channel: 'C0OKRS', text: 'x'.repeat(40_001) }))).toBe(
      'msg_too_long',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'U09NOBODY', text: 'x' }))).toBe(
      'user_not_found',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'UBOT', text: 'x' }))).toBe('cannot_dm_bot');
    expect(await slackError(web.chat.postMessage({ channel: 'U03GONE', text: 'x' }))).toBe('user_disabled');
    expect(slack.messages()).toEqual([]);
  });

  it('rejects a block over a limit with invalid_blocks and pointers', async () => {
    let data: Record<string, unknown> = {};
    try {
      await web.chat.postMessage({
        channel: 'C0OKRS',
        text: 'fallback',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      });
    } catch (e) {
      data = (e as { data: Record<string, unknown> }).data;
    }
    expect(data.error).toBe('invalid_blocks');
    expect(data.errors).toEqual([expect.stringContaining('[json-pointer:/blocks/0/text/text]')]);
    expect((data.response_metadata as { messages: string[] }).messages[0]).toMatch(/^\[ERROR\] /);
    expect(slack.callsTo('chat.postMessage')[0]?.args.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
    ]);
  });

  it('blockDm makes DMs to that user fail with the given error', async () => {
    slack.blockDm('U02OLE');
    expect(await slackError(web.chat.postMessage({ channel: 'U02OLE', text: 'x' }))).toBe('cannot_dm_bot');
    expect(await slackError(web.conversations.open({ users: 'U02OLE' }))).toBe('cannot_dm_bot');
    slack.blockDm('U01MINA', 'messages_tab_disabled');
    expect(await slackError(web.chat.postMessage({ channel: 'U01MINA', text: 'x' }))).toBe(
      'messages_tab_disabled',
    );
  });

  it('updates own messages keeping edit history; refuses others and unknown ts', async () => {
    const posted = await web.chat.postMessage({
      channel: 'C0OKRS',
      text: 'v1',
      blocks: [{ type: 'divider' }],
    });
    const updated = await web.chat.update({ channel: 'C0OKRS', ts: posted.ts as string, text: 'v2' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'v2' });
    const [m] = slack.messages('C0OKRS');
    expect(m?.text).toBe('v2');
    expect(m?.blocks).toEqual([{ type: 'divider' }]);
    expect(m?.history.map((h) => h.text)).toEqual(['v1']);
    expect(m?.edited?.user).toBe('UBOT');
    expect(await slackError(web.chat.update({ channel: 'C0OKRS', ts: '1.000001', text: 'x' }))).toBe(
      'message_not_found',
    );
    const human = slack.postUserMessage({ channel: 'C0OKRS', user: 'U01MINA', text: 'mine' });
    expect(await slackError(web.chat.update({ channel: 'C0OKRS', ts: human.ts, text: 'x' }))).toBe(
      'cant_update_message',
    );
  });

  it('posts ephemeral messages visible to one user', async () => {
    const res = await web.chat.postEphemeral({ channel: 'C0OKRS', user: 'U01MINA', text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    const [m] = slack.messages('C0OKRS');
    expect(m).toMatchObject({ ephemeral: true, visibleTo: 'U01MINA', text: 'only you' });
    expect(await slackError(web.chat.postEphemeral({ channel: 'C0OKRS', user: 'U09X', text: 'x' }))).toBe(
      'user_not_found',
    );
  });

  it('serves conversations.history newest first, metadata only when asked, and permalinks', async () => {
    const first = await web.chat.postMessage({
      channel: 'C0OKRS',
      text: 'one',
      metadata: { event_type: 'okr_checkin', event_payload: { kr: 'kr1' } },
    });
    await web.chat.postMessage({ channel: 'C0OKRS', text: 'reply', thread_ts: first.ts as string });
    await web.chat.postEphemeral({ channel: 'C0OKRS', user: 'U01MINA', text: 'secret' });
    await web.chat.postMessage({ channel: 'C0OKRS', text: 'two' });
    const plain = await web.conversations.history({ channel: 'C0OKRS' });
    expect(plain.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(plain.messages?.[1]?.metadata).toBeUndefined();
    expect(plain.messages?.[1]?.reply_count).toBe(1);
    const withMeta = await web.conversations.history({
      channel: 'C0OKRS',
      include_all_metadata: true,
      limit: 1,
      oldest: '0',
    });
    expect(withMeta.messages?.map((m) => m.text)).toEqual(['two']);
    expect(withMeta.has_more).toBe(true);
    const page2 = await web.conversations.history({
      channel: 'C0OKRS',
      include_all_metadata: true,
      limit: 1,
      cursor: withMeta.response_metadata?.next_cursor as string,
    });
    expect(page2.messages?.[0]?.metadata).toEqual({
      event_type: 'okr_checkin',
      event_payload: { kr: 'kr1' },
    });
    const after = await web.conversations.history({ channel: 'C0OKRS', oldest: first.ts as string });
    expect(after.messages?.map((m) => m.text)).toEqual(['two']);
    const link = await web.chat.getPermalink({ channel: 'C0OKRS', message_ts: first.ts as string });
    expect(link.permalink).toContain(`/archives/C0OKRS/p${(first.ts as string).replace('.', '')}`);
    expect(
      await slackError(
        web.chat.postMessage({ channel: 'C0OKRS', text: 'x', metadata: { event_type: '' } as never }),
      ),
    ).toBe('invalid_metadata_format');
  });
});

describe('conversations.open and users.*', () => {
  it('opens a stable DM per user', async () => {
    const a = await web.conversations.open({ users: 'U01MINA' });
    const b = await web.conversations.open({ users: 'U01MINA' });
    const c = await web.conversations.open({ users: 'U02OLE' });
    expect(a.channel?.id).toMatch(/^D/);
    expect(b.channel?.id).toBe(a.channel?.id);
    expect(b.already_open).toBe(true);
    expect(c.channel?.id).not.toBe(a.channel?.id);
    expect(slack.dmChannelOf('U01MINA')).toBe(a.channel?.id);
    expect(await slackError(web.conversations.open({ users: 'U09X' }))).toBe('user_not_found');
  });

  it('answers users.info with tz fields and users.list with cursor pagination', async () => {
    const info = await web.users.info({ user: 'U01MINA' });
    expect(info.user).toMatchObject({
      id: 'U01MINA',
      name: 'mina',
      real_name: 'Mina Park',
      tz: 'Europe/Berlin',
      deleted: false,
      is_bot: false,
    });
    expect([3600, 7200]).toContain(info.user?.tz_offset);
    expect(info.user?.tz_label).toMatch(/Central European/);
    expect(await slackError(web.users.info({ user: 'U09X' }))).toBe('user_not_found');
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await web.users.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...(page.members ?? []).map((m) => m.id as string));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(ids.sort()).toEqual(['U01MINA', 'U02OLE', 'U03GONE', 'UBOT']);
    expect(await slackError(web.users.list({ cursor: 'bogus' }))).toBe('invalid_cursor');
  });
});

describe('views.*', () => {
  it('opens a modal with a trigger id, once, and not after it expires', async () => {
    const trigger = slack.issueTriggerId({ userId: 'U01MINA' });
    const res = await web.views.open({ trigger_id: trigger, view: modal('New objective') as never });
    expect(res.view).toMatchObject({ type: 'modal', state: { values: {} }, callback_id: '' });
    expect(res.view?.id).toMatch(/^V/);
    expect(res.view?.hash).toBeTruthy();
    expect(slack.view(res.view?.id as string)).toMatchObject({
      user: 'U01MINA',
      position: 0,
      stackSize: 1,
      closed: false,
    });
    expect(await slackError(web.views.open({ trigger_id: trigger, view: modal('Again') as never }))).toBe(
      'exchanged_trigger_id',
    );
    expect(await slackError(web.views.open({ trigger_id: '1.2.3', view: modal('x') as never }))).toBe(
      'invalid_trigger_id',
    );
    const late = slack.issueTriggerId();
    clock += 3001;
    expect(await slackError(web.views.open({ trigger_id: late, view: modal('Late') as never }))).toBe(
      'expired_trigger_id',
    );
  });

  it('rejects invalid views with invalid_arguments and keeps the trigger usable', async () => {
    const trigger = slack.issueTriggerId();
    let data: Record<string, unknown> = {};
    try {
      await web.views.open({
        trigger_id: trigger,
        view: modal('This title is far too long to fit') as never,
      });
    } catch (e) {
      data = (e as { data: Record<string, unknown> }).data;
    }
    expect(data.error).toBe('invalid_arguments');
    expect(data.errors).toEqual([expect.stringContaining('[json-pointer:/view/title/text]')]);
    const ok = await web.views.open({ trigger_id: trigger, view: modal('Short') as never });
    expect(ok.ok).toBe(true);
  });

  it('updates by view_id or external_id with optimistic hash locking', async () => {
    const opened = await web.views.open({
      trigger_id: slack.issueTriggerId(),
      view: modal('Draft', { external_id: 'draft-1', private_metadata: '{"kr":1}' }) as never,
    });
    const id = opened.view?.id as string;
    const first = await web.views.update({
      view_id: id,
      hash: opened.view?.hash as string,
      view: modal('Draft v2') as never,
    });
    expect(first.view?.hash).not.toBe(opened.view?.hash);
    expect(first.view?.id).toBe(id);
    expect(
      await slackError(
        web.views.update({ view_id: id, hash: opened.view?.hash as string, view: modal('stale') as never }),
      ),
    ).toBe('hash_conflict');
    expect(slack.view(id)?.title).toEqual(pt('Draft v2'));
    expect(slack.view(id)?.history).toHaveLength(1);
    const byExt = await slackError(web.views.update({ external_id: 'draft-1', view: modal('x') as never }));
    expect(byExt).toBe('not_found'); // the update above dropped the external_id
    await web.views.update({ view_id: id, view: modal('Draft v3', { external_id: 'draft-9' }) as never });
    const viaExt = await web.views.update({ external_id: 'draft-9', view: modal('Draft v4') as never });
    expect(viaExt.view?.id).toBe(id);
    expect(await slackError(web.views.update({ view_id: 'V0NOPE', view: modal('x') as never }))).toBe(
      'not_found',
    );
  });

  it('pushes at most 3 views per stack', async () => {
    const opened = await web.views.open({
      trigger_id: slack.issueTriggerId({ userId: 'U01MINA' }),
      view: modal('One') as never,
    });
    const root = opened.view?.id as string;
    const two = await web.views.push({
      trigger_id: slack.issueTriggerId({ viewId: root }),
      view: modal('Two') as never,
    });
    await web.views.push({
      trigger_id: slack.issueTriggerId({ viewId: root }),
      view: modal('Three') as never,
    });
    expect(two.view).toMatchObject({ root_view_id: root, previous_view_id: root });
    expect(slack.stackOf(root).map((v) => v.position)).toEqual([0, 1, 2]);
    expect(
      await slackError(
        web.views.push({ trigger_id: slack.issueTriggerId({ viewId: root }), view: modal('Four') as never }),
      ),
    ).toBe('push_limit_reached');
  });

  it('publishes a Home tab per user and rejects modals there', async () => {
    const home = { type: 'home', blocks: [{ type: 'header', text: pt('Your OKRs') }] };
    const a = await web.views.publish({ user_id: 'U01MINA', view: home as never });
    const b = await web.views.publish({
      user_id: 'U01MINA',
      view: home as never,
      hash: a.view?.hash as string,
    });
    expect(b.view?.id).toBe(a.view?.id);
    expect(slack.home('U01MINA')?.blocks).toEqual(home.blocks);
    expect(slack.home('U02OLE')).toBeUndefined();
    expect(
      await slackError(
        web.views.publish({ user_id: 'U01MINA', view: home as never, hash: a.view?.hash as string }),
      ),
    ).toBe('hash_conflict');
    expect(await slackError(web.views.publish({ user_id: 'U01MINA', view: modal('x') as never }))).toBe(
      'invalid_arguments',
    );
    expect(await slackError(web.views.publish({ user_id: 'U09X', view: home as never }))).toBe(
      'user_not_found',
    );
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After; WebClient with rejectRateLimitedCalls throws with retryAfter', async () => {
    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const strict = client('xoxb-local', { rejectRateLimitedCalls: true });
    let err: { code?: string; retryAfter?: number } = {};
    try {
      await strict.chat.postMessage({ channel: 'C0OKRS', text: 'x' });
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.code).toBe('slack_webapi_rate_limited_error');
    expect(err.retryAfter).toBe(7);
    const [call] = slack.callsTo('chat.postMessage');
    expect(call).toMatchObject({ status: 429, response: { ok: false, error: 'ratelimited' } });
    expect(slack.messages()).toEqual([]);
    // the fault was used up
    expect((await strict.chat.postMessage({ channel: 'C0OKRS', text: 'x' })).ok).toBe(true);
  });

  it('raw 429 carries the Retry-After header', async () => {
    slack.failNext('auth.test', { status: 429, retryAfter: 3 });
    const res = await fetch(`${slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-local' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
  });

  it('answers 5xx as HTTP errors, and error faults as ok:false', async () => {
    slack.failNext('users.info', { status: 503 });
    let code: string | undefined;
    try {
      await web.users.info({ user: 'U01MINA' });
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('slack_webapi_http_error');
    slack.failNext('users.info', { error: 'fatal_error' }, 2);
    expect(await slackError(web.users.info({ user: 'U01MINA' }))).toBe('fatal_error');
    expect(await slackError(web.users.info({ user: 'U01MINA' }))).toBe('fatal_error');
    expect((await web.users.info({ user: 'U01MINA' })).ok).toBe(true);
  });

  it('failEvery hits every n-th call; clearFaults stops it', async () => {
    slack.failEvery('auth.test', 3, { error: 'ratelimited' });
    const results: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      results.push(
        await web.auth.test().then(
          () => 'ok',
          (e: { data?: { error?: string } }) => String(e.data?.error),
        ),
      );
    }
    expect(results).toEqual(['ok', 'ok', 'ratelimited', 'ok', 'ok', 'ratelimited']);
    slack.clearFaults();
    for (let i = 0; i < 3; i += 1) expect((await web.auth.test()).ok).toBe(true);
  });

  it("failNext('*') hits the next call of any method", async () => {
    slack.failNext('*', { error: 'team_access_not_granted' });
    expect(await slackError(web.users.info({ user: 'U01MINA' }))).toBe('team_access_not_granted');
    expect((await web.auth.test()).ok).toBe(true);
  });

  it('delays calls with delayMs', async () => {
    slack.failNext('auth.test', { delayMs: 150 });
    const start = performance.now();
    expect((await web.auth.test()).ok).toBe(true);
    expect(performance.now() - start).toBeGreaterThanOrEqual(140);
  });
});

describe('call log', () => {
  it('waitFor resolves on a future call and rejects listing recent calls', async () => {
    const waiting = slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.text === 'later');
    await web.chat.postMessage({ channel: 'C0OKRS', text: 'sooner' });
    await web.chat.postMessage({ channel: 'C0OKRS', text: 'later' });
    const call = await waiting;
    expect(call.response).toMatchObject({ ok: true, channel: 'C0OKRS' });
    // existing calls match immediately
    expect((await slack.waitFor((c) => c.args.text === 'sooner')).args.channel).toBe('C0OKRS');
    await expect(slack.waitFor((c) => c.method === 'views.open', 50)).rejects.toThrow(
      /chat\.postMessage .*sooner/,
    );
    slack.clearCalls();
    expect(slack.calls).toEqual([]);
    const broken = expect(
      slack.waitFor(() => {
        throw new Error('bad predicate');
      }),
    ).rejects.toThrow('bad predicate');
    await web.auth.test();
    await broken;
  });

  it('waitForIdle waits for in-flight calls', async () => {
    slack.failNext('auth.test', { delayMs: 120 });
    const pending = web.auth.test();
    await new Promise((r) => setTimeout(r, 20));
    await slack.waitForIdle(30);
    expect(slack.callsTo('auth.test')).toHaveLength(1);
    await pending;
  });
});

describe('response_url', () => {
  it('stores ephemeral and in-channel replies and replaces the original message', async () => {
    const posted = await web.chat.postMessage({ channel: 'C0OKRS', text: 'Pick one' });
    const url = slack.newResponseUrl({
      channelId: 'C0OKRS',
      userId: 'U01MINA',
      messageTs: posted.ts as string,
    });
    expect(url.startsWith(`${slack.baseUrl}/response/`)).toBe(true);
    const post = (body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'Saved (only you)' })).status).toBe(200);
    expect((await post({ text: 'Everyone sees', response_type: 'in_channel' })).status).toBe(200);
    expect((await post({ text: 'Picked', replace_original: true })).status).toBe(200);
    const bad = await post({ text: 'x', blocks: [{ type: 'section' }] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_blocks' });
    const msgs = slack.messages('C0OKRS');
    expect(msgs.map((m) => [m.text, m.ephemeral, m.visibleTo])).toEqual([
      ['Picked', false, undefined],
      ['Saved (only you)', true, 'U01MINA'],
      ['Everyone sees', false, undefined],
    ]);
    expect(msgs[0]?.history.map((h) => h.text)).toEqual(['Pick one']);
    expect(slack.callsTo('response_url').map((c) => c.status)).toEqual([200, 200, 200, 400]);
    // a rejected post does not count; the 4th and 5th uses work, the 6th is refused
    expect((await post({ text: 'fourth' })).status).toBe(200);
    expect((await post({ text: 'fifth' })).status).toBe(200);
    const sixth = await post({ text: 'sixth' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toMatchObject({ ok: false, error: 'expired_url' });
  });
});

describe('transcript', () => {
  it('renders what each person saw, in order', async () => {
    await web.chat.postMessage({
      channel: 'U01MINA',
      text: 'fallback',
      blocks: [
        { type: 'header', text: pt('Weekly check-in') },
        { type: 'actions', elements: [{ type: 'button', text: pt('Update'), action_id: 'u' }] },
      ],
    });
    await web.views.open({
      trigger_id: slack.issueTriggerId({ userId: 'U02OLE' }),
      view: modal('New objective') as never,
    });
    expect(slack.transcript()).toEqual([
      '→ DM to Mina Park (U01MINA):',
      '    # Weekly check-in',
      '    [ Update ]',
      expect.stringMatching(/^▣ Modal opened for Ole Berg \(U02OLE\): "New objective" \(V\w+\)$/),
      '    [Modal] New objective',
      '    New objective',
      '    [ Cancel ]',
    ]);
  });
});

describe('rate limits (the rateLimits option)', () => {
  let limited: LocalSlack;
  let strict: WebClient;
  const start = async (rateLimits: NonNullable<Parameters<typeof LocalSlack.start>[0]>['rateLimits']) => {
    limited = await LocalSlack.start({
      users: [MINA, OLE],
      channels: [
        { id: 'C0OKRS', name: 'okrs' },
        { id: 'C0HR', name: 'hr' },
      ],
      now: () => clock,
      rateLimits,
    });
    strict = new WebClient(limited.botToken, {
      slackApiUrl: limited.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silentLogger,
    });
  };
  afterEach(async () => {
    await limited?.stop();
  });
  /** Retry-After of a call answered 429, or 'ok'. */
  const outcome = async (p: Promise<unknown>): Promise<number | 'ok'> => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      const err = e as { code?: string; retryAfter?: number };
      expect(err.code).toBe('slack_webapi_rate_limited_error');
      return err.retryAfter ?? -1;
    }
  };
  const post = (channel: string) => strict.chat.postMessage({ channel, text: 'x' });

  it('are off by default: a burst into one channel is answered at once', async () => {
    for (let i = 0; i < 30; i++)
      expect((await web.chat.postMessage({ channel: 'C0OKRS', text: 'x' })).ok).toBe(true);
  });

  it('limit chat.postMessage per channel: another channel goes on, the same one after Retry-After', async () => {
    await start({ perChannel: { perMinute: 60 } });
    expect(await outcome(post('C0OKRS'))).toBe('ok');
    expect(await outcome(post('C0OKRS'))).toBe(1);
    expect(await outcome(post('C0HR'))).toBe('ok');
    expect(limited.messages('C0OKRS')).toHaveLength(1); // a refused call posts nothing
    clock += 1000;
    expect(await outcome(post('C0OKRS'))).toBe('ok');
    expect(limited.rateLimitedCount).toBe(1);
    expect(limited.callsTo('chat.postMessage').map((c) => c.status)).toEqual([200, 429, 200, 200]);
  });

  it('count a DM by its channel, whether posted to the user id or the D… id', async () => {
    await start({ perChannel: { perMinute: 60 } });
    expect(await outcome(post(MINA.id))).toBe('ok');
    expect(await outcome(post(limited.dmChannelOf(MINA.id)!))).toBe(1);
    expect(await outcome(post(OLE.id))).toBe('ok');
  });

  it('keep a workspace budget for chat.postMessage across channels, with its burst', async () => {
    await start({ methods: { 'chat.postMessage': { perMinute: 6, burst: 2 } } });
    expect(await outcome(post('C0OKRS'))).toBe('ok');
    expect(await outcome(post('C0HR'))).toBe('ok');
    expect(await outcome(post(MINA.id))).toBe(10); // the next token is due in 10 s
    clock += 10_000;
    expect(await outcome(post(MINA.id))).toBe('ok');
    expect(await outcome(post(OLE.id))).toBe(10);
  });

  it('limit other methods per method, each on its own', async () => {
    await start({ methods: { 'chat.update': { perMinute: 50 }, 'views.publish': { perMinute: 100 } } });
    const { ts } = await strict.chat.postMessage({ channel: 'C0OKRS', text: 'x' });
    expect(await outcome(strict.chat.update({ channel: 'C0OKRS', ts: ts!, text: 'y' }))).toBe('ok');
    expect(await outcome(strict.chat.update({ channel: 'C0OKRS', ts: ts!, text: 'z' }))).toBe(2); // 1.2 s
    const home = { type: 'home', blocks: [] };
    expect(await outcome(strict.views.publish({ user_id: MINA.id, view: home as never }))).toBe('ok');
    expect(await outcome(strict.chat.postMessage({ channel: 'C0OKRS', text: 'x' }))).toBe('ok');
    clock += 1200;
    expect(await outcome(strict.chat.update({ channel: 'C0OKRS', ts: ts!, text: 'z' }))).toBe('ok');
  });
});
