import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/localslack/block-kit-limits.js';
import {
  carryOverDraft,
  closeQuarter,
  createObjective,
  OKR_IDS,
  reflectionFor,
  setClosingScore,
  submitReflection,
} from '../../src/okrs/index.js';
import { ensurePerson, ensureWorkspace } from '../../src/people/store.js';
import { enqueueMessages } from '../../src/platform/outbox/store.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0CLOSE';
const JOON = 'U02JOON'; // talent lead
const MINA = 'U01MINA'; // reports to Joon
const SARA = 'U03SARA'; // people-ops lead
const RAVI = 'U04RAVI'; // reports to Sara
const CREATED = new Date('2026-10-01T00:00:00Z');
const NOW = new Date('2027-01-02T09:00:00Z');
const outbox = { enqueue: enqueueMessages };

async function seed(t: TestDatabase) {
  const db = t.db;
  await ensureWorkspace(db, { teamId: TEAM, name: 'Close', botUserId: 'UBOT', botId: 'B1' }, CREATED);
  for (const [id, name] of [
    [JOON, 'Joon Lee'],
    [MINA, 'Mina Park'],
    [SARA, 'Sara Kim'],
    [RAVI, 'Ravi Rao'],
  ] as const)
    await ensurePerson(db, { teamId: TEAM, slackId: id, name, tz: 'Asia/Seoul' }, CREATED);
  await db.updateTable('people').set({ manager_slack_id: JOON }).where('slack_id', '=', MINA).execute();
  await db.updateTable('people').set({ manager_slack_id: SARA }).where('slack_id', '=', RAVI).execute();
  const at = CREATED.toISOString();
  await db
    .insertInto('teams')
    .values([
      {
        team_id: TEAM,
        key: 'people-ops',
        name: 'People Operations',
        channel_id: 'C0PEOPLE',
        lead_slack_id: SARA,
        checkin_day: 'monday',
        checkin_time: '10:00',
        checkin_cadence: 'weekly',
        created_at: at,
        updated_at: at,
        checkin_nudge_hours: null,
        report: 'lead',
      },
    ])
    .execute();
  // Left out, `report` is the default: channel. (In one multi-row insert SQLite would store null instead.)
  await db
    .insertInto('teams')
    .values({
      team_id: TEAM,
      key: 'talent',
      name: 'Talent Acquisition',
      channel_id: 'C0TALENT',
      lead_slack_id: JOON,
      checkin_day: 'monday',
      checkin_time: '10:00',
      checkin_cadence: 'weekly',
      created_at: at,
      updated_at: at,
      checkin_nudge_hours: null,
    })
    .execute();
  const committed = await createObjective(
    db,
    {
      teamId: TEAM,
      key: 'hire-faster',
      teamKey: 'talent',
      quarter: '2026Q4',
      type: 'committed',
      ownerSlackId: JOON,
      text: 'Build a recruiting function that fills engineering roles faster',
      keyResults: [
        {
          key: 'tth',
          text: 'Reduce engineering time-to-hire from 52 to 30 days by end of Q4',
          ownerSlackId: MINA,
          baseline: 52,
          target: 30,
          unit: 'days',
          kpiKey: 'time-to-hire',
        },
        {
          key: 'oar',
          text: 'Raise offer acceptance from 70% to 85% by 2026-12-31',
          ownerSlackId: MINA,
          baseline: 70,
          target: 85,
          unit: '%',
        },
      ],
    },
    CREATED,
  );
  const aspirational = await createObjective(
    db,
    {
      teamId: TEAM,
      key: 'brand',
      teamKey: 'talent',
      quarter: '2026Q4',
      type: 'aspirational',
      ownerSlackId: JOON,
      text: 'Become the employer engineers recommend to their friends',
      keyResults: [
        { key: 'referrals', text: 'Referrals make half of engineering hires', ownerSlackId: MINA },
        {
          key: 'nps',
          text: 'Raise candidate NPS from 20 to 40',
          ownerSlackId: MINA,
          baseline: 20,
          target: 40,
        },
        { key: 'page', text: 'Launch the careers page', ownerSlackId: MINA },
      ],
    },
    CREATED,
  );
  const cross = await createObjective(
    db,
    {
      teamId: TEAM,
      key: 'onboarding',
      teamKey: 'talent',
      quarter: '2026Q4',
      type: 'cross-team',
      ownerSlackId: JOON,
      text: 'New hires are productive in their first month',
      keyResults: [
        {
          key: 'ship',
          text: 'Raise new hires shipping in week one from 40% to 70%',
          ownerSlackId: MINA,
          baseline: 40,
          target: 70,
          unit: '%',
        },
        {
          key: 'ret',
          text: 'Raise 90-day retention from 80% to 90%',
          ownerSlackId: RAVI,
          baseline: 80,
          target: 90,
          unit: '%',
        },
      ],
    },
    CREATED,
  );
  const other = await createObjective(
    db,
    {
      teamId: TEAM,
      key: 'sla',
      teamKey: 'people-ops',
      quarter: '2026Q4',
      type: 'committed',
      ownerSlackId: SARA,
      text: 'HR requests are answered when promised',
      keyResults: [
        {
          key: 'sla',
          text: 'Raise SLA compliance from 80% to 95%',
          ownerSlackId: RAVI,
          baseline: 80,
          target: 95,
          unit: '%',
          current: 95,
        },
      ],
    },
    CREATED,
  );
  const next = await createObjective(
    db,
    {
      teamId: TEAM,
      teamKey: 'talent',
      quarter: '2027Q1',
      type: 'committed',
      ownerSlackId: JOON,
      text: 'Planned for next quarter',
      status: 'planned',
      keyResults: [],
    },
    CREATED,
  );
  const kr = (o: typeof committed, key: string) => o.keyResults.find((k) => k.key === key)!;
  const checkin = async (
    krId: string,
    owner: string,
    round: string,
    value: number | null,
    blockers: string | null = null,
  ) =>
    db
      .insertInto('checkins')
      .values({
        id: `ci_${krId}_${round}`,
        team_id: TEAM,
        key_result_id: krId,
        owner_slack_id: owner,
        round_key: round,
        value,
        confidence: 'at_risk',
        changed: null,
        blockers,
        next_focus: null,
        submitted_at: `${round}T02:00:00.000Z`,
        updated_at: `${round}T02:00:00.000Z`,
      })
      .execute();
  const tth = kr(committed, 'tth').id;
  await checkin(tth, MINA, '2026-10-05', 50, 'No sourcer for backend roles');
  await checkin(tth, MINA, '2026-11-02', 44, 'No sourcer for backend roles');
  await checkin(tth, MINA, '2026-12-21', 41, 'Hiring managers slow to give feedback');
  // The key result's current value disagrees with the last check-in: the check-in wins.
  await db.updateTable('key_results').set({ current: 43 }).where('id', '=', tth).execute();
  await checkin(kr(committed, 'oar').id, MINA, '2026-12-21', 88);
  await checkin(kr(aspirational, 'nps').id, MINA, '2026-12-21', 30);
  await setClosingScore(db, kr(aspirational, 'referrals').id, 0.8, NOW);
  await checkin(kr(cross, 'ship').id, MINA, '2026-12-21', 55);
  await checkin(kr(cross, 'ret').id, RAVI, '2026-12-21', 90);

  await db
    .insertInto('kpis')
    .values([
      {
        id: 'kpi_tth',
        team_id: TEAM,
        key: 'time-to-hire',
        name: 'Time to hire',
        unit: 'days',
        direction: 'lower_is_better',
        owner_slack_id: MINA,
        channel_id: 'C0TALENT',
        team_key: 'talent',
        cadence: 'monthly',
        range_low: 28,
        range_high: 45,
        aspirational: 25,
        alert_threshold: 52,
        protocol: 'Review',
        created_at: at,
        updated_at: at,
      },
      {
        id: 'kpi_ret',
        team_id: TEAM,
        key: 'retention-90d',
        name: '90-day retention',
        unit: '%',
        direction: 'higher_is_better',
        owner_slack_id: MINA,
        channel_id: 'C0TALENT',
        team_key: 'talent',
        cadence: 'monthly',
        range_low: 85,
        range_high: 100,
        aspirational: 95,
        alert_threshold: 75,
        protocol: 'Review',
        created_at: at,
        updated_at: at,
      },
    ])
    .execute();
  const alert = (id: string, kpiId: string, rule: string, openedAt: string) => ({
    id,
    team_id: TEAM,
    kpi_id: kpiId,
    rule,
    status: 'firing',
    severity: 'info',
    state_json: '{}',
    channel_id: null,
    channel_ts: null,
    dm_channel_id: null,
    dm_ts: null,
    acknowledged_by: null,
    acknowledged_at: null,
    snoozed_until: null,
    snooze_reason: null,
    folded_into_key_result_id: null,
    escalated_at: null,
    opened_at: openedAt,
    updated_at: openedAt,
    resolved_at: null,
    group_key: null,
    dm_key: null,
  });
  await db
    .insertInto('alerts')
    .values([
      alert('al1', 'kpi_ret', 'okr_candidate', '2026-11-15T00:00:00.000Z'),
      alert('al2', 'kpi_ret', 'threshold', '2026-11-15T00:00:00.000Z'),
      // Before the quarter: not evidence for this close.
      alert('al3', 'kpi_tth', 'okr_candidate', '2026-08-01T00:00:00.000Z'),
    ])
    .execute();
  return { committed, aspirational, cross, other, next, tth };
}

