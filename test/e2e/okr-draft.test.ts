import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateView } from '../../src/localslack/block-kit-limits.js';
import type { ApiCall } from '../../src/localslack/types.js';
import { type Harness, startHarness } from '../support/harness.js';

type Block = {
  type: string;
  block_id?: string;
  elements?: Array<{ text?: string }>;
  element?: { action_id?: string; initial_value?: string };
};
const blocksOf = (call: ApiCall) => ((call.args.view as { blocks: Block[] }).blocks ?? []) as Block[];
const feedbackOf = (call: ApiCall, id: string) =>
  blocksOf(call).find((b) => b.block_id === id)?.elements?.[0]?.text ?? '';

describe('/okr draft: writing OKRs in Slack with live feedback', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T01:00:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  async function openDraft(text = 'Make hiring feel effortless for candidates and managers') {
    h.slack.clearCalls();
    const res = await h.client.slashCommand({
      command: '/okr',
      text: `draft ${text}`,
      userId: 'U02JOON',
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    const open = await h.slack.waitFor((c) => c.method === 'views.open');
    expect(open.response.ok).toBe(true);
    expect(validateView(open.args.view)).toEqual([]);
    return (open.response.view as { id: string }).id;
  }

  it('opens the modal with the objective typed after the command', async () => {
    const viewId = await openDraft();
    const view = h.slack.view(viewId)!;
    const objective = (view.blocks as Block[]).find((b) => b.block_id === 'objective');
    expect(objective?.element?.initial_value).toBe('Make hiring feel effortless for candidates and managers');
    expect((view.blocks as Block[]).filter((b) => b.block_id?.startsWith('kr_text_'))).toHaveLength(2);
    // Opened already linted: the first keystroke has nothing new to show unless the verdict changes.
    const feedback = (view.blocks as Block[]).find((b) => b.block_id === 'objective_feedback');
    expect(feedback?.elements?.[0]?.text).toMatch(/objective/i);
  });

  it('shows the activity finding under the row being typed, keeping what was typed', async () => {
    const viewId = await openDraft();
    await h.client.typeInView(
      viewId,
      'kr_text_0',
      'kr_text',
      'Conduct 20 manager training sessions by March 31',
      'U02JOON',
    );
    const update = await h.slack.waitFor((c) => c.method === 'views.update');
    expect(update.response.ok).toBe(true);
    expect(update.args.hash).toBeTruthy();
    expect(feedbackOf(update, 'kr_feedback_0')).toMatch(/Activity/);
    expect(feedbackOf(update, 'kr_feedback_0')).toMatch(/→/); // a suggestion comes with it
    const row = blocksOf(update).find((b) => b.block_id === 'kr_text_0');
    expect(row?.element?.action_id).toBe('kr_text');
    expect(validateView(update.args.view)).toEqual([]);

    await h.client.typeInView(
      viewId,
      'kr_text_1',
      'kr_text',
      'Reduce time-to-hire from 52 to 30 days by end of Q4',
      'U02JOON',
    );
    const second = await h.slack.waitFor(
      (c) => c.method === 'views.update' && feedbackOf(c, 'kr_feedback_1') !== '',
    );
    expect(feedbackOf(second, 'kr_feedback_1')).toMatch(/Outcome/);
    expect(feedbackOf(second, 'kr_feedback_0')).toMatch(/Activity/);
  });

  it('debounces fast typing into few updates', async () => {
    const viewId = await openDraft();
    const text = 'Increase offer acceptance from 72% to 88% by end of Q4';
    for (let i = 10; i <= text.length; i += 5)
      await h.client.typeInView(viewId, 'kr_text_0', 'kr_text', text.slice(0, i), 'U02JOON');
    await h.slack.waitFor((c) => c.method === 'views.update');
    await h.slack.waitForIdle(600);
    const updates = h.slack.callsTo('views.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(3);
    expect(feedbackOf(updates.at(-1)!, 'kr_feedback_0')).toMatch(/Outcome/);
  });

  it('typing letter by letter: an update when the verdict changes, stating the rule, not the typed words', async () => {
    const viewId = await openDraft();
    const text = 'Launch a referral program';
    for (let i = 1; i <= text.length; i++) {
      await h.client.typeInView(viewId, 'kr_text_0', 'kr_text', text.slice(0, i), 'U02JOON');
      await new Promise((r) => setTimeout(r, 60));
    }
    await h.slack.waitForIdle(1200);
    const updates = h.slack.callsTo('views.update').filter((c) => c.args.view_id === viewId);
    // The modal opens already linted; the row's feedback appears once "Launch " is a word, as an activity,
    // and the rest of the sentence does not change what the rule says: one thing to read, one update.
    expect(updates).toHaveLength(1);
    for (const u of updates) expect(feedbackOf(u, 'kr_feedback_0')).not.toMatch(/referral/);
    expect(feedbackOf(updates.at(-1)!, 'kr_feedback_0')).toMatch(/Activity/);
  });

  it('judges a word still being typed once the person pauses, not on each letter', async () => {
    const viewId = await openDraft();
    const typedAt = Date.now();
    // "9" has no space after it yet: a number still being typed. At once, the finished words are judged.
    await h.client.typeInView(viewId, 'kr_text_0', 'kr_text', 'Raise retention to 9', 'U02JOON');
    const first = await h.slack.waitFor((c) => c.method === 'views.update' && c.args.view_id === viewId);
    expect(feedbackOf(first, 'kr_feedback_0')).toMatch(/Not measurable/);
    // Once the person pauses, the whole text is: it has a target now, and lacks today's value.
    const paused = await h.slack.waitFor(
      (c) =>
        c.method === 'views.update' &&
        c.args.view_id === viewId &&
        /No starting value/.test(feedbackOf(c, 'kr_feedback_0')),
    );
    expect(paused.at - typedAt).toBeGreaterThanOrEqual(700);
    expect(h.slack.callsTo('views.update').filter((c) => c.args.view_id === viewId)).toHaveLength(2);
  });

  it('does not show a stale hash to the user, and keeps working after it', async () => {
    const viewId = await openDraft();
    h.slack.failNext('views.update', { error: 'hash_conflict' });
    await h.client.typeInView(viewId, 'kr_text_0', 'kr_text', 'Run 12 webinars', 'U02JOON');
    await h.slack.waitFor((c) => c.method === 'views.update' && c.response.error === 'hash_conflict');
    await h.client.typeInView(viewId, 'kr_text_0', 'kr_text', 'Run 12 webinars a quarter', 'U02JOON');
    // This view's update (an earlier test's late update of its own view must not be taken for it).
    const ok = await h.slack.waitFor(
      (c) => c.method === 'views.update' && c.response.ok === true && c.args.view_id === viewId,
    );
    expect(feedbackOf(ok, 'kr_feedback_0')).toMatch(/Activity/);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('splits a pasted bullet list into rows', async () => {
    const viewId = await openDraft();
    await h.client.typeInView(
      viewId,
      'kr_text_0',
      'kr_text',
      '- Reduce time-to-hire from 52 to 30 days by end of Q4\n- Raise offer acceptance from 72% to 88% by end of Q4\n- Conduct 30 sourcing calls a week',
      'U02JOON',
    );
    const update = await h.slack.waitFor((c) => c.method === 'views.update');
    const rows = blocksOf(update).filter((b) => b.block_id?.startsWith('kr_text_'));
    expect(rows.map((b) => b.element?.initial_value)).toEqual([
      'Reduce time-to-hire from 52 to 30 days by end of Q4',
      'Raise offer acceptance from 72% to 88% by end of Q4',
      'Conduct 30 sourcing calls a week',
    ]);
    expect(feedbackOf(update, 'kr_feedback_2')).toMatch(/Activity/);
  });

  it('returns errors on the right inputs: empty objective, a key result without a number, a missing owner', async () => {
    const viewId = await openDraft('');
    h.client.setViewValue(viewId, 'kr_text_0', 'kr_text', 'Improve candidate experience');
    h.client.setViewValue(viewId, 'kr_text_1', 'kr_text', 'Cut time-to-hire from 52 to 30 days');
    h.client.setViewValue(viewId, 'kr_owner_0', 'kr_owner', 'U01MINA');
    const ack = (await h.client.submitView(viewId, 'U02JOON')) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['kr_owner_1', 'kr_text_0', 'objective']);
    expect(ack.errors.kr_text_0).toMatch(/needs a number/);
    expect(await h.db.selectFrom('objectives').select('id').where('text', '=', '').execute()).toEqual([]);
  });

  it('asks for at least one key result', async () => {
    const viewId = await openDraft('Become the place engineers recommend');
    const ack = (await h.client.submitView(viewId, 'U02JOON')) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(ack.errors).toEqual({ kr_text_0: expect.stringMatching(/at least one key result/) });
  });

  it('saves a valid draft, posts the summary in the team channel and DMs each owner', async () => {
    const objective = 'Become the place engineers recommend to their friends';
    const viewId = await openDraft(objective);
    h.client.setViewValue(
      viewId,
      'kr_text_0',
      'kr_text',
      'Raise referral hires from 10% to 25% of engineering hires by end of Q4',
    );
    h.client.setViewValue(viewId, 'kr_owner_0', 'kr_owner', 'U01MINA');
    h.client.setViewValue(viewId, 'kr_text_1', 'kr_text', 'Host 6 engineering meetups');
    h.client.setViewValue(viewId, 'kr_owner_1', 'kr_owner', 'U05PRIYA');
    const ack = await h.client.submitView(viewId, 'U02JOON');
    expect(ack).toEqual({});

    const summary = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'C0TALENT',
    );
    expect(summary.response.ok).toBe(true);
    expect(summary.args.text).toContain(objective);
    const dmTargets = new Set<string>();
    await h.slack.waitFor((c) => {
      if (c.method === 'chat.postMessage' && /^U/.test(String(c.args.channel)))
        dmTargets.add(String(c.args.channel));
      return dmTargets.size === 2;
    });
    expect([...dmTargets].sort()).toEqual(['U01MINA', 'U05PRIYA']);

    const saved = await h.db
      .selectFrom('objectives')
      .selectAll()
      .where('text', '=', objective)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      team_key: 'talent',
      quarter: '2026Q4',
      owner_slack_id: 'U02JOON',
      status: 'active',
    });
    const krs = await h.db
      .selectFrom('key_results')
      .selectAll()
      .where('objective_id', '=', saved.id)
      .orderBy('position')
      .execute();
    expect(krs.map((k) => [k.owner_slack_id, k.baseline, k.target, k.unit])).toEqual([
      ['U01MINA', 10, 25, '%'],
      ['U05PRIYA', null, null, null],
    ]);

    const list = await h.client.slashCommand({
      command: '/okr',
      text: 'list',
      userId: 'U02JOON',
      channelId: 'C0TALENT',
    });
    expect(JSON.stringify(list.body)).toContain(objective);
  });

  it('/okr lint answers with the verdict and a suggestion, only to the caller', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'lint Conduct 20 manager training sessions',
      userId: 'U01MINA',
    });
    const body = res.body as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toMatch(/Activity/);
    const ko = await h.client.slashCommand({
      command: '/okr',
      text: 'lint 채용 리드타임을 52일에서 30일로 단축',
      userId: 'U01MINA',
    });
    expect(JSON.stringify(ko.body)).toMatch(/성과/);
    const empty = await h.client.slashCommand({ command: '/okr', text: 'lint', userId: 'U01MINA' });
    expect(JSON.stringify(empty.body)).toMatch(/Type a key result after the command/);
  });
});
