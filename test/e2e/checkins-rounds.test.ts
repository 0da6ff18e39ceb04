import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../src/localslack/types.js';
import { messagesOfKind, tickAt } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

// Reminders, pauses, closed objectives, digests, time zones, blocked DMs and Slack faults, over the sample
// org (see checkins.test.ts for who is who).
const MINA = 'U01MINA';
const DANA = 'U03DANA';
const PRIYA = 'U05PRIYA';
const MON_10_SEOUL = new Date('2026-11-23T01:00:00Z');
const MON_10_KOLKATA = new Date('2026-11-23T04:30:00Z');
const MON_10_NEW_YORK = new Date('2026-11-23T15:00:00Z');
const MON_10_NEW_YORK_NEXT = new Date('2026-11-30T15:00:00Z');
const HOUR = 3_600_000;
const later = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);

describe.each(dialectsUnderTest())('check-in rounds (%s)', (dialect) => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z' });
    await h.importSample();
  });
  afterEach(async () => {
    await h?.stop();
  });

  const tick = (at: Date) => tickAt(h, at);
  const promptsTo = (user: string) => messagesOfKind(h, user, 'checkin-prompt');
  const nudgesTo = (user: string) => messagesOfKind(h, user, 'checkin-nudge');
  const text = (m: LocalMessage | undefined) => JSON.stringify(m?.blocks ?? []) + (m?.text ?? '');

  async function answer(user: string, values: Record<string, string>) {
    const prompt = promptsTo(user)[0]!;
    const before = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: user,
      actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
      message: { channel: prompt.channel, ts: prompt.ts },
    });
    const call = await h.slack.nthCall('views.open', before);
    const viewId = (call.response.view as { id: string }).id;
    const krs = await h.db
      .selectFrom('key_results')
      .select(['id', 'key'])
      .where('owner_slack_id', '=', user)
      .execute();
    for (const kr of krs) {
      h.client.setViewValue(viewId, `kr:${kr.id}:value`, 'value', values[kr.key!] ?? '1');
      h.client.setViewValue(
        viewId,
        `kr:${kr.id}:confidence`,
        'confidence',
        values[`${kr.key}:confidence`] ?? 'on_track',
      );
      if (values[`${kr.key}:blockers`])
        h.client.setViewValue(viewId, `kr:${kr.id}:blockers`, 'blockers', values[`${kr.key}:blockers`]!);
    }
    expect(await h.client.submitView(viewId, user)).toEqual({});
    await h.slack.waitForIdle(80);
  }

  it('one reminder 48 hours after an unanswered prompt, never a second, none for those who answered', async () => {
    await tick(MON_10_SEOUL);
    await tick(MON_10_KOLKATA);
    await tick(MON_10_NEW_YORK);
    expect([promptsTo(MINA), promptsTo(PRIYA), promptsTo(DANA)].map((p) => p.length)).toEqual([1, 1, 1]);
    h.clock.set(later(MON_10_SEOUL, 2));
    await answer(MINA, { tth: '50', 'offer-accept': '73' });

    await tick(later(MON_10_NEW_YORK, 47)); // Wednesday 09:00 in New York: 47 hours, too soon for Dana
    expect(nudgesTo(DANA)).toHaveLength(0);
    expect(nudgesTo(PRIYA)).toHaveLength(1); // 04:30Z Wednesday + 10h30: Priya's 48 hours passed at 04:30Z
    await tick(later(MON_10_NEW_YORK, 48));
    expect(nudgesTo(DANA)).toHaveLength(1);
    expect(text(nudgesTo(DANA)[0])).toContain('still open');
    expect(text(nudgesTo(DANA)[0])).toContain('"action_id":"checkin_open"');
    for (const hours of [49, 60, 100]) await tick(later(MON_10_NEW_YORK, hours));
    expect(nudgesTo(DANA)).toHaveLength(1);
    expect(nudgesTo(PRIYA)).toHaveLength(1);
    expect(nudgesTo(MINA)).toHaveLength(0);

    // Dana answers from the reminder: the reminder and the prompt both turn into "Checked in".
    const reminder = nudgesTo(DANA)[0]!;
    const before = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: DANA,
      actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
      message: { channel: reminder.channel, ts: reminder.ts },
    });
    const call = await h.slack.nthCall('views.open', before);
    const viewId = (call.response.view as { id: string }).id;
    const kr = await h.db
      .selectFrom('key_results')
      .select('id')
      .where('key', '=', 'retention-90')
      .executeTakeFirstOrThrow();
    h.client.setViewValue(viewId, `kr:${kr.id}:value`, 'value', '81');
    h.client.setViewValue(viewId, `kr:${kr.id}:confidence`, 'confidence', 'on_track');
    expect(await h.client.submitView(viewId, DANA)).toEqual({});
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === reminder.ts);
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === promptsTo(DANA)[0]!.ts);
    expect(h.slack.message(reminder.channel, reminder.ts)?.text).toContain('Checked in');
  });

  it('no reminder in the owner’s night: a team’s 12-hour wait that ends at 22:00 in New York waits for 08:00', async () => {
    await h.db
      .updateTable('teams')
      .set({ checkin_nudge_hours: 12 })
      .where('key', '=', 'people-ops')
      .execute();
    await tick(MON_10_NEW_YORK);
    await tick(later(MON_10_NEW_YORK, 12)); // 22:00 in New York
    await tick(later(MON_10_NEW_YORK, 20)); // 06:00
    expect(nudgesTo(DANA)).toHaveLength(0);
    await tick(later(MON_10_NEW_YORK, 22)); // 08:00
    expect(nudgesTo(DANA)).toHaveLength(1);
  });

  it('a paused person gets no prompt and no reminder; /okr resume starts them again', async () => {
    h.clock.set('2026-11-22T12:00:00Z');
    const paused = await h.client.slashCommand({
      command: '/okr',
      text: 'pause until 2026-11-25',
      userId: PRIYA,
    });
    expect(JSON.stringify(paused.body)).toContain('paused until 2026-11-25');
    const bad = await h.client.slashCommand({
      command: '/okr',
      text: 'pause until next week',
      userId: PRIYA,
    });
    expect(JSON.stringify(bad.body)).toContain('is not a date');

    await tick(MON_10_NEW_YORK);
    await tick(later(MON_10_KOLKATA, 2));
    expect(promptsTo(PRIYA)).toHaveLength(0);
    expect(promptsTo(DANA)).toHaveLength(1);
    // Dana goes away after her prompt: no reminder while she is away.
    h.clock.set(later(MON_10_NEW_YORK, 1));
    await h.client.slashCommand({ command: '/okr', text: 'pause until 2026-12-10', userId: DANA });
    for (const hours of [48, 60, 80]) await tick(later(MON_10_NEW_YORK, hours));
    expect(nudgesTo(DANA)).toHaveLength(0);

    h.clock.set(later(MON_10_KOLKATA, 3));
    const resumed = await h.client.slashCommand({ command: '/okr', text: 'resume', userId: PRIYA });
    expect(JSON.stringify(resumed.body)).toContain('Welcome back');
    await tick(later(MON_10_KOLKATA, 3));
    expect(promptsTo(PRIYA)).toHaveLength(1);
  });

  it('key results of a closed objective get no prompt and no reminder', async () => {
    await tick(MON_10_NEW_YORK);
    expect(promptsTo(DANA)).toHaveLength(1);
    await h.db
      .updateTable('objectives')
      .set({ status: 'closed' })
      .where('key', '=', 'keep-new-hires')
      .execute();
    await tick(later(MON_10_NEW_YORK, 50));
    expect(nudgesTo(DANA)).toHaveLength(0);
    await tick(later(MON_10_SEOUL, 24 * 7));
    await tick(later(MON_10_KOLKATA, 24 * 7));
    await tick(later(MON_10_NEW_YORK, 24 * 7));
    expect(promptsTo(DANA)).toHaveLength(1);
    expect(promptsTo(PRIYA)).toHaveLength(0);
    expect(promptsTo(MINA)).toHaveLength(1);
  });

  it('posts each team’s digest once when its round closes: who answered, confidence changes, blockers, no movement', async () => {
    // Three weekly rounds in which Mina reports the same time-to-hire, then a fourth with a blocker.
    for (let week = 0; week < 4; week++) {
      const monday = later(MON_10_SEOUL, 24 * 7 * week);
      await tick(monday);
      h.clock.set(later(monday, 1));
      const prompts = promptsTo(MINA);
      expect(prompts).toHaveLength(week + 1);
      const prompt = prompts.at(-1)!;
      const before = h.slack.callsTo('views.open').length;
      await h.client.blockAction({
        userId: MINA,
        actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
        message: { channel: prompt.channel, ts: prompt.ts },
      });
      const call = await h.slack.nthCall('views.open', before);
      const viewId = (call.response.view as { id: string }).id;
      const tth = await h.db
        .selectFrom('key_results')
        .select('id')
        .where('key', '=', 'tth')
        .executeTakeFirstOrThrow();
      const offer = await h.db
        .selectFrom('key_results')
        .select('id')
        .where('key', '=', 'offer-accept')
        .executeTakeFirstOrThrow();
      h.client.setViewValue(viewId, `kr:${tth.id}:value`, 'value', '52');
      h.client.setViewValue(
        viewId,
        `kr:${tth.id}:confidence`,
        'confidence',
        week === 3 ? 'off_track' : 'at_risk',
      );
      h.client.setViewValue(viewId, `kr:${offer.id}:value`, 'value', String(73 + week));
      h.client.setViewValue(viewId, `kr:${offer.id}:confidence`, 'confidence', 'on_track');
      if (week === 3)
        h.client.setViewValue(
          viewId,
          `kr:${tth.id}:blockers`,
          'blockers',
          'No budget for the sourcing agency',
        );
      expect(await h.client.submitView(viewId, MINA)).toEqual({});
      await h.slack.waitForIdle(80);
      if (week < 2) await tick(later(MON_10_NEW_YORK, 24 * 7 * week)); // Dana is asked too, and never answers
    }
    const digests = () => messagesOfKind(h, 'C0TALENT', 'checkin-digest');
    expect(digests()).toHaveLength(3); // rounds 1–3 closed at the next Monday 10:00 in Seoul
    await tick(later(MON_10_SEOUL, 24 * 7 * 4)); // round 4 closes
    await tick(later(MON_10_SEOUL, 24 * 7 * 4)); // a rerun adds nothing
    expect(digests()).toHaveLength(4);
    const last = text(digests().at(-1));
    expect(last).toContain('Check-in digest for Mon 14 Dec');
    expect(last).toContain('1 of 1 answered: <@U01MINA>');
    expect(last).toContain('🟡 at risk → 🔴 off track');
    expect(last).toContain('No budget for the sourcing agency');
    expect(last).toMatch(
      /No movement for three rounds\*\\n• Reduce engineering time-to-hire[^•]*still 52 days/,
    );
    expect(last).not.toMatch(/No movement[^"]*Raise offer acceptance/);
    // People Operations' two rounds (Dana was asked twice and never answered) each closed at 10:00 in New York.
    const people = messagesOfKind(h, 'C0PEOPLE', 'checkin-digest');
    expect(people.map((m) => m.text)).toEqual([
      expect.stringContaining('Check-in digest for Mon 23 Nov (People Operations): 0 of 1 answered'),
      expect.stringContaining('Check-in digest for Mon 30 Nov (People Operations): 0 of 1 answered'),
    ]);
    expect(text(people[0])).toContain('No answer: <@U03DANA>');
    expect(text(people[0])).not.toContain('every key result moved'); // nobody answered: nothing to say
  });

  it('refreshes time zones from Slack: an owner who moved to Seoul is prompted at 10:00 Seoul time', async () => {
    h.slack.setUser({ id: DANA, name: 'dana', realName: 'Dana Ortiz', tz: 'Asia/Seoul' });
    await tick(MON_10_SEOUL);
    expect(promptsTo(DANA)).toHaveLength(1);
    const dana = await h.db
      .selectFrom('people')
      .select(['tz', 'tz_source'])
      .where('slack_id', '=', DANA)
      .executeTakeFirstOrThrow();
    expect(dana).toEqual({ tz: 'Asia/Seoul', tz_source: 'slack' });
    const checks = h.slack.callsTo('users.info').length;
    await tick(later(MON_10_SEOUL, 2));
    expect(h.slack.callsTo('users.info').length).toBe(checks); // at most daily
  });

  it('someone who blocked the bot is recorded and skipped; the round goes on for everyone else', async () => {
    h.slack.blockDm(DANA, 'cannot_dm_bot');
    h.slack.setUser({ id: PRIYA, name: 'priya', realName: 'Priya Nair', tz: 'America/New_York' });
    await tick(MON_10_NEW_YORK);
    expect(promptsTo(PRIYA)).toHaveLength(1);
    const dana = await h.db
      .selectFrom('people')
      .select('dm_blocked_reason')
      .where('slack_id', '=', DANA)
      .executeTakeFirstOrThrow();
    expect(dana.dm_blocked_reason).toBe('cannot_dm_bot');
    const row = await h.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('dedupe_key', 'like', `checkin-prompt:%:${DANA}:%`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'skipped', last_error: 'cannot_dm_bot' });
    const attempts = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === DANA).length;
    await tick(later(MON_10_NEW_YORK, 24 * 7));
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === DANA).length).toBe(attempts);
    expect(promptsTo(PRIYA)).toHaveLength(2);
  });

  it('waits out a 429 per Retry-After, retries 5xx, keeps a message that still fails with its reason, and sends it on the next tick', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const first = await tick(MON_10_SEOUL);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(first.outbox.rateLimitedWaits).toBe(1);
    expect(promptsTo(MINA)).toHaveLength(1);

    // Priya's prompt and the people-ops thread each try four times, and fail.
    h.slack.failNext('chat.postMessage', { status: 503 }, 8);
    await tick(MON_10_KOLKATA);
    expect(promptsTo(PRIYA)).toHaveLength(0);
    const failed = await h.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('dedupe_key', 'like', `checkin-prompt:%:${PRIYA}:%`)
      .executeTakeFirstOrThrow();
    expect(failed.status).toBe('failed');
    expect(failed.last_error).toBeTruthy();
    await tick(later(MON_10_KOLKATA, 0.25));
    expect(promptsTo(PRIYA)).toHaveLength(1);
    expect(promptsTo(MINA)).toHaveLength(1);
  });
});

