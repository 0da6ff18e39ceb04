// Who may do what (README, "Who may do what"), on every surface: /kpi log, /kpi edit, the KPI modal's Save,
// Acknowledge and Snooze, and a payload naming another workspace. A refused request writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { KPI_ALERT_ACTIONS } from '../../src/kpis/slack/views/kpi-alert-message.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import type { LocalMessage } from '../../src/localslack/types.js';
import { authorize } from '../../src/people/domain/permissions.js';
import { listAudit } from '../../src/platform/audit/audit-log.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';
import { memoryIo } from '../support/memory-io.js';

const text = (body: unknown) => JSON.stringify(body);

describe('the permission table', () => {
  const nobody = { userId: 'U0NOBODY', isAdmin: false, leads: new Set<string>() };
  const kpi = { kpiOwner: 'U01MINA', teamKey: 'talent', teamLead: 'U02JOON', what: 'Time to hire' };
  it('lets the KPI owner, the team lead and admins define a KPI, and names them to anyone else', () => {
    expect(authorize('kpi.define', { ...nobody, userId: 'U01MINA' }, kpi)).toEqual({
      ok: true,
      as: 'KPI owner',
    });
    expect(authorize('kpi.define', { ...nobody, userId: 'U02JOON' }, kpi)).toEqual({
      ok: true,
      as: 'team lead',
    });
    expect(authorize('kpi.define', { ...nobody, isAdmin: true }, kpi)).toEqual({ ok: true, as: 'admin' });
    expect(authorize('kpi.define', nobody, kpi)).toEqual({
      ok: false,
      refusal:
        "Only an admin, the team's lead (<@U02JOON>) or its owner (<@U01MINA>) can change Time to hire.",
    });
  });
  it('keeps export and the roll-up to admins, and reflections to the objective owner and lead', () => {
    expect(authorize('export', { ...nobody, leads: new Set(['talent']) }).ok).toBe(false);
    expect(authorize('rollup', { ...nobody, isAdmin: true }).ok).toBe(true);
    expect(
      authorize('reflection.read', { ...nobody, isAdmin: true }, { objectiveOwners: ['U02JOON'] }).ok,
    ).toBe(false);
    expect(
      authorize('quarter.close', { ...nobody, userId: 'U02JOON' }, { objectiveOwners: ['U02JOON'] }).ok,
    ).toBe(true);
  });
});

