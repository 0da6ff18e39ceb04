import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiCall } from '../../src/localslack/types.js';
import { messagesOfKind, tickAt } from '../support/checkin-rounds.js';
import { type Harness, startHarness } from '../support/harness.js';

// What people type must never ping or link when it reaches a notification: Slack notifies from `text`,
// so every `text` fallback is escaped like the blocks.
const INJECT = 'Hire faster <!channel> <@U0INJECT>';
const PHISH = '<https://evil.example/phish|Open your review>';
const RAW = ['<!channel>', '<@U0INJECT>', '<https://evil.example'];

function expectEscaped(call: ApiCall) {
  const text = String(call.args.text ?? '');
  const blocks = JSON.stringify(call.args.blocks ?? []);
  for (const raw of RAW) {
    expect(text, `text of ${call.method} to ${call.args.channel}`).not.toContain(raw);
    expect(blocks, `blocks of ${call.method} to ${call.args.channel}`).not.toContain(raw);
  }
}

describe('a draft whose objective and key results carry mentions and links', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T01:00:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  it('posts the summary and the owners’ DMs with the mentions and links escaped, text and blocks', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: `draft ${INJECT}`,
      userId: 'U02JOON',
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    const viewId = (open.response.view as { id: string }).id;
    h.client.setViewValue(
      viewId,
      'kr_text_0',
      'kr_text',
      `Reduce time-to-hire from 52 to 30 days by end of Q4 ${PHISH}`,
    );
    h.client.setViewValue(viewId, 'kr_owner_0', 'kr_owner', 'U01MINA');
    h.client.setViewValue(viewId, 'kr_text_1', 'kr_text', `Raise offer acceptance from 72% to 88% ${PHISH}`);
    h.client.setViewValue(viewId, 'kr_owner_1', 'kr_owner', 'U05PRIYA');
    expect(await h.client.submitView(viewId, 'U02JOON')).toEqual({});

    const summary = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'C0TALENT',
    );
    expect(String(summary.args.text)).toContain('&lt;!channel&gt;');
    expect(String(summary.args.text)).toContain('&lt;@U0INJECT&gt;');
    expect(JSON.stringify(summary.args.blocks)).toContain('&lt;!channel&gt;');
    expectEscaped(summary);

    const dms = new Map<string, ApiCall>();
    await h.slack.waitFor((c) => {
      if (c.method === 'chat.postMessage' && /^U/.test(String(c.args.channel)))
        dms.set(String(c.args.channel), c);
      return dms.size === 2;
    });
    for (const dm of dms.values()) {
      expectEscaped(dm);
      expect(String(dm.args.text)).toContain('&lt;https://evil.example/phish|Open your review&gt;');
    }
  });
});

describe('a check-in answer with a mention and a link', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-22T12:00:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  it('reaches the team thread and the blocker DM escaped', async () => {
    const at = new Date('2026-11-23T01:00:00Z');
    await tickAt(h, at);
    const prompt = messagesOfKind(h, 'U01MINA', 'checkin-prompt')[0]!;
    const tth = (
      await h.db.selectFrom('key_results').select('id').where('key', '=', 'tth').executeTakeFirstOrThrow()
    ).id;
    const offer = (
      await h.db
        .selectFrom('key_results')
        .select('id')
        .where('key', '=', 'offer-accept')
        .executeTakeFirstOrThrow()
    ).id;
    h.clock.set(new Date(at.getTime() + 3_600_000));
    await h.client.blockAction({
      userId: 'U01MINA',
      actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
      message: { channel: prompt.channel, ts: prompt.ts },
    });
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    const viewId = (open.response.view as { id: string }).id;
    h.client.setViewValue(viewId, `kr:${tth}:value`, 'value', '41');
    h.client.setViewValue(viewId, `kr:${tth}:confidence`, 'confidence', 'off_track');
    h.client.setViewValue(viewId, `kr:${tth}:blockers`, 'blockers', `${INJECT} ${PHISH}`);
    h.client.setViewValue(viewId, `kr:${tth}:changed`, 'changed', `${INJECT}`);
    h.client.setViewValue(viewId, `kr:${offer}:value`, 'value', '74%');
    h.client.setViewValue(viewId, `kr:${offer}:confidence`, 'confidence', 'on_track');
    expect(await h.client.submitView(viewId, 'U01MINA')).toEqual({});

    const parent = h.slack.messages('C0TALENT').find((m) => !m.thread_ts)!;
    const reply = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === parent.ts && c.response.ok === true,
    );
    expect(JSON.stringify(reply.args.blocks)).toContain('&lt;!channel&gt;');
    expectEscaped(reply);
    const help = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U02JOON' && c.response.ok === true,
    );
    expect(JSON.stringify(help.args.blocks)).toContain('&lt;https://evil.example/phish|Open your review&gt;');
    expectEscaped(help);
    await h.slack.waitForIdle();
    for (const c of h.slack.calls.filter((c) => /^chat\.(postMessage|update|postEphemeral)$/.test(c.method)))
      expectEscaped(c);
  });
});
