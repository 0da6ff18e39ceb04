import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCall, LocalMessage } from '../../src/localslack/types.js';
import { messagesOfKind, tickAt } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

// Sample org (src/demo/sample-org.yaml): Mina (Seoul) owns tth and offer-accept of hire-faster (owner Joon,
// team talent, #C0TALENT); Dana (New York) owns retention-90 and Priya (Kolkata) manager-score of
// keep-new-hires (owner Sam, team people-ops, #C0PEOPLE). Managers: Mina→Joon, Dana→Sam, Priya→Sam.
const MINA = 'U01MINA';
const JOON = 'U02JOON';
const DANA = 'U03DANA';
const SAM = 'U04SAM';
const PRIYA = 'U05PRIYA';
const MON_10_SEOUL = new Date('2026-11-23T01:00:00Z');
const MON_10_NEW_YORK = new Date('2026-11-23T15:00:00Z');
const HOUR = 3_600_000;
const later = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);

describe.each(dialectsUnderTest())('weekly check-ins through the local Slack (%s)', (dialect) => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z' });
    await h.importSample();
  });
  afterEach(async () => {
    await h?.stop();
  });

  const tick = (at: Date) => tickAt(h, at);
  /** Prompts (the round's first DM) a person has received. */
  const promptsTo = (user: string) => messagesOfKind(h, user, 'checkin-prompt');
  /** Successful chat.postMessage calls into a person's DM (posting to the user id opens the DM). */
  const postsTo = (user: string): ApiCall[] =>
    h.slack
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.response.ok === true && (c.args.channel === user || c.args.channel === h.slack.dmChannelOf(user)),
      );
  const text = (m: LocalMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

  async function keyResultId(key: string): Promise<string> {
    const row = await h.db
      .selectFrom('key_results')
      .select('id')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Mina clicks the button on her prompt; returns the modal's view id. */
  async function openForm(user: string, message: LocalMessage): Promise<string> {
    const before = h.slack.callsTo('views.open').length;
    const res = await h.client.blockAction({
      userId: user,
      actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
      message: { channel: message.channel, ts: message.ts },
    });
    expect(res.status).toBe(200);
    const call = await h.slack.nthCall('views.open', before);
    expect(call.response.ok).toBe(true);
    return (call.response.view as { id: string }).id;
  }

  function fill(
    viewId: string,
    krId: string,
    v: { value?: string; confidence?: string; changed?: string; blockers?: string; next?: string },
  ) {
    if (v.value !== undefined) h.client.setViewValue(viewId, `kr:${krId}:value`, 'value', v.value);
    if (v.confidence !== undefined)
      h.client.setViewValue(viewId, `kr:${krId}:confidence`, 'confidence', v.confidence);
    if (v.changed !== undefined) h.client.setViewValue(viewId, `kr:${krId}:changed`, 'changed', v.changed);
    if (v.blockers !== undefined)
      h.client.setViewValue(viewId, `kr:${krId}:blockers`, 'blockers', v.blockers);
    if (v.next !== undefined) h.client.setViewValue(viewId, `kr:${krId}:next`, 'next', v.next);
  }

  it('Monday 10:00 in Seoul prompts the Seoul owner once, with every key result, and not the New York owner', async () => {
    await tick(MON_10_SEOUL);
    const mina = promptsTo(MINA);
    expect(mina).toHaveLength(1);
    const body = text(mina[0]);
    expect(body).toContain('Reduce engineering time-to-hire from 52 to 30 days');
    expect(body).toContain('Raise offer acceptance from 72% to 88%');
    expect(body).toContain('from 52 → now *52* → target 30 days');
    expect(body).toContain('from 72% → now *72%* → target 88%');
    expect(body).toContain('Answers are open until Mon 30 Nov, 10:00'); // 10:00 in Seoul, Mina’s own zone
    expect(body).toContain('░░░░░░░░░░ 0%');
    expect(body).toContain('"action_id":"checkin_open"');
    expect(postsTo(DANA)).toHaveLength(0);
    expect(postsTo(PRIYA)).toHaveLength(0);
    expect(postsTo(JOON)).toHaveLength(0);
    // The round's thread is opened in the talent channel only.
    expect(h.slack.messages('C0TALENT').map((m) => m.text)).toEqual([
      expect.stringContaining('Check-ins for Mon 23 Nov'),
    ]);
    expect(h.slack.messages('C0PEOPLE')).toHaveLength(0);

    const posts = h.slack.callsTo('chat.postMessage').length;
    await tick(MON_10_SEOUL);
    expect(h.slack.callsTo('chat.postMessage').length).toBe(posts);

    await tick(MON_10_NEW_YORK);
    expect(promptsTo(DANA)).toHaveLength(1);
    expect(promptsTo(MINA)).toHaveLength(1);
    // Dana reads her own zone's time (10:00 in New York is 00:00 the next day in Seoul).
    expect(text(promptsTo(DANA)[0])).toContain('Answers are open until Mon 30 Nov, 10:00');
    expect(text(promptsTo(DANA)[0])).toContain('You own 1 key result.');
    expect(text(promptsTo(DANA)[0])).toContain('from 78% → now *78%* → target 90%');
  });

  it('the button opens the form; a non-number comes back as an error and nothing is saved; a good answer updates everything', async () => {
    await tick(MON_10_SEOUL);
    const prompt = promptsTo(MINA)[0]!;
    const tth = await keyResultId('tth');
    const offer = await keyResultId('offer-accept');

    h.clock.set(later(MON_10_SEOUL, 1));
    const viewId = await openForm(MINA, prompt);
    const view = h.slack.view(viewId)!;
    expect(view.title?.text).toBe('Weekly check-in');
    const blockIds = view.blocks.map((b) => (b as { block_id?: string }).block_id);
    for (const field of ['value', 'confidence', 'changed', 'blockers', 'next']) {
      expect(blockIds).toContain(`kr:${tth}:${field}`);
      expect(blockIds).toContain(`kr:${offer}:${field}`);
    }

    fill(viewId, tth, { value: 'forty', confidence: 'at_risk' });
    fill(viewId, offer, { value: '74%', confidence: 'on_track' });
    const refused = await h.client.submitView(viewId, MINA);
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors as object)).toEqual([`kr:${tth}:value`]);
    expect(String((refused.errors as Record<string, string>)[`kr:${tth}:value`])).toContain('not a number');
    expect(await h.db.selectFrom('checkins').selectAll().execute()).toHaveLength(0);
    expect(
      (
        await h.db
          .selectFrom('key_results')
          .select('current')
          .where('id', '=', offer)
          .executeTakeFirstOrThrow()
      ).current,
    ).toBe(72);

    fill(viewId, tth, {
      value: '41 days',
      blockers: 'Hiring managers take two weeks to give interview feedback',
      changed: 'New sourcing agency',
    });
    const accepted = await h.client.submitView(viewId, MINA);
    expect(accepted).toEqual({});
    expect(h.slack.view(viewId)?.closed).toBe(true);

    const krs = await h.db
      .selectFrom('key_results')
      .select(['id', 'current'])
      .where('id', 'in', [tth, offer])
      .execute();
    expect(Object.fromEntries(krs.map((k) => [k.id, k.current]))).toEqual({ [tth]: 41, [offer]: 74 });
    const saved = await h.db
      .selectFrom('checkins')
      .selectAll()
      .where('round_key', '=', '2026-11-23')
      .execute();
    expect(saved.map((c) => [c.key_result_id, c.value, c.confidence]).sort()).toEqual(
      [
        [tth, 41, 'at_risk'],
        [offer, 74, 'on_track'],
      ].sort(),
    );

    // The prompt is edited in place to "Checked in" with the numbers.
    await h.slack.waitFor(
      (c) => c.method === 'chat.update' && c.args.ts === prompt.ts && c.response.ok === true,
    );
    const edited = h.slack.message(prompt.channel, prompt.ts)!;
    expect(edited.text).toContain('Checked in');
    expect(text(edited)).toContain('from 52 → now *41* → target 30 days');
    expect(text(edited)).toContain('at risk');
    expect(text(edited)).toContain('Edit check-in');

    // One summary in the round's thread in #talent.
    const parent = h.slack.messages('C0TALENT').find((m) => !m.thread_ts)!;
    const reply = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === parent.ts && c.response.ok === true,
    );
    expect(JSON.stringify(reply.args.blocks)).toContain('<@U01MINA> checked in');
    expect(h.slack.messages('C0TALENT').filter((m) => !m.thread_ts)).toHaveLength(1);

    // Joon (objective owner and Mina's manager) gets one DM about the blocker, with a button to reply.
    await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === JOON && c.response.ok === true,
    );
    const help = h.slack.messages(JOON);
    expect(help).toHaveLength(1);
    expect(text(help[0])).toContain('Hiring managers take two weeks to give interview feedback');
    expect(text(help[0])).toContain('objective owner and manager');
    expect(text(help[0])).toContain('"action_id":"checkin_reply"');
    expect(postsTo(SAM)).toHaveLength(0);

    // Joon replies; Mina gets the answer as a DM.
    const res = await h.client.blockAction({
      userId: JOON,
      actions: [{ action_id: 'checkin_reply', block_id: 'checkin_help_actions' }],
      message: { channel: help[0]!.channel, ts: help[0]!.ts },
    });
    expect(res.status).toBe(200);
    const opened = await h.slack.waitFor(
      (c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('checkin_reply_submit'),
    );
    const replyView = (opened.response.view as { id: string }).id;
    h.client.setViewValue(
      replyView,
      'reply',
      'text',
      'I will ask the hiring managers for 48-hour feedback at Tuesday staff',
    );
    expect(await h.client.submitView(replyView, JOON)).toEqual({});
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === MINA &&
        JSON.stringify(c.args.blocks).includes('48-hour feedback'),
    );
    expect(text(h.slack.messages(MINA).at(-1))).toContain('<@U02JOON> replied');
  });

  it('the same button edits this round’s answers until the next round; late answers count; no second blocker DM for the same blocker', async () => {
    await tick(MON_10_SEOUL);
    const prompt = promptsTo(MINA)[0]!;
    const tth = await keyResultId('tth');
    const offer = await keyResultId('offer-accept');
    h.clock.set(later(MON_10_SEOUL, 30)); // Tuesday: late, still in the round
    let viewId = await openForm(MINA, prompt);
    fill(viewId, tth, { value: '45', confidence: 'at_risk', blockers: 'No interview slots' });
    fill(viewId, offer, { value: '75', confidence: 'on_track' });
    expect(await h.client.submitView(viewId, MINA)).toEqual({});
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === JOON);

    h.clock.set(later(MON_10_SEOUL, 100));
    viewId = await openForm(MINA, h.slack.message(prompt.channel, prompt.ts)!);
    const view = h.slack.view(viewId)!;
    expect(view.title?.text).toBe('Edit check-in');
    const valueInput = view.blocks.find(
      (b) => (b as { block_id?: string }).block_id === `kr:${tth}:value`,
    ) as { element: { initial_value?: string } };
    expect(valueInput.element.initial_value).toBe('45');
    fill(viewId, tth, { value: '43' });
    expect(await h.client.submitView(viewId, MINA)).toEqual({});
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        JSON.stringify(c.args.blocks ?? '').includes('updated their check-in'),
    );
    await h.slack.waitForIdle(100);

    expect(
      (await h.db.selectFrom('key_results').select('current').where('id', '=', tth).executeTakeFirstOrThrow())
        .current,
    ).toBe(43);
    expect(
      await h.db.selectFrom('checkins').select('value').where('key_result_id', '=', tth).execute(),
    ).toEqual([{ value: 43 }]);
    expect(text(h.slack.message(prompt.channel, prompt.ts))).toContain('from 52 → now *43* → target 30 days');
    expect(h.slack.messages(JOON)).toHaveLength(1);

    // After the round ends (next Monday 10:00 Seoul), the old button explains and saves nothing.
    await tick(later(MON_10_SEOUL, 24 * 7));
    viewId = await openForm(MINA, h.slack.message(prompt.channel, prompt.ts)!);
    expect(h.slack.view(viewId)?.title?.text).toBe('Round closed');
    expect(promptsTo(MINA)).toHaveLength(2);
  });
});
