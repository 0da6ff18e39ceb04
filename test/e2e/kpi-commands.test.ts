import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { KPI_ALERT_ACTIONS } from '../../src/kpis/slack/views/kpi-alert-message.js';
import { getKpiByKey } from '../../src/kpis/store/kpis.js';
import type { LocalMessage } from '../../src/localslack/types.js';
import { type Harness, startHarness } from '../support/harness.js';

const text = (body: unknown) => JSON.stringify(body);

describe('/kpi commands over signed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-25T08:00:00Z', jobs: kpiJobs() });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const kpi = (userId: string, args: string, channelId = 'C0PEOPLE') =>
    h.client.slashCommand({ command: '/kpi', text: args, userId, channelId });

  it('/kpi log records a reading for the period of DATE and says what it did', async () => {
    const res = await kpi('U05PRIYA', 'log hr-sla 96 2026-11-11');
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain('Recorded *96%* for *HR request SLA compliance*, 2026-W46');
    expect(await h.db.selectFrom('kpi_readings').select(['period', 'value', 'source']).execute()).toEqual([
      { period: '2026-W46', value: 96, source: 'slack:U05PRIYA' },
    ]);
  });

  it('/kpi log without DATE uses the period that contains today, and a second value replaces the first', async () => {
    expect(text((await kpi('U05PRIYA', 'log hr-sla 89%')).body)).toContain('2026-W48');
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'U05PRIYA');
    const res = await kpi('U05PRIYA', 'log hr-sla 88');
    expect(text(res.body)).toContain('replacing 89%');
    const rows = await h.db
      .selectFrom('kpi_readings')
      .select(['period', 'value'])
      .where('period', '=', '2026-W48')
      .execute();
    expect(rows).toEqual([{ period: '2026-W48', value: 88 }]);
    await h.slack.waitFor((c) => c.method === 'chat.update' && JSON.stringify(c.args).includes('88%'));
  });

  it('/kpi log explains bad input and stores nothing', async () => {
    const before = await h.db
      .selectFrom('kpi_readings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(text((await kpi('U05PRIYA', 'log hr-sla lots')).body)).toContain('VALUE must be a number');
    expect(text((await kpi('U05PRIYA', 'log nope 3')).body)).toContain('There is no KPI `nope`');
    expect(text((await kpi('U01MINA', 'log time-to-hire 40 2026-W40')).body)).toContain(
      'this KPI is monthly',
    );
    expect(text((await kpi('U05PRIYA', 'log hr-sla')).body)).toContain('Usage: `/kpi log KEY VALUE [DATE]`');
    const after = await h.db
      .selectFrom('kpi_readings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("/kpi list shows the caller's KPIs and their state", async () => {
    const mine = text((await kpi('U05PRIYA', 'list')).body);
    expect(mine).toContain('HR request SLA compliance');
    expect(mine).toContain('critical');
    expect(mine).not.toContain('Time to hire');
    const mina = text((await kpi('U01MINA', 'list')).body);
    expect(mina).toContain('Time to hire');
    expect(mina).toContain('Offer acceptance rate');
    expect(mina).toContain('no readings');
    expect(text((await kpi('U02JOON', 'list')).body)).toContain('You own no KPIs yet');
  });

  it('/kpi show KEY shows the last readings with a sparkline, the range and open alerts', async () => {
    const shown = text((await kpi('U01MINA', 'show hr-sla')).body);
    expect(shown).toContain('2026-W46: 96%');
    expect(shown).toContain('2026-W48: 88%');
    expect(shown).toMatch(/`[▁▂▃▄▅▆▇█]{2}`/);
    expect(shown).toContain('95–100%');
    expect(shown).toContain('Open alerts');
    expect(shown).toContain('business bounds: alert threshold (firing');
    expect(text((await kpi('U01MINA', 'show missing-kpi')).body)).toContain('There is no KPI `missing-kpi`');
  });

  async function openModal(userId: string, args: string): Promise<string> {
    const before = h.slack.callsTo('views.open').length;
    const res = await kpi(userId, args);
    expect(res.status).toBe(200);
    const call = await h.slack.nthCall('views.open', before);
    expect(call.response.ok).toBe(true);
    return (call.response.view as { id: string }).id;
  }

  it('/kpi add opens a modal; clear errors on the fields at fault, and nothing is stored until it is right', async () => {
    const viewId = await openModal('U02JOON', 'add');
    const set = (block: string, value: string | string[]) =>
      h.client.setViewValue(viewId, block, 'value', value);
    set('kpi_key', 'time-to-fill');
    set('kpi_name', 'Time to fill');
    set('kpi_unit', 'days');
    set('kpi_direction', 'lower_is_better');
    set('kpi_cadence', 'monthly');
    set('kpi_range_low', '50');
    set('kpi_range_high', '30');
    set('kpi_threshold', '40');
    set('kpi_protocol', 'Review the open requisitions with each hiring manager');
    const bad = await h.client.submitView(viewId, 'U02JOON');
    expect(bad.response_action).toBe('errors');
    expect(bad.errors).toMatchObject({ kpi_range_high: expect.stringContaining('range must be ordered') });
    set('kpi_range_low', '30');
    set('kpi_range_high', '45');
    const wrongSide = await h.client.submitView(viewId, 'U02JOON');
    expect(wrongSide.errors).toMatchObject({
      kpi_threshold: expect.stringContaining('must be above the range (> 45)'),
    });
    set('kpi_threshold', '60');
    h.client.setViewValue(viewId, 'kpi_owner', 'value', 'U0NOBODY');
    const noOwner = await h.client.submitView(viewId, 'U02JOON');
    expect(noOwner.errors).toMatchObject({
      kpi_owner: expect.stringContaining('<@U0NOBODY> is not a known person'),
    });
    expect(await getKpiByKey(h.db, h.teamId, 'time-to-fill')).toBeUndefined();
    h.client.setViewValue(viewId, 'kpi_owner', 'value', 'U01MINA');
    set('kpi_team', 'talent');
    const ok = await h.client.submitView(viewId, 'U02JOON');
    expect(ok.response_action).toBe('update');
    expect(await getKpiByKey(h.db, h.teamId, 'time-to-fill')).toMatchObject({
      name: 'Time to fill',
      owner_slack_id: 'U01MINA',
      channel_id: 'C0PEOPLE',
      team_key: 'talent',
      direction: 'lower_is_better',
      range_low: 30,
      range_high: 45,
      alert_threshold: 60,
    });
  });

  it('/kpi add refuses a key that exists', async () => {
    const viewId = await openModal('U02JOON', 'add');
    for (const [block, value] of Object.entries({
      kpi_key: 'hr-sla',
      kpi_name: 'Again',
      kpi_direction: 'higher_is_better',
      kpi_cadence: 'weekly',
      kpi_range_low: '1',
      kpi_range_high: '2',
      kpi_threshold: '0',
      kpi_protocol: 'x',
    })) {
      h.client.setViewValue(viewId, block, 'value', value);
    }
    expect((await h.client.submitView(viewId, 'U02JOON')).errors).toMatchObject({
      kpi_key: expect.stringContaining('exists already'),
    });
  });

  it('/kpi edit KEY opens the modal filled in, and saves changes and linked key results', async () => {
    const viewId = await openModal('U04SAM', 'edit hr-sla');
    const view = h.slack.view(viewId)!;
    expect(text(view.blocks)).toContain('"initial_value":"95"');
    expect(text(view.blocks)).toContain('Triage the open queue');
    const kr = await h.db
      .selectFrom('key_results')
      .select('id')
      .where('key', '=', 'manager-score')
      .executeTakeFirstOrThrow();
    h.client.setViewValue(viewId, 'kpi_threshold', 'value', '85');
    h.client.setViewValue(viewId, 'kpi_key_results', 'value', [kr.id]);
    expect((await h.client.submitView(viewId, 'U04SAM')).response_action).toBe('update');
    expect(await getKpiByKey(h.db, h.teamId, 'hr-sla')).toMatchObject({
      alert_threshold: 85,
      range_low: 95,
      owner_slack_id: 'U05PRIYA',
    });
    expect(
      (
        await h.db
          .selectFrom('key_results')
          .select('kpi_key')
          .where('id', '=', kr.id)
          .executeTakeFirstOrThrow()
      ).kpi_key,
    ).toBe('hr-sla');
  });

  it('a one-week snooze ends at the next hourly check after a week, and says so in the thread', async () => {
    const dm = h.slack
      .messages('U05PRIYA')
      .filter((m) => !m.thread_ts)
      .find((m) => JSON.stringify(m.blocks).includes(KPI_ALERT_ACTIONS.snooze)) as LocalMessage;
    const block = (
      dm.blocks as Array<{
        type: string;
        block_id: string;
        elements?: Array<{ action_id: string; value: string }>;
      }>
    ).find((b) => b.type === 'actions')!;
    const el = block.elements!.find((e) => e.action_id === KPI_ALERT_ACTIONS.snooze)!;
    await h.client.blockAction({
      userId: 'U05PRIYA',
      actions: [{ action_id: el.action_id, block_id: block.block_id, value: el.value }],
      message: { channel: dm.channel, ts: dm.ts },
    });
    const opened = await h.slack.waitFor(
      (c) => c.method === 'views.open' && JSON.stringify(c.args.view).includes('kpi_snooze'),
    );
    const viewId = (opened.response.view as { id: string }).id;
    h.client.setViewValue(viewId, 'kpi_snooze_reason', 'value', 'Two partners on leave');
    await h.client.submitView(viewId, 'U05PRIYA');
    await h.slack.waitFor(
      (c) =>
        c.method === 'chat.update' &&
        c.args.ts === dm.ts &&
        JSON.stringify(c.args).includes('snoozed until 2026-12-02'),
    );
    h.clock.set('2026-12-01T09:00:00Z');
    await h.bot.tick(new Date('2026-12-01T09:00:00Z'));
    await h.slack.waitForIdle(150);
    expect(
      h.slack.messages(dm.channel).filter((m) => m.thread_ts === dm.ts && m.text.includes('snooze ended')),
    ).toHaveLength(0);
    h.clock.set('2026-12-02T09:00:00Z');
    const report = await h.bot.tick(new Date('2026-12-02T09:00:00Z'));
    expect(report.jobs['kpi-checks']).toMatchObject({ snoozesEnded: 1 });
    await h.slack.waitForIdle(200);
    expect(
      h.slack
        .messages(dm.channel)
        .filter((m) => m.thread_ts === dm.ts && m.text.includes('The snooze ended')),
    ).toHaveLength(1);
    const row = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule', '=', 'threshold')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'firing', snoozed_until: null });
  });
});