describe.each(dialectsUnderTest())('a team imported mid-cycle (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('gets its first round at the next scheduled slot, not a backfilled round already under way, and no digest for it', async () => {
    // Imported on Tuesday 24 Nov: the rounds of Mon 23 Nov have started for everyone.
    h = await startHarness({ dialect, now: '2026-11-24T12:00:00Z' });
    await h.importSample();
    await tickAt(h, new Date('2026-11-24T15:00:00Z')); // Tuesday 10:00 in New York, a late tick
    await tickAt(h, new Date('2026-11-25T04:30:00Z')); // Wednesday 10:00 in Kolkata
    for (const user of [MINA, DANA, PRIYA]) expect(messagesOfKind(h, user, 'checkin-prompt')).toHaveLength(0);
    await tickAt(h, MON_10_NEW_YORK_NEXT);
    const prompts = messagesOfKind(h, DANA, 'checkin-prompt');
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.text).toContain('Check-in for Mon 30 Nov');
    expect(messagesOfKind(h, 'C0PEOPLE', 'checkin-digest')).toHaveLength(0);
    expect(messagesOfKind(h, 'C0PEOPLE', 'checkin-thread').map((m) => m.text)).toEqual([
      expect.stringContaining('Check-ins for Mon 30 Nov'),
    ]);
  });
});

