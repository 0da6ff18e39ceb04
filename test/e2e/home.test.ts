import { afterEach, describe, expect, it } from 'vitest';
import { homeRefresherFor } from '../../src/app/home-refresh.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import type { LocalView } from '../../src/localslack/types.js';
import { BIG_LEAD, type BigTeamShape, bigTeamUsers, importBigTeam, ownerId } from '../home/big-team.js';
import { tickAt } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

// Sample org (src/demo/sample-org.yaml): Mina (Seoul) owns tth and offer-accept of hire-faster (owner Joon,
// lead of talent) and the KPIs time-to-hire and offer-acceptance; the talent round is Monday 10:00 local.
const MINA = 'U01MINA';
const JOON = 'U02JOON';
const PRIYA = 'U05PRIYA';
const MON_10_SEOUL = new Date('2026-11-23T01:00:00Z');
const MON_10_UTC = new Date('2026-11-23T10:00:00Z');

const text = (v: LocalView | undefined) => JSON.stringify(v?.blocks ?? []);

describe.each(dialectsUnderTest())('the Home tab through the local Slack (%s)', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  /** Successful views.publish calls for one person. */
  const publishesTo = (user: string) =>
    h.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.response.ok === true).length;

  async function openHome(user: string): Promise<LocalView> {
    const before = publishesTo(user);
    const res = await h.client.event({ type: 'app_home_opened', user, tab: 'home', channel: `D${user}` });
    expect(res.status).toBe(200);
    await h.slack.waitFor(() => publishesTo(user) > before);
    return h.slack.home(user)!;
  }

  async function keyResultId(key: string): Promise<string> {
    return (
      await h.db.selectFrom('key_results').select('id').where('key', '=', key).executeTakeFirstOrThrow()
    ).id;
  }

  /** Clicks Check in on a Home tab, fills every key result on the form, submits. */
  async function checkInFromHome(
    user: string,
    values: Record<string, { value: string; confidence: string }>,
  ) {
    const home = h.slack.home(user)!;
    const opens = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: user,
      viewId: home.id,
      actions: [{ action_id: 'checkin_open', block_id: 'home_round' }],
    });
    const call = await h.slack.waitFor(
      (c) => c.method === 'views.open' && h.slack.callsTo('views.open').length > opens,
    );
    const viewId = (call.response.view as { id: string }).id;
    for (const [kr, v] of Object.entries(values)) {
      h.client.setViewValue(viewId, `kr:${kr}:value`, 'value', v.value);
      h.client.setViewValue(viewId, `kr:${kr}:confidence`, 'confidence', v.confidence);
    }
    expect(await h.client.submitView(viewId, user)).toEqual({});
  }

  it("opening Home publishes the person's key results and KPIs; a check-in refreshes it once; the lead sees who has not answered", async () => {
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z' });
    await h.importSample();
    const mina = await openHome(MINA);
    expect(mina.type).toBe('home');
    expect(text(mina)).toContain('Reduce engineering time-to-hire from 52 to 30 days by end of Q4');
    expect(text(mina)).toContain('from 52 → now *52* → target 30 days');
    expect(text(mina)).toContain('no check-in yet');
    expect(text(mina)).toContain('Time to hire');
    expect(text(mina)).toContain('Offer acceptance rate');
    expect(text(mina)).not.toContain('checkin_open'); // no round is open yet
    await openHome(JOON);

    // The round opens: the tick's prompt to Mina puts a Check in button on her Home tab.
    await tickAt(h, MON_10_SEOUL);
    await homeRefresherFor(h.bot.ctx).settle();
    expect(text(h.slack.home(MINA))).toContain('"action_id":"checkin_open"');
    expect(text(h.slack.home(JOON))).toContain('Not checked in yet: Mina Park');
    expect(text(h.slack.home(JOON))).toContain('Build a recruiting function');
    const minaBefore = publishesTo(MINA);
    const joonBefore = publishesTo(JOON);

    // Mina checks in from her Home tab; both Home tabs are republished once, after the refresher's quiet time.
    const tth = await keyResultId('tth');
    const offer = await keyResultId('offer-accept');
    h.clock.set(new Date(MON_10_SEOUL.getTime() + 3_600_000));
    await checkInFromHome(MINA, {
      [tth]: { value: '41', confidence: 'at_risk' },
      [offer]: { value: '75', confidence: 'on_track' },
    });
    await h.slack.waitFor(() => publishesTo(MINA) > minaBefore && publishesTo(JOON) > joonBefore, 10_000);
    await homeRefresherFor(h.bot.ctx).settle();
    expect(publishesTo(MINA)).toBe(minaBefore + 1);
    expect(publishesTo(JOON)).toBe(joonBefore + 1);
    const after = text(h.slack.home(MINA));
    expect(after).toContain('from 52 → now *41* → target 30 days');
    expect(after).toContain('🟡 at risk · last check-in Mon 23 Nov');
    expect(after).toContain('Edit check-in');
    expect(after).toContain('"type":"data_visualization"');
    expect(text(h.slack.home(JOON))).toContain('Everyone has checked in');

    // Opening the Home tab again publishes it; nothing else changed, so the refresher publishes nothing more.
    await openHome(MINA);
    await homeRefresherFor(h.bot.ctx).settle();
    expect(publishesTo(JOON)).toBe(joonBefore + 1);
  });

  it("a KPI alert appears on its owner's Home with a chart, and Acknowledge there is handled like in the alert message", async () => {
    h = await startHarness({ dialect, now: '2026-11-23T08:00:00Z' });
    await h.importSample();
    const token = (await createApiToken(h.db, h.teamId, 'hris', h.clock.now())).token;
    expect(text(await openHome(PRIYA))).not.toContain('Open alerts');
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/v1/readings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        readings: Object.entries({ '2026-W45': 97, '2026-W46': 96, '2026-W47': 88 }).map(
          ([period, value]) => ({
            kpi: 'hr-sla',
            period,
            value,
          }),
        ),
      }),
    });
    expect(res.status).toBe(200);
    await h.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === PRIYA);
    await homeRefresherFor(h.bot.ctx).settle();
    const home = h.slack.home(PRIYA)!;
    expect(text(home)).toContain('Open alerts (1)');
    expect(text(home)).toContain('HR request SLA compliance');
    expect(text(home)).toContain('last 88%, range 95–100% · out of range');
    expect(text(home)).toContain('"type":"data_visualization"');
    const alert = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('status', '=', 'firing')
      .executeTakeFirstOrThrow();
    // Snooze opens the kpis feature's snooze modal, as from the alert message.
    const opens = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: PRIYA,
      viewId: home.id,
      actions: [{ action_id: 'kpi_alert_snooze', block_id: `home_alert:${alert.id}` }],
    });
    const snooze = await h.slack.waitFor(
      (c) => c.method === 'views.open' && h.slack.callsTo('views.open').length > opens,
    );
    expect(snooze.response.ok).toBe(true);
    expect(JSON.stringify(snooze.args.view)).toContain('Snooze an alert');
    await h.client.closeView((snooze.response.view as { id: string }).id, PRIYA);

    const updates = h.slack.callsTo('chat.update').length;
    const published = publishesTo(PRIYA);
    await h.client.blockAction({
      userId: PRIYA,
      viewId: home.id,
      actions: [{ action_id: 'kpi_alert_ack', block_id: `home_alert:${alert.id}` }],
    });
    // The refresher republishes the Home tab after its quiet time.
    await h.slack.waitFor(() => publishesTo(PRIYA) > published, 10_000);
    const row = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'acknowledged', acknowledged_by: PRIYA });
    expect(text(h.slack.home(PRIYA))).not.toContain('Open alerts');
    // The alert's messages (DM and channel post) show who acknowledged it.
    await h.slack.waitFor(
      (c) =>
        h.slack.callsTo('chat.update').length > updates &&
        c.method === 'chat.update' &&
        JSON.stringify(c.args).includes('acknowledged by'),
    );
  });

  it('an admin opens the roll-up from Home', async () => {
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z', config: { adminIds: [JOON] } });
    await h.importSample();
    const home = await openHome(JOON);
    expect(text(await openHome(MINA))).not.toContain('home_show_rollup');
    const opens = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: JOON,
      viewId: home.id,
      actions: [{ action_id: 'home_show_rollup', block_id: 'home_rollup' }],
    });
    const call = await h.slack.waitFor(
      (c) => c.method === 'views.open' && h.slack.callsTo('views.open').length > opens,
    );
    expect(call.response.ok).toBe(true);
    const modal = JSON.stringify(call.args.view);
    expect(modal).toContain('"type":"data_table"');
    expect(modal).toContain('Talent Acquisition');
    expect(modal).toContain('People Operations');
  });

  it('a lead of a 60-key-result team gets a Home tab under 100 blocks, and a burst of 50 check-ins republishes each Home once', async () => {
    const shape: BigTeamShape = { owners: 50, objectives: 12, keyResultsPerObjective: 5, kpis: 20 };
    h = await startHarness({ dialect, now: '2026-11-22T12:00:00Z', users: bigTeamUsers(shape) });
    await importBigTeam(h.db, h.teamId, shape, h.clock.now());
    const lead = await openHome(BIG_LEAD);
    expect(lead.blocks.length).toBeLessThanOrEqual(100);
    expect(text(lead)).toContain('…and 4 more objectives');
    const owners = Array.from({ length: shape.owners }, (_, i) => ownerId(i));
    for (const o of owners) await openHome(o);

    await tickAt(h, MON_10_UTC);
    await homeRefresherFor(h.bot.ctx).settle();
    const lead2 = h.slack.home(BIG_LEAD)!;
    expect(lead2.blocks.length).toBeLessThanOrEqual(100);
    expect(text(lead2)).toContain('0 of 50 answered');
    expect(text(h.slack.home(ownerId(7)))).toContain('"action_id":"checkin_open"');

    // 50 check-ins (one per owner, 10 of them with 2 key results: 60 key results) in one burst.
    const refresher = homeRefresherFor(h.bot.ctx);
    refresher.timing = { quietMs: 60_000, maxWaitMs: 120_000 };
    const before = new Map([BIG_LEAD, ...owners].map((u) => [u, publishesTo(u)]));
    const krs = await h.db.selectFrom('key_results').select(['id', 'owner_slack_id']).execute();
    h.clock.set(new Date(MON_10_UTC.getTime() + 3_600_000));
    for (const o of owners) {
      const mine = krs.filter((k) => k.owner_slack_id === o);
      await checkInFromHome(
        o,
        Object.fromEntries(mine.map((k) => [k.id, { value: '20', confidence: 'on_track' }])),
      );
    }
    await h.slack.waitForIdle(500); // the last listener has finished (the refresher hears of it after that)
    expect(publishesTo(BIG_LEAD)).toBe(before.get(BIG_LEAD)); // nothing yet: the refresher waits for quiet
    await refresher.settle();
    for (const u of [BIG_LEAD, ...owners]) expect([u, publishesTo(u)]).toEqual([u, (before.get(u) ?? 0) + 1]);
    const last = h.slack.home(BIG_LEAD)!;
    expect(last.blocks.length).toBeLessThanOrEqual(100);
    expect(text(last)).toContain('50 of 50 answered');
    expect(text(last)).toContain('5 key results: 5 🟢 on track');
  }, 120_000);
});