describe.each(dialectsUnderTest())('closing a quarter (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('closes every active objective of the quarter, stores grades and reports per team', async () => {
    const s = await seed(t);
    const result = await closeQuarter(
      { db: t.db, outbox },
      { teamId: TEAM, quarter: '2026Q4', closedBy: JOON, now: NOW },
    );
    expect(result.status).toBe('closed');
    if (result.status !== 'closed') return;
    expect(result.closedObjectives).toBe(4);

    const objectives = await t.db.selectFrom('objectives').selectAll().where('team_id', '=', TEAM).execute();
    const byKey = new Map(objectives.map((o) => [o.key ?? o.text, o]));
    expect(byKey.get('hire-faster')).toMatchObject({
      status: 'closed',
      closed_at: NOW.toISOString(),
      closed_by: JOON,
    });
    expect(byKey.get('Planned for next quarter')).toMatchObject({ status: 'planned', closed_at: null });
    const tth = await t.db
      .selectFrom('key_results')
      .selectAll()
      .where('id', '=', s.tth)
      .executeTakeFirstOrThrow();
    expect(tth).toMatchObject({
      final_value: 41,
      current: 41,
      score: 0.5,
      achievement: 0.5,
      score_source: 'measured',
    });

    expect(result.reports.map((r) => r.team?.key)).toEqual(['people-ops', 'talent']);
    const talent = result.reports.find((r) => r.team?.key === 'talent')!;
    const find = (id: string) => talent.objectives.find((o) => o.id === id);
    const [hire, brand, onboarding] = [
      find(s.committed.objective.id),
      find(s.aspirational.objective.id),
      find(s.cross.objective.id),
    ];
    // tth 0.5, offer acceptance 70 → 88 of 85: 1.0 (120%).
    expect(hire).toMatchObject({
      type: 'committed',
      score: 0.75,
      verdict: 'shortfall',
      needsReflection: true,
    });
    expect(hire!.keyResults.map((k) => k.scoreText)).toEqual(['0.5', '1.0 (120%)']);
    // referrals 0.8 from the closing check-in, NPS 0.5, careers page not scored.
    expect(brand).toMatchObject({ type: 'aspirational', score: 0.65, verdict: 'learning' });
    expect(brand!.keyResults.map((k) => [k.source, k.scoreText])).toEqual([
      ['closing_checkin', '0.8'],
      ['measured', '0.5'],
      ['not_scored', 'not scored'],
    ]);
    expect(brand!.verdictText).toContain('0.7 or more is success for an aspirational OKR');
    expect(onboarding).toMatchObject({ type: 'cross-team', verdict: 'shared', score: 0.75 });
    expect(onboarding!.contributions).toEqual([
      { teamKey: 'talent', teamName: 'Talent Acquisition', keyResultIds: [onboarding!.keyResults[0]!.id] },
      { teamKey: 'people-ops', teamName: 'People Operations', keyResultIds: [onboarding!.keyResults[1]!.id] },
    ]);

    expect(talent.recurringBlockers).toEqual([
      expect.objectContaining({
        keyResultId: s.tth,
        rounds: 3,
        blockers: ['Hiring managers slow to give feedback', 'No sourcer for backend roles'],
      }),
    ]);
    expect(talent.watches).toEqual([
      {
        keyResultId: s.tth,
        kpiKey: 'time-to-hire',
        line: 'time-to-hire is watched for the next two quarters; its owner hears if more than half of the gain is lost',
      },
    ]);
    expect(talent.candidates.map((c) => c.kpiKey)).toEqual(['retention-90d']);
    expect(talent.notMoved.map((m) => m.text).sort()).toEqual([
      'Launch the careers page',
      'Referrals make half of engineering hires',
    ]);
    expect(talent.moved).toHaveLength(5);
    expect(talent.carryOvers.map((c) => c.objectiveId).sort()).toEqual(
      [hire!.id, brand!.id, onboarding!.id].sort(),
    );
    expect(new Set(talent.carryOvers.map((c) => c.label))).toEqual(new Set(['Carry over to 2027Q1']));
    const peopleOps = result.reports.find((r) => r.team?.key === 'people-ops')!;
    expect(peopleOps.objectives[0]).toMatchObject({ score: 1, verdict: 'delivered' });
    expect(peopleOps.carryOvers).toEqual([]);

    // Report to the talent channel; people-ops chose `report: lead`; one shortfall DM to the committed owner.
    const sent = await t.db
      .selectFrom('outbox')
      .select(['kind', 'target', 'payload_json'])
      .orderBy('dedupe_key')
      .execute();
    expect(sent.map((m) => [m.kind, m.target])).toEqual([
      ['okr_quarter_report', SARA],
      ['okr_quarter_report', 'C0TALENT'],
      ['okr_shortfall', JOON],
    ]);
    expect(result.queued).toBe(3);
    for (const m of sent) {
      const payload = JSON.parse(m.payload_json) as { blocks: Array<{ type: string }> };
      expect(validateBlocks(payload.blocks, 'message')).toEqual([]);
    }
    const report = JSON.parse(sent.find((m) => m.target === 'C0TALENT')!.payload_json) as {
      blocks: Array<Record<string, unknown>>;
    };
    const carry = report.blocks.filter((b) => b.type === 'actions');
    const buttons = carry.map((b) => (b.elements as Array<{ action_id: string; value: string }>)[0]!);
    expect(new Set(buttons.map((b) => b.action_id))).toEqual(new Set([OKR_IDS.carryOverAction]));
    expect(buttons.map((b) => b.value).sort()).toEqual([hire!.id, brand!.id, onboarding!.id].sort());
    const audit = await t.db.selectFrom('audit_events').selectAll().execute();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'quarter.close', subject: 'quarter:2026Q4', actor: JOON }),
    ]);
  });

  it('closing twice is a no-op that says so', async () => {
    await seed(t);
    const first = await closeQuarter(
      { db: t.db, outbox },
      { teamId: TEAM, quarter: '2026Q4', closedBy: JOON, now: NOW },
    );
    expect(first.status).toBe('closed');
    const later = new Date(NOW.getTime() + 3_600_000);
    const again = await closeQuarter(
      { db: t.db, outbox },
      { teamId: TEAM, quarter: '2026Q4', closedBy: 'cli', now: later },
    );
    expect(again).toMatchObject({ status: 'already_closed', closedAt: NOW.toISOString() });
    expect(again.message).toMatch(/already closed on 2027-01-02: nothing changed/);
    if (again.status === 'already_closed' && first.status === 'closed')
      expect(again.reports.map((r) => r.objectives.map((o) => o.score))).toEqual(
        first.reports.map((r) => r.objectives.map((o) => o.score)),
      );
    const closedAt = await t.db
      .selectFrom('objectives')
      .select('closed_at')
      .where('status', '=', 'closed')
      .execute();
    expect(new Set(closedAt.map((r) => r.closed_at))).toEqual(new Set([NOW.toISOString()]));
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(3);
  });

  it('closes one team only, and refuses a quarter that has not started', async () => {
    await seed(t);
    const one = await closeQuarter(
      { db: t.db },
      { teamId: TEAM, quarter: '2026-Q4', teamKey: 'people-ops', closedBy: SARA, now: NOW },
    );
    expect(one).toMatchObject({ status: 'closed', closedObjectives: 1, queued: 0 });
    const rest = await t.db
      .selectFrom('objectives')
      .select('status')
      .where('team_key', '=', 'talent')
      .where('quarter', '=', '2026Q4')
      .execute();
    expect(rest.every((r) => r.status === 'active')).toBe(true);
    const future = await closeQuarter(
      { db: t.db },
      { teamId: TEAM, quarter: '2027Q2', closedBy: JOON, now: NOW },
    );
    expect(future).toMatchObject({ status: 'invalid' });
    const none = await closeQuarter(
      { db: t.db },
      { teamId: TEAM, quarter: '2026Q3', closedBy: JOON, now: NOW },
    );
    expect(none).toMatchObject({ status: 'nothing_to_close' });
  });

  it('carries an unfinished objective over with final values as new baselines', async () => {
    const s = await seed(t);
    await closeQuarter({ db: t.db }, { teamId: TEAM, quarter: '2026Q4', closedBy: JOON, now: NOW });
    const draft = await carryOverDraft({ db: t.db }, TEAM, s.committed.objective.id);
    expect(draft).toEqual({
      fromObjectiveId: s.committed.objective.id,
      objective: 'Build a recruiting function that fills engineering roles faster',
      type: 'committed',
      quarter: '2027Q1',
      teamKey: 'talent',
      channel: 'C0TALENT',
      // Offer acceptance reached its target: only the unfinished key result is carried.
      keyResults: [
        {
          text: 'Reduce engineering time-to-hire from 41 to 30 days by 2027-03-31',
          owner: MINA,
          baseline: 41,
          target: 30,
          unit: 'days',
          kpiKey: 'time-to-hire',
          dueDate: '2027-03-31',
        },
      ],
    });
    expect(await carryOverDraft({ db: t.db }, TEAM, 'obj_missing')).toBeUndefined();
  });

  it('stores the reflection on a shortfall for the owner and the lead only', async () => {
    const s = await seed(t);
    await closeQuarter({ db: t.db }, { teamId: TEAM, quarter: '2026Q4', closedBy: JOON, now: NOW });
    const id = s.other.objective.id; // owned by Sara, who also leads people-ops
    expect(
      await submitReflection(
        { db: t.db, outbox },
        { teamId: TEAM, objectiveId: id, userId: RAVI, text: 'Not mine' },
        NOW,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await submitReflection(
        { db: t.db, outbox },
        { teamId: TEAM, objectiveId: id, userId: SARA, text: '  ' },
        NOW,
      ),
    ).toMatchObject({ ok: false, field: 'text' });
    const objectiveId = s.committed.objective.id; // owned by Joon, lead of talent
    await t.db.updateTable('teams').set({ lead_slack_id: SARA }).where('key', '=', 'talent').execute();
    const ok = await submitReflection(
      { db: t.db, outbox },
      { teamId: TEAM, objectiveId, userId: JOON, text: 'The sourcer role stayed open all quarter' },
      NOW,
    );
    expect(ok).toEqual({ ok: true, leadSlackId: SARA, queued: 1 });
    expect((await reflectionFor(t.db, TEAM, objectiveId, JOON))?.text).toBe(
      'The sourcer role stayed open all quarter',
    );
    expect((await reflectionFor(t.db, TEAM, objectiveId, SARA))?.text).toBe(
      'The sourcer role stayed open all quarter',
    );
    expect(await reflectionFor(t.db, TEAM, objectiveId, MINA)).toBeUndefined();
    await submitReflection({ db: t.db }, { teamId: TEAM, objectiveId, userId: JOON, text: 'Edited' }, NOW);
    expect((await reflectionFor(t.db, TEAM, objectiveId, JOON))?.text).toBe('Edited');
  });
});
