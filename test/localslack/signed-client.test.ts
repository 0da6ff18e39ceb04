import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { signRequest } from '../../src/localslack/signing.js';

const SECRET = 'local-signing-secret';
const MINA = { id: 'U01MINA', name: 'mina', realName: 'Mina Park' };

const pt = (text: string) => ({ type: 'plain_text' as const, text });

/** A modal with one live-feedback input, like the bot's objective editor. */
function objectiveModal(feedback?: string) {
  return {
    type: 'modal' as const,
    callback_id: 'objective_modal',
    private_metadata: JSON.stringify({ quarter: '2025-Q3' }),
    title: pt('New objective'),
    submit: pt('Save'),
    close: pt('Cancel'),
    blocks: [
      {
        type: 'input' as const,
        block_id: 'objective',
        dispatch_action: true,
        label: pt('Objective'),
        hint: pt('One sentence, outcome not output'),
        element: {
          type: 'plain_text_input' as const,
          action_id: 'objective_text',
          dispatch_action_config: { trigger_actions_on: ['on_character_entered' as const] },
        },
      },
      {
        type: 'input' as const,
        block_id: 'owner',
        optional: true,
        label: pt('Owner'),
        element: { type: 'users_select' as const, action_id: 'owner_user' },
      },
      ...(feedback
        ? [
            {
              type: 'context' as const,
              block_id: 'feedback',
              elements: [{ type: 'mrkdwn' as const, text: feedback }],
            },
          ]
        : []),
    ],
  };
}

interface Seen {
  actions: Array<{ viewId: string; hash: string; value: unknown; values: unknown }>;
  submissions: Array<{ values: unknown; privateMetadata: string }>;
  commands: Array<{ text: string; channel: string; responseUrl: string }>;
  picks: Array<{ action: unknown; values: unknown }>;
}

let slack: LocalSlack;
let app: App;
let client: SignedClient;
let appUrl: string;
let seen: Seen;

beforeEach(async () => {
  seen = { actions: [], submissions: [], commands: [], picks: [] };
  slack = await LocalSlack.start({ users: [MINA], channels: [{ id: 'C0OKRS', name: 'okrs' }] });
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  app = new App({
    receiver,
    token: 'xoxb-local',
    botId: 'B0LOCAL',
    botUserId: 'UBOT',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/okr', async ({ ack, body, client: web, respond }) => {
    seen.commands.push({ text: body.text, channel: body.channel_id, responseUrl: body.response_url });
    await ack();
    await web.views.open({ trigger_id: body.trigger_id, view: objectiveModal() });
    await respond({ text: 'Opened the objective editor.' });
  });
  app.action('objective_text', async ({ ack, body, client: web }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.view) return;
    const values = body.view.state.values;
    const value = values.objective?.objective_text?.value;
    seen.actions.push({ viewId: body.view.id, hash: body.view.hash, value, values });
    const feedback = String(value ?? '').length < 10 ? 'Too short' : 'Looks measurable';
    await web.views.update({ view_id: body.view.id, hash: body.view.hash, view: objectiveModal(feedback) });
  });
  app.action('status_pick', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !body.view) return;
    seen.picks.push({ action, values: body.view.state.values });
  });
  app.action('done', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'Marked done', replace_original: true });
  });
  app.view('objective_modal', async ({ ack, view }) => {
    const value = view.state.values.objective?.objective_text?.value ?? '';
    seen.submissions.push({ values: view.state.values, privateMetadata: view.private_metadata });
    if (value.length < 10)
      await ack({ response_action: 'errors', errors: { objective: 'Make it at least 10 characters' } });
    else await ack();
  });
  app.event('app_home_opened', async ({ event, client: web }) => {
    await web.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'header', text: pt('Your OKRs') }] },
    });
  });
  const server = (await app.start(0)) as unknown as { address(): AddressInfo };
  appUrl = `http://127.0.0.1:${server.address().port}/slack/events`;
  client = new SignedClient({ appUrl, signingSecret: SECRET, slack });
});

afterEach(async () => {
  await slack.waitForIdle(50); // let the app's last calls (e.g. respond()) finish before shutting down
  await app.stop();
  await slack.stop();
});

async function openObjectiveModal(): Promise<string> {
  const res = await client.slashCommand({ command: '/okr', text: 'new', userId: 'U01MINA' });
  expect(res.status).toBe(200);
  const call = await slack.waitFor((c) => c.method === 'views.open');
  expect(call.response.ok).toBe(true);
  await slack.waitFor((c) => c.method === 'response_url');
  return (call.response.view as { id: string }).id;
}

