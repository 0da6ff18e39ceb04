import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { KPI_ALERT_ACTIONS } from '../../src/kpis/slack/views/kpi-alert-message.js';
import { createApiToken, revokeApiToken } from '../../src/kpis/store/api-tokens.js';
import type { LocalMessage } from '../../src/localslack/types.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

type Reading = { kpi: string; period: string; value: unknown };

async function postReadings(
  h: Harness,
  token: string | undefined,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/v1/readings`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const readings = (kpi: string, values: Record<string, number>): Reading[] =>
  Object.entries(values).map(([period, value]) => ({ kpi, period, value }));

/** Top-level bot messages of a channel (or a user's DM). */
const posts = (h: Harness, channel: string) =>
  h.slack.messages(channel).filter((m) => !m.thread_ts && !m.ephemeral);
const replies = (h: Harness, channel: string, ts: string) =>
  h.slack.messages(channel).filter((m) => m.thread_ts === ts);

function button(message: LocalMessage, actionId: string): { block_id: string; value: string } {
  for (const block of (message.blocks ?? []) as Array<{
    type: string;
    block_id?: string;
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    const el = block.type === 'actions' ? block.elements?.find((e) => e.action_id === actionId) : undefined;
    if (el && block.block_id && el.value) return { block_id: block.block_id, value: el.value };
  }
  throw new Error(`no ${actionId} button in message ${message.ts}: ${message.text}`);
}
const hasButton = (m: LocalMessage | undefined, actionId: string) =>
  JSON.stringify(m?.blocks ?? []).includes(`"action_id":"${actionId}"`);

async function click(h: Harness, userId: string, message: LocalMessage, actionId: string) {
  const b = button(message, actionId);
  return h.client.blockAction({
    userId,
    actions: [{ action_id: actionId, ...b }],
    message: { channel: message.channel, ts: message.ts },
  });
}

/** What a scheduler wake-up does: the clock is at the tick's instant. */
async function tickAt(h: Harness, at: string) {
  h.clock.set(at);
  return h.bot.tick(new Date(at));
}

async function rowCounts(h: Harness) {
  const counts: Record<string, number> = {};
  for (const t of ['kpi_readings', 'alerts', 'outbox'] as const) {
    const row = await h.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  return counts;
}

describe.each(dialectsUnderTest())('KPI alerts end to end through the local Slack (%s)', (dialect) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ dialect, now: '2026-11-23T08:00:00Z', jobs: kpiJobs() });
    await h.importSample();
    token = (await createApiToken(h.db, h.teamId, 'hris', h.clock.now())).token;
  });
  afterAll(async () => {
    await h?.stop();
  });

  let post: LocalMessage;
  let dm: LocalMessage;

  it('readings over HTTP with a token raise one alert: one DM to the owner and one post in the owner channel', async () => {
    const res = await postReadings(h, token, {
      readings: readings('hr-sla', { '2026-W45': 97, '2026-W46': 96, '2026-W47': 88 }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, stored: 3, unchanged: 0 });
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({
        kpi: 'hr-sla',
        rule: 'threshold',
        severity: 'critical',
        from: null,
        to: 'firing',
        notified: true,
      }),
    );
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PEOPLE');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'U05PRIYA');
    await h.slack.waitForIdle(200);
    expect(posts(h, 'C0PEOPLE')).toHaveLength(1);
    expect(posts(h, 'U05PRIYA')).toHaveLength(1);
    post = posts(h, 'C0PEOPLE')[0]!;
    dm = posts(h, 'U05PRIYA')[0]!;
    for (const m of [post, dm]) {
      const shown = JSON.stringify(m.blocks);
      expect(shown).toContain('88%'); // the value
      expect(shown).toContain('95–100%'); // the range
      expect(shown).toMatch(/Trend: `[▁▂▃▄▅▆▇█]{3}`/); // the sparkline
      expect(shown).toContain('business bounds: alert threshold'); // the layer that fired
      expect(shown).toContain('Triage the open queue the same day'); // the response protocol
      expect(hasButton(m, KPI_ALERT_ACTIONS.acknowledge)).toBe(true);
      expect(hasButton(m, KPI_ALERT_ACTIONS.snooze)).toBe(true);
    }
    const alert = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule', '=', 'threshold')
      .executeTakeFirstOrThrow();
    expect(alert.status).toBe('firing');
  });

  it('sending the same batch again changes nothing and posts nothing', async () => {
    const calls = h.slack.calls.length;
    const res = await postReadings(h, token, {
      readings: readings('hr-sla', { '2026-W45': 97, '2026-W46': 96, '2026-W47': 88 }),
    });
    expect(res.body).toMatchObject({ ok: true, stored: 0, unchanged: 3, alerts: [] });
    await h.slack.waitForIdle(200);
    expect(h.slack.calls.length).toBe(calls);
  });

  it('a second bad reading updates the same messages (chat.update) and adds a thread reply, not a new post', async () => {
    // Within three days: an unacknowledged critical would be escalated after that (tested below).
    h.clock.set('2026-11-25T08:00:00Z');
    const res = await postReadings(h, token, { readings: readings('hr-sla', { '2026-W48': 87 }) });
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({ rule: 'threshold', event: 'repeat', to: 'firing' }),
    );
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === post.ts);
    await h.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === dm.ts);
    await h.slack.waitForIdle(200);
    expect(posts(h, 'C0PEOPLE')).toHaveLength(1);
    expect(posts(h, 'U05PRIYA')).toHaveLength(1);
    expect(JSON.stringify(h.slack.message(post.channel, post.ts)?.blocks)).toContain('87%');
    expect(replies(h, post.channel, post.ts).map((m) => m.text)).toEqual([
      expect.stringContaining('Still past the alert threshold: *87%* in 2026-W48'),
    ]);
    expect(replies(h, dm.channel, dm.ts)).toHaveLength(1);
  });

  it('Acknowledge records who, updates both copies, and stops repeats', async () => {
    const res = await click(
      h,
      'U05PRIYA',
      h.slack.message(dm.channel, dm.ts)!,
      KPI_ALERT_ACTIONS.acknowledge,
    );
    expect(res.status).toBe(200);
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.update' &&
        c.args.ts === post.ts &&
        JSON.stringify(c.args).includes('acknowledged by'),
    );
    await h.slack.waitForIdle(200);
    for (const m of [h.slack.message(dm.channel, dm.ts)!, h.slack.message(post.channel, post.ts)!]) {
      expect(JSON.stringify(m.blocks)).toContain('acknowledged by <@U05PRIYA>');
      expect(hasButton(m, KPI_ALERT_ACTIONS.acknowledge)).toBe(false);
    }
    const alert = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule', '=', 'threshold')
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ status: 'acknowledged', acknowledged_by: 'U05PRIYA' });
    expect(alert.acknowledged_at).not.toBeNull();
  });

  let candidate: LocalMessage;

  it('after Acknowledge a third bad period repeats nothing on the alert, and offers an OKR draft instead', async () => {
    h.clock.set('2026-12-07T08:00:00Z');
    const updatesBefore = h.slack.callsTo('chat.update').filter((c) => c.args.ts === post.ts).length;
    const res = await postReadings(h, token, { readings: readings('hr-sla', { '2026-W49': 86 }) });
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({ rule: 'okr_candidate', event: 'fire', notified: true }),
    );
    expect(res.body.alerts).not.toContainEqual(
      expect.objectContaining({ rule: 'threshold', event: 'repeat' }),
    );
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'U05PRIYA' &&
        JSON.stringify(c.args).includes('Draft an OKR'),
    );
    await h.slack.waitForIdle(250);
    expect(h.slack.callsTo('chat.update').filter((c) => c.args.ts === post.ts).length).toBe(updatesBefore);
    expect(replies(h, post.channel, post.ts)).toHaveLength(1);
    candidate = posts(h, 'U05PRIYA').at(-1)!;
    expect(candidate.ts).not.toBe(dm.ts);
    expect(JSON.stringify(candidate.blocks)).toContain(
      'Increase HR request SLA compliance from 86% to 95–100% by 2027-03-31',
    );
    expect(posts(h, 'C0PEOPLE')).toHaveLength(2);
  });

  it('Draft an OKR opens the /okr draft modal prefilled with the candidate key result', async () => {
    await click(h, 'U05PRIYA', candidate, KPI_ALERT_ACTIONS.draftOkr);
    const opened = await h.slack.waitFor(
      (c) =>
        c.method === 'views.open' &&
        c.args.trigger_id !== undefined &&
        JSON.stringify(c.args.view).includes('2027-03-31'),
    );
    const view = JSON.stringify(opened.args.view);
    expect(opened.response.ok).toBe(true);
    expect(view).toContain('Increase HR request SLA compliance from 86% to 95–100% by 2027-03-31');
    expect(view).toContain('"callback_id":"okr_draft"');
  });

  it('a good reading resolves it: "back in range" in the threads, and the messages show it resolved', async () => {
    h.clock.set('2026-12-14T08:00:00Z');
    const res = await postReadings(h, token, { readings: readings('hr-sla', { '2026-W50': 99 }) });
    expect(res.body.alerts).toContainEqual(
      expect.objectContaining({ rule: 'threshold', event: 'resolve', to: 'resolved' }),
    );
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.thread_ts === post.ts &&
        String(c.args.text).includes('Back in range'),
    );
    await h.slack.waitForIdle(250);
    const threadTexts = replies(h, post.channel, post.ts).map((m) => m.text);
    expect(threadTexts.at(-1)).toContain('Back in range: *99%* in 2026-W50');
    expect(replies(h, dm.channel, dm.ts).at(-1)?.text).toContain('Back in range');
    const resolvedPost = h.slack.message(post.channel, post.ts)!;
    expect(resolvedPost.text).toContain('Resolved');
    expect(hasButton(resolvedPost, KPI_ALERT_ACTIONS.acknowledge)).toBe(false);
    const open = await h.db.selectFrom('alerts').select('rule').where('status', '!=', 'resolved').execute();
    expect(open).toEqual([]);
  });

  describe('requests that change nothing', () => {
    async function expectNothingChanged(
      run: () => Promise<{ status: number; body: Record<string, unknown> }>,
      status: number,
    ) {
      await h.slack.waitForIdle(150);
      const before = { calls: h.slack.calls.length, rows: await rowCounts(h) };
      const res = await run();
      expect(res.status).toBe(status);
      await new Promise((r) => setTimeout(r, 150));
      expect(h.slack.calls.length).toBe(before.calls);
      expect(await rowCounts(h)).toEqual(before.rows);
      return res.body;
    }
    const bad = { readings: readings('hr-sla', { '2026-W51': 50 }) };

    it('a missing, wrong or revoked token gets 401', async () => {
      expect(await expectNothingChanged(() => postReadings(h, undefined, bad), 401)).toMatchObject({
        error: 'missing_token',
      });
      expect(
        await expectNothingChanged(() => postReadings(h, 'okrbot_not-a-real-token', bad), 401),
      ).toMatchObject({ error: 'invalid_token' });
      const revoked = await createApiToken(h.db, h.teamId, 'old-sync', h.clock.now());
      expect(await revokeApiToken(h.db, h.teamId, 'old-sync', h.clock.now())).toBe(1);
      expect(await expectNothingChanged(() => postReadings(h, revoked.token, bad), 401)).toMatchObject({
        error: 'invalid_token',
      });
    });

    it('a malformed body gets 400 with the zod issues', async () => {
      expect(
        await expectNothingChanged(() => postReadings(h, token, '{"readings": [', {}), 400),
      ).toMatchObject({ error: 'invalid_json' });
      const body = await expectNothingChanged(() => postReadings(h, token, { readings: [] }), 400);
      expect(body).toMatchObject({
        error: 'invalid_body',
        issues: [{ path: 'body.readings', message: 'must hold at least one reading' }],
      });
      const tooMany = {
        readings: Array.from({ length: 10_001 }, () => ({ kpi: 'hr-sla', period: '2026-W51', value: 1 })),
      };
      expect(await expectNothingChanged(() => postReadings(h, token, tooMany), 400)).toMatchObject({
        error: 'invalid_body',
      });
    });

    it('a batch with one bad row writes nothing and names the row', async () => {
      const batch = {
        readings: [
          { kpi: 'hr-sla', period: '2026-W51', value: 50 },
          { kpi: 'offer-acceptance', period: '2026-W51', value: 70 },
          { kpi: 'hr-sla', period: '2026-W52', value: '97' },
        ],
      };
      const body = await expectNothingChanged(() => postReadings(h, token, batch), 400);
      expect(body).toMatchObject({ error: 'invalid_readings', message: 'no reading was stored' });
      expect(body.problems).toEqual([
        { row: 2, path: 'readings[2].value', message: 'must be a number' },
        { row: 1, path: 'readings[1].period', message: expect.stringContaining('this KPI is monthly') },
      ]);
    });

    it('an oversized request is refused with 413', async () => {
      const huge = `{"readings": [${'{"kpi":"hr-sla","period":"2026-W51","value":1},'.repeat(60_000)}]}`;
      expect(await expectNothingChanged(() => postReadings(h, token, huge), 413)).toMatchObject({
        error: 'request_too_large',
      });
    });
  });
});

describe.each(dialectsUnderTest())(
  'KPI alerts: folding, one DM per owner, escalation, snooze (%s)',
  (dialect) => {
    let h: Harness;
    let token: string;
    beforeAll(async () => {
      h = await startHarness({ dialect, now: '2026-11-02T08:00:00Z', jobs: kpiJobs() });
      await h.importSample();
      token = (await createApiToken(h.db, h.teamId, 'hris', h.clock.now())).token;
    });
    afterAll(async () => {
      await h?.stop();
    });

    it('a KPI that an active OKR targets folds its alerts into the key result (noted on the alert), and pages nobody', async () => {
      const res = await postReadings(h, token, {
        readings: readings('time-to-hire', { '2026-08': 40, '2026-09': 44, '2026-10': 61 }),
      });
      expect(res.body.alerts).toContainEqual(
        expect.objectContaining({
          kpi: 'time-to-hire',
          rule: 'threshold',
          notified: false,
          folded_into_key_result: 'tth',
        }),
      );
      await h.slack.waitForIdle(250);
      expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
      const alert = await h.db
        .selectFrom('alerts')
        .selectAll()
        .where('rule', '=', 'threshold')
        .executeTakeFirstOrThrow();
      const kr = await h.db
        .selectFrom('key_results')
        .select('id')
        .where('key', '=', 'tth')
        .executeTakeFirstOrThrow();
      expect(alert.folded_into_key_result_id).toBe(kr.id);
    });

    it('an owner with several alerts in one evaluation gets one DM listing them, and each KPI one channel post', async () => {
      await h.db
        .updateTable('objectives')
        .set({ status: 'closed', closed_at: h.clock.now().toISOString() })
        .where('key', '=', 'hire-faster')
        .execute();
      const res = await postReadings(h, token, {
        readings: [
          ...readings('time-to-hire', { '2026-10': 62 }),
          ...readings('offer-acceptance', { '2026-08': 90, '2026-09': 88, '2026-10': 70 }),
        ],
      });
      expect(res.status).toBe(200);
      await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'U01MINA');
      await h.slack.waitForIdle(250);
      const dms = posts(h, 'U01MINA');
      expect(dms).toHaveLength(1);
      expect(dms[0]?.text).toContain('2 KPI alerts');
      expect(JSON.stringify(dms[0]?.blocks)).toContain('Time to hire');
      expect(JSON.stringify(dms[0]?.blocks)).toContain('Offer acceptance rate');
      const channelPosts = posts(h, 'C0TALENT').map((m) => m.text);
      expect(channelPosts).toHaveLength(2);
      expect(channelPosts.some((t) => t.startsWith('Time to hire'))).toBe(true);
      expect(channelPosts.some((t) => t.startsWith('Offer acceptance rate'))).toBe(true);
    });

    it('an unacknowledged critical is escalated once to the team channel after three days', async () => {
      await h.db
        .updateTable('teams')
        .set({ channel_id: 'C0PEOPLELEADS' })
        .where('key', '=', 'people-ops')
        .execute();
      await postReadings(h, token, { readings: readings('hr-sla', { '2026-W43': 97, '2026-W44': 85 }) });
      await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'U05PRIYA');
      await h.slack.waitForIdle(200);
      await tickAt(h, '2026-11-04T09:00:00Z');
      await h.slack.waitForIdle(150);
      expect(posts(h, 'C0PEOPLELEADS')).toHaveLength(0);
      const report = await tickAt(h, '2026-11-05T09:00:00Z');
      // Mina's unacknowledged offer-acceptance critical goes to #talent's team channel as well.
      expect(report.jobs['kpi-checks']).toMatchObject({ claimed: 1, escalated: 2 });
      await h.slack.waitForIdle(200);
      expect(posts(h, 'C0PEOPLELEADS').map((m) => m.text)).toEqual([
        expect.stringContaining('Escalated: HR request SLA compliance'),
      ]);
      // A rerun of the same hour, and later hours, escalate nothing again.
      expect((await tickAt(h, '2026-11-05T09:30:00Z')).jobs['kpi-checks']).toEqual({ claimed: 0 });
      await tickAt(h, '2026-11-06T09:00:00Z');
      await h.slack.waitForIdle(150);
      expect(posts(h, 'C0PEOPLELEADS')).toHaveLength(1);
      const ownerPost = posts(h, 'C0PEOPLE')[0]!;
      expect(replies(h, 'C0PEOPLE', ownerPost.ts).map((m) => m.text)).toContainEqual(
        expect.stringContaining('escalated to <#C0PEOPLELEADS>'),
      );
    });

    it('Snooze until the next reading, with a reason: the alert stays quiet, and the next bad reading tells the owner again', async () => {
      const dm = posts(h, 'U05PRIYA').find(
        (m) => hasButton(m, KPI_ALERT_ACTIONS.snooze) && m.text.startsWith('HR request SLA'),
      )!;
      await click(h, 'U05PRIYA', dm, KPI_ALERT_ACTIONS.snooze);
      const opened = await h.slack.waitFor(
        (c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('kpi_snooze'),
      );
      const viewId = (opened.response.view as { id: string }).id;
      h.client.setViewValue(viewId, 'kpi_snooze_length', 'value', 'next_reading');
      const empty = await h.client.submitView(viewId, 'U05PRIYA', { skipClientValidation: true });
      expect(empty).toMatchObject({ response_action: 'errors' });
      h.client.setViewValue(viewId, 'kpi_snooze_reason', 'value', 'Queue migration this week');
      expect(await h.client.submitView(viewId, 'U05PRIYA')).toEqual({});
      await h.slack.waitFor(
        (c) =>
          c.method === 'chat.update' &&
          c.args.ts === dm.ts &&
          JSON.stringify(c.args).includes('snoozed until the next reading'),
      );
      const row = await h.db
        .selectFrom('alerts')
        .selectAll()
        .where('rule', '=', 'threshold')
        .where('status', '=', 'snoozed')
        .executeTakeFirstOrThrow();
      expect(row.snooze_reason).toBe('Queue migration this week');
      expect(row.snoozed_until).toBe('next_reading');
      await h.slack.waitForIdle(200);
      const before = replies(h, dm.channel, dm.ts).length;
      h.clock.set('2026-11-09T08:00:00Z');
      await postReadings(h, token, { readings: readings('hr-sla', { '2026-W45': 84 }) });
      await h.slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.thread_ts === dm.ts &&
          String(c.args.text).includes('The snooze ended'),
      );
      await h.slack.waitForIdle(200);
      expect(replies(h, dm.channel, dm.ts)).toHaveLength(before + 1);
      expect(hasButton(h.slack.message(dm.channel, dm.ts), KPI_ALERT_ACTIONS.acknowledge)).toBe(true);
    });

    it('a KPI without readings for 1.5 cadences gets one stale-data alert', async () => {
      const report = await tickAt(h, '2026-12-05T09:00:00Z');
      expect(report.jobs['kpi-checks']).toMatchObject({ claimed: 1 });
      await h.slack.waitForIdle(200);
      const stale = posts(h, 'U05PRIYA').filter((m) => m.text.includes('no reading since 2026-W45'));
      expect(stale).toHaveLength(1);
      await tickAt(h, '2026-12-05T10:00:00Z');
      await h.slack.waitForIdle(150);
      expect(posts(h, 'U05PRIYA').filter((m) => m.text.includes('no reading since 2026-W45'))).toHaveLength(
        1,
      );
    });
  },
);

describe('KPI alerts under faults', () => {
  it('Slack 5xx and 429 are retried: still exactly one DM and one post', async () => {
    const h = await startHarness({ now: '2026-11-23T08:00:00Z', jobs: kpiJobs() });
    try {
      await h.importSample();
      const { token } = await createApiToken(h.db, h.teamId, 'hris', h.clock.now());
      h.slack.failNext('chat.postMessage', { status: 500 }, 2);
      h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 1);
      const res = await postReadings(h, token, {
        readings: readings('hr-sla', { '2026-W46': 96, '2026-W47': 80 }),
      });
      expect(res.status).toBe(200);
      await h.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.status === 200 && c.args.channel === 'U05PRIYA',
        8000,
      );
      await h.slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.status === 200 && c.args.channel === 'C0PEOPLE',
        8000,
      );
      await h.slack.waitForIdle(300);
      expect(posts(h, 'U05PRIYA')).toHaveLength(1);
      expect(posts(h, 'C0PEOPLE')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('a restart on the same database neither repeats an alert nor loses its message for updates', async () => {
    const first = await startHarness({ now: '2026-11-23T08:00:00Z', jobs: kpiJobs() });
    await first.importSample();
    const { token } = await createApiToken(first.db, first.teamId, 'hris', first.clock.now());
    await postReadings(first, token, { readings: readings('hr-sla', { '2026-W46': 96, '2026-W47': 80 }) });
    await first.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PEOPLE');
    await first.slack.waitForIdle(200);
    await first.bot.stop();
    const second = await startHarness({
      databaseUrl: first.databaseUrl,
      slack: first.slack,
      now: '2026-11-25T08:00:00Z',
      jobs: kpiJobs(),
    });
    try {
      const again = await postReadings(second, token, {
        readings: readings('hr-sla', { '2026-W46': 96, '2026-W47': 80 }),
      });
      expect(again.body).toMatchObject({ stored: 0, unchanged: 2, alerts: [] });
      await tickAt(second, '2026-11-25T08:00:00Z');
      await second.slack.waitForIdle(200);
      expect(posts(second, 'C0PEOPLE')).toHaveLength(1);
      expect(posts(second, 'U05PRIYA')).toHaveLength(1);
      // The restarted bot still finds the alert's message: a new bad reading updates it.
      await postReadings(second, token, { readings: readings('hr-sla', { '2026-W48': 79 }) });
      const post = posts(second, 'C0PEOPLE')[0]!;
      await second.slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === post.ts);
      await second.slack.waitForIdle(200);
      expect(posts(second, 'C0PEOPLE')).toHaveLength(1);
      const alert = await second.db
        .selectFrom('alerts')
        .selectAll()
        .where('rule', '=', 'threshold')
        .executeTakeFirstOrThrow();
      expect(alert.channel_ts).toBe(post.ts);
    } finally {
      await second.stop();
      await first.slack.stop();
    }
  });
});