describe('who may do what, over signed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-25T08:00:00Z', jobs: kpiJobs() });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.stop();
  });
  const kpi = (userId: string, args: string, channelId = 'C0TALENT') =>
    h.client.slashCommand({ command: '/kpi', text: args, userId, channelId });
  const readings = () => h.db.selectFrom('kpi_readings').selectAll().orderBy('period').execute();

  it('refuses /kpi log from someone who neither owns nor leads the KPI, and stores nothing', async () => {
    const before = await readings();
    const res = await kpi('U03DANA', 'log time-to-hire 35');
    expect(text(res.body)).toContain('Only an admin');
    expect(text(res.body)).toContain('<@U01MINA>');
    const stranger = await kpi('U0STRANGER', 'log time-to-hire 35');
    expect(text(stranger.body)).toContain('Only an admin');
    expect(await readings()).toEqual(before);
    expect(
      await h.db.selectFrom('people').select('slack_id').where('slack_id', '=', 'U0STRANGER').execute(),
    ).toEqual([]);
  });

  it("lets the team's lead log, and a replaced reading says so and keeps the old value in the audit log", async () => {
    expect(text((await kpi('U01MINA', 'log time-to-hire 41 2026-10-15')).body)).toContain('Recorded');
    const res = await kpi('U02JOON', 'log time-to-hire 44 2026-10-15');
    expect(text(res.body)).toContain('replacing');
    const audit = await listAudit(h.db, h.teamId, { subject: 'kpi:time-to-hire' });
    expect(audit.filter((a) => a.action === 'reading.replace')).toEqual([
      expect.objectContaining({
        actor: 'U02JOON',
        before: { period: '2026-10', value: 41 },
        after: { period: '2026-10', value: 44 },
      }),
    ]);
  });

  it('refuses /kpi edit to someone who may not change the KPI, before any modal opens', async () => {
    const opened = h.slack.calls.filter((c) => c.method === 'views.open').length;
    const res = await kpi('U05PRIYA', 'edit time-to-hire');
    expect(text(res.body)).toContain('can change the KPI Time to hire');
    expect(h.slack.calls.filter((c) => c.method === 'views.open').length).toBe(opened);
  });

  it('refuses Acknowledge from anyone but the owner, the lead or an admin, naming who can', async () => {
    await kpi('U05PRIYA', 'log hr-sla 80', 'C0PEOPLE');
    const hasAck = (m: LocalMessage) =>
      JSON.stringify(m.blocks ?? []).includes(`"action_id":"${KPI_ALERT_ACTIONS.acknowledge}"`);
    await expect.poll(() => h.slack.messages('C0PEOPLE').some((m) => !m.ephemeral && hasAck(m))).toBe(true);
    const message = h.slack.messages('C0PEOPLE').find((m) => !m.ephemeral && hasAck(m))!;
    const block = (
      message.blocks as Array<{
        type: string;
        block_id?: string;
        elements?: Array<{ action_id?: string; value?: string }>;
      }>
    ).find(
      (b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === KPI_ALERT_ACTIONS.acknowledge),
    )!;
    const el = block.elements!.find((e) => e.action_id === KPI_ALERT_ACTIONS.acknowledge)!;
    const press = (userId: string) =>
      h.client.blockAction({
        userId,
        actions: [{ action_id: KPI_ALERT_ACTIONS.acknowledge, block_id: block.block_id!, value: el.value! }],
        message: { channel: message.channel, ts: message.ts },
      });
    await press('U01MINA');
    const refusal = await h.slack.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.args.user === 'U01MINA',
    );
    expect(String(refusal.args.text)).toMatch(
      /^Only an admin, the team's lead \(<@U04SAM>\) or its owner \(<@U05PRIYA>\) can acknowledge or snooze/,
    );
    const statuses = async () =>
      (await h.db.selectFrom('alerts').select('status').execute()).map((a) => a.status);
    expect(await statuses()).not.toContain('acknowledged');
    await press('U04SAM');
    await expect.poll(statuses).toContain('acknowledged');
    const audit = await listAudit(h.db, h.teamId, { subject: 'kpi:hr-sla' });
    expect(audit.some((a) => a.action === 'alert.acknowledge' && a.actor === 'U04SAM')).toBe(true);
  });

  it('okrbot audit prints who did what, before → after, filtered by KPI and date', async () => {
    const io = memoryIo(process.cwd());
    const env = { DATABASE_URL: h.databaseUrl };
    expect(await main(['audit', '--team', h.teamId, '--kpi', 'time-to-hire'], env, io.io)).toBe(0);
    expect(io.out()).toMatch(
      /U02JOON {2}reading\.replace {2}kpi:time-to-hire {2}\{"period":"2026-10","value":41\} → \{"period":"2026-10","value":44\}/,
    );
    expect(io.out()).not.toContain('kpi:hr-sla');
    const all = memoryIo(process.cwd());
    expect(await main(['audit', '--team', h.teamId, '--json', '--since', '2020-01-01'], env, all.io)).toBe(0);
    const actions = all
      .out()
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['import', 'reading.replace', 'alert.acknowledge']));
    const bad = memoryIo(process.cwd());
    expect(await main(['audit', '--since', 'last week', '--team', h.teamId], env, bad.io)).toBe(2);
    expect(bad.err()).toContain('--since must be a date');
  });

  it('refuses a signed command that names another workspace, and writes nothing', async () => {
    const before = await readings();
    const forged = new SignedClient({
      appUrl: `http://127.0.0.1:${h.bot.port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      slack: h.slack,
      teamId: 'T0OTHER',
    });
    const res = await forged.slashCommand({
      command: '/kpi',
      text: 'log time-to-hire 30',
      userId: 'U01MINA',
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    expect(text(res.body)).toContain('does not serve your workspace');
    expect(await readings()).toEqual(before);
  });
});