describe('SignedClient against a Bolt app', () => {
  it('delivers a slash command that opens a modal and answers via response_url', async () => {
    const res = await client.slashCommand({ command: '/okr', text: 'new', userId: 'U01MINA' });
    expect(res.status).toBe(200);
    expect(res.triggerId).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    const open = await slack.waitFor((c) => c.method === 'views.open');
    expect(open.args.trigger_id).toBe(res.triggerId);
    expect(open.response).toMatchObject({ ok: true, view: { callback_id: 'objective_modal' } });
    const viewId = (open.response.view as { id: string }).id;
    expect(slack.view(viewId)).toMatchObject({ user: 'U01MINA', closed: false });
    expect(seen.commands).toEqual([
      { text: 'new', channel: slack.dmChannelOf('U01MINA'), responseUrl: res.responseUrl },
    ]);
    const reply = await slack.waitFor((c) => c.method === 'response_url');
    expect(reply.status).toBe(200);
    expect(slack.messages('U01MINA')).toEqual([
      expect.objectContaining({
        text: 'Opened the objective editor.',
        ephemeral: true,
        visibleTo: 'U01MINA',
      }),
    ]);
    await slack.waitForIdle();
    const transcript = slack.transcript().join('\n');
    expect(transcript).toContain('← Mina Park (U01MINA): /okr new');
    expect(transcript).toContain('Objective: ____ (One sentence, outcome not output)');
  });

  it('typeInView sends block_actions with the current view hash; the app updates without a conflict', async () => {
    const viewId = await openObjectiveModal();
    const hash0 = slack.view(viewId)?.hash;
    const res = await client.typeInView(viewId, 'objective', 'objective_text', 'Grow', 'U01MINA');
    expect(res.status).toBe(200);
    const update = await slack.waitFor((c) => c.method === 'views.update');
    expect(update.response).toMatchObject({ ok: true });
    expect(seen.actions).toHaveLength(1);
    expect(seen.actions[0]).toMatchObject({ viewId, hash: hash0, value: 'Grow' });
    expect(seen.actions[0]?.values).toEqual({
      objective: { objective_text: { type: 'plain_text_input', value: 'Grow' } },
      owner: { owner_user: { type: 'users_select', selected_user: null } },
    });
    const hash1 = slack.view(viewId)?.hash;
    expect(hash1).not.toBe(hash0);
    expect(JSON.stringify(slack.view(viewId)?.blocks)).toContain('Too short');

    // the next keystroke carries the new hash, and the typed value survives the update
    await client.typeInView(viewId, 'objective', 'objective_text', 'Grow ARR to 2M', 'U01MINA');
    await slack.waitFor((c) => c.method === 'views.update' && c !== update);
    expect(seen.actions[1]).toMatchObject({ hash: hash1, value: 'Grow ARR to 2M' });
    expect(slack.callsTo('views.update').map((c) => c.response.ok)).toEqual([true, true]);
  });

  it('refuses typeInView on an input without dispatch_action', async () => {
    const viewId = await openObjectiveModal();
    await expect(client.typeInView(viewId, 'owner', 'owner_user', 'x', 'U01MINA')).rejects.toThrow(
      /dispatch_action/,
    );
    await expect(client.typeInView(viewId, 'nope', 'x', 'x', 'U01MINA')).rejects.toThrow(/no open view/);
  });

  it('submitView returns the app’s errors ack and keeps the modal open; a valid submission closes it', async () => {
    const viewId = await openObjectiveModal();
    client.setViewValue(viewId, 'objective', 'objective_text', 'Grow');
    client.setViewValue(viewId, 'owner', 'owner_user', 'U01MINA');
    const ack = await client.submitView(viewId, 'U01MINA');
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { objective: 'Make it at least 10 characters' },
    });
    expect(seen.submissions[0]).toMatchObject({
      privateMetadata: JSON.stringify({ quarter: '2025-Q3' }),
      values: {
        objective: { objective_text: { type: 'plain_text_input', value: 'Grow' } },
        owner: { owner_user: { type: 'users_select', selected_user: 'U01MINA' } },
      },
    });
    expect(slack.view(viewId)?.closed).toBe(false);
    expect(slack.callsTo('response_action')[0]?.response).toMatchObject({ ok: true });

    client.setViewValue(viewId, 'objective', 'objective_text', 'Grow ARR to 2M by September');
    expect(await client.submitView(viewId, 'U01MINA')).toEqual({});
    expect(slack.view(viewId)?.closed).toBe(true);
  });

  it('does not send a submission the Slack client itself would refuse (required field empty)', async () => {
    const viewId = await openObjectiveModal();
    const ack = await client.submitView(viewId, 'U01MINA');
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { objective: 'Please complete this required field.' },
      client_side: true,
    });
    expect(seen.submissions).toEqual([]);
    expect(() => client.setViewValue(viewId, 'objective', 'nope', 'x')).toThrow(/no element/);
  });

  it('delivers a button click on a message with a response_url that can replace it', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0OKRS',
      text: 'KR 1 due',
      blocks: [
        {
          type: 'actions',
          block_id: 'kr',
          elements: [{ type: 'button', text: pt('Done'), action_id: 'done' }],
        },
      ],
    });
    const res = await client.blockAction({
      userId: 'U01MINA',
      actions: [{ action_id: 'done', block_id: 'kr' }],
      message: { channel: 'C0OKRS', ts: posted.ts as string },
    });
    expect(res.status).toBe(200);
    await slack.waitFor((c) => c.method === 'response_url');
    expect(slack.messages('C0OKRS').map((m) => m.text)).toEqual(['Marked done']);
    expect(slack.transcript().join('\n')).toContain('← Mina Park (U01MINA) clicked [ Done ]');
    await expect(
      client.blockAction({
        userId: 'U01MINA',
        actions: [{ action_id: 'x', block_id: 'kr' }],
        message: { channel: 'C0OKRS', ts: posted.ts as string },
      }),
    ).rejects.toThrow(/no element/);
  });

  it('delivers a select change inside a modal, carrying the selection in the view state', async () => {
    const atRisk = { text: pt('At risk'), value: 'at_risk' };
    const opened = await app.client.views.open({
      trigger_id: slack.issueTriggerId({ userId: 'U01MINA' }),
      view: {
        type: 'modal',
        title: pt('KR status'),
        blocks: [
          {
            type: 'actions',
            block_id: 'status',
            elements: [
              {
                type: 'static_select',
                action_id: 'status_pick',
                options: [{ text: pt('On track'), value: 'on_track' }, atRisk],
              },
              { type: 'button', text: pt('Help'), action_id: 'help', value: 'h' },
            ],
          },
        ],
      },
    });
    const viewId = opened.view?.id as string;
    await client.blockAction({
      userId: 'U01MINA',
      viewId,
      actions: [{ action_id: 'status_pick', block_id: 'status', selected_option: atRisk }],
    });
    await slack.waitForIdle(30);
    expect(seen.picks).toEqual([
      {
        action: expect.objectContaining({ type: 'static_select', selected_option: atRisk }),
        values: { status: { status_pick: { type: 'static_select', selected_option: atRisk } } },
      },
    ]);
    expect(slack.transcript().join('\n')).toContain('← Mina Park (U01MINA) chose "At risk"');
  });

  it('delivers signed events and url_verification', async () => {
    const res = await client.event({ type: 'app_home_opened', user: 'U01MINA', tab: 'home', channel: 'D0X' });
    expect(res.status).toBe(200);
    await slack.waitFor((c) => c.method === 'views.publish');
    expect(slack.home('U01MINA')?.blocks).toEqual([{ type: 'header', text: pt('Your OKRs') }]);
    const verification = await client.urlVerification('abc123');
    expect(verification).toMatchObject({ status: 200, body: { challenge: 'abc123' } });
  });

  it('gets 401 for a wrong signature, a timestamp older than five minutes, or missing headers', async () => {
    const body = new URLSearchParams({
      command: '/okr',
      text: 'new',
      user_id: 'U01MINA',
      trigger_id: slack.issueTriggerId({ userId: 'U01MINA' }),
      response_url: slack.newResponseUrl({ channelId: 'C0OKRS', userId: 'U01MINA' }),
    }).toString();
    const now = Math.floor(Date.now() / 1000);
    const good = await client.rawPost(body, {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': signRequest(SECRET, now, body),
    });
    expect(good.status).toBe(200);
    const forged = await client.rawPost(body, {
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': signRequest('not-the-secret', now, body),
    });
    expect(forged.status).toBe(401);
    const old = now - 6 * 60;
    const stale = await client.rawPost(body, {
      'x-slack-request-timestamp': String(old),
      'x-slack-signature': signRequest(SECRET, old, body),
    });
    expect(stale.status).toBe(401);
    expect((await client.rawPost(body)).status).toBe(401);
    const lagging = new SignedClient({
      appUrl,
      signingSecret: SECRET,
      slack,
      now: () => Math.floor(Date.now() / 1000) - 301,
    });
    expect((await lagging.slashCommand({ command: '/okr', userId: 'U01MINA' })).status).toBe(401);
    expect(seen.commands).toHaveLength(1); // only the correctly signed one arrived
  });
});