/** `user` answers their latest prompt: every key result they own at value 1, on track. */
async function answerLatest(h: Harness, user: string): Promise<void> {
  const prompt = messagesOfKind(h, user, 'checkin-prompt').at(-1)!;
  const before = h.slack.callsTo('views.open').length;
  await h.client.blockAction({
    userId: user,
    actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
    message: { channel: prompt.channel, ts: prompt.ts },
  });
  const call = await h.slack.nthCall('views.open', before);
  const viewId = (call.response.view as { id: string }).id;
  const krs = await h.db.selectFrom('key_results').select('id').where('owner_slack_id', '=', user).execute();
  for (const kr of krs) {
    h.client.setViewValue(viewId, `kr:${kr.id}:value`, 'value', '1');
    h.client.setViewValue(viewId, `kr:${kr.id}:confidence`, 'confidence', 'on_track');
  }
  expect(await h.client.submitView(viewId, user)).toEqual({});
  await h.slack.waitForIdle(80);
}

describe.each(dialectsUnderTest())('an owner of another team’s key result (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('is asked on their own team’s schedule; the other team gets threads and digests only on its own', async () => {
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z' });
    await h.importSample();
    // People Operations checks in on Thursdays; Mina (Talent, Mondays) also owns one of its key results.
    await h.db
      .updateTable('teams')
      .set({ checkin_day: 'thursday' })
      .where('key', '=', 'people-ops')
      .execute();
    await h.db
      .updateTable('key_results')
      .set({ owner_slack_id: MINA })
      .where('key', '=', 'manager-score')
      .execute();
    const threads = (channel: string) => messagesOfKind(h, channel, 'checkin-thread').map((m) => m.text);

    await tickAt(h, MON_10_SEOUL);
    expect(messagesOfKind(h, MINA, 'checkin-prompt')).toHaveLength(1);
    expect(threads('C0TALENT')).toEqual([expect.stringContaining('Check-ins for Mon 23 Nov')]);
    expect(threads('C0PEOPLE')).toEqual([]);
    h.clock.set(later(MON_10_SEOUL, 1));
    await answerLatest(h, MINA);
    expect(messagesOfKind(h, 'C0PEOPLE', 'checkin-thread')).toHaveLength(0); // no thread opened for her answer

    const THU_10_NEW_YORK = new Date('2026-11-26T15:00:00Z');
    await tickAt(h, THU_10_NEW_YORK);
    expect(messagesOfKind(h, DANA, 'checkin-prompt')).toHaveLength(1);
    expect(threads('C0PEOPLE')).toEqual([expect.stringContaining('Check-ins for Thu 26 Nov')]);

    await tickAt(h, later(MON_10_SEOUL, 24 * 7)); // Talent's round closes; Mina's next round starts
    expect(messagesOfKind(h, 'C0TALENT', 'checkin-digest')).toHaveLength(1);
    expect(messagesOfKind(h, 'C0PEOPLE', 'checkin-digest')).toHaveLength(0);
    // Her answer on People Operations' key result goes to its own round's thread (Thu 26 Nov).
    h.clock.set(later(MON_10_SEOUL, 24 * 7 + 1));
    await answerLatest(h, MINA);
    const opening = messagesOfKind(h, 'C0PEOPLE', 'checkin-thread')[0]!;
    const replies = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'C0PEOPLE' && c.args.thread_ts === opening.ts);
    expect(replies.map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('Mina Park checked in'),
    ]);

    await tickAt(h, later(THU_10_NEW_YORK, 24 * 7));
    const digests = messagesOfKind(h, 'C0PEOPLE', 'checkin-digest').map((m) => m.text);
    expect(digests).toEqual([
      expect.stringContaining('Check-in digest for Thu 26 Nov (People Operations): 0 of 1 answered'),
    ]);
    expect(threads('C0PEOPLE')).toEqual([
      expect.stringContaining('Check-ins for Thu 26 Nov'),
      expect.stringContaining('Check-ins for Thu 3 Dec'),
    ]);
  });
});
