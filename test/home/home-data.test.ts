import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { homeData } from '../../src/home/home-data.js';
import { homeView } from '../../src/home/slack/views/home-view.js';
import { listKpis, listReadings, listRecentReadings } from '../../src/kpis/index.js';
import { upsertReading } from '../../src/kpis/store/kpis.js';
import { validateView } from '../../src/localslack/block-kit-limits.js';
import { parseImportFile } from '../../src/people/index.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';
import { BIG_LEAD, type BigTeamShape, importBigTeam, ownerId } from './big-team.js';

const TEAM = 'T0HOME';
const MINA = 'U01MINA';
const JOON = 'U02JOON';
const NOW = new Date('2026-11-23T12:00:00Z');
const opts = { now: NOW };

/**
 * Counts the statements the database runs through the Kysely it is plugged into. It counts results, not
 * built queries: a subquery is transformed on its own but runs as part of its outer query.
 */
class QueryCounter implements KyselyPlugin {
  queries = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.queries++;
    return args.result;
  }
}

/** The sample organisation, with the HR SLA KPI given to Mina too: she owns three KPIs. */
async function importOrgWithThreeKpisForMina(t: TestDatabase): Promise<void> {
  const doc = parse(sampleOrgText()) as { kpis: Array<{ key: string; owner: string }> };
  for (const k of doc.kpis) if (k.key === 'hr-sla') k.owner = MINA;
  const parsed = parseImportFile(stringify(doc), await knownIds(t.db, TEAM));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await applyImport(t.db, TEAM, parsed.file, NOW);
}

async function record(t: TestDatabase, key: string, values: Array<[string, number]>): Promise<void> {
  const kpi = (await listKpis(t.db, TEAM)).find((k) => k.key === key)!;
  for (const [period, value] of values)
    await upsertReading(t.db, { teamId: TEAM, kpiId: kpi.id, period, value, source: 'test' }, NOW);
}

async function krId(t: TestDatabase, key: string): Promise<string> {
  return (await t.db.selectFrom('key_results').select('id').where('key', '=', key).executeTakeFirstOrThrow())
    .id;
}

/** A prompt of the round of Mon 23 Nov (open until the next Monday), answered or not. */
async function prompt(t: TestDatabase, owner: string, teamKey: string, answered: boolean): Promise<void> {
  await t.db
    .insertInto('checkin_prompts')
    .values({
      team_id: TEAM,
      owner_slack_id: owner,
      round_key: '2026-11-23',
      channel_id: null,
      message_ts: null,
      sent_at: '2026-11-23T10:00:00.000Z',
      answered_at: answered ? '2026-11-23T11:00:00.000Z' : null,
      nudged_at: null,
      created_at: '2026-11-23T10:00:00.000Z',
      team_key: teamKey,
      starts_at: '2026-11-23T10:00:00.000Z',
      ends_at: '2026-11-30T10:00:00.000Z',
      revision: answered ? 1 : 0,
      summary_revision: 0,
    })
    .execute();
}

async function checkin(
  t: TestDatabase,
  c: {
    kr: string;
    owner: string;
    round: string;
    value: number;
    confidence: 'on_track' | 'at_risk';
    blockers?: string;
  },
): Promise<void> {
  await t.db
    .insertInto('checkins')
    .values({
      id: `ci_${c.kr}_${c.round}`,
      team_id: TEAM,
      key_result_id: c.kr,
      owner_slack_id: c.owner,
      round_key: c.round,
      value: c.value,
      confidence: c.confidence,
      changed: null,
      blockers: c.blockers ?? null,
      next_focus: null,
      submitted_at: `${c.round}T11:00:00.000Z`,
      updated_at: `${c.round}T11:00:00.000Z`,
    })
    .execute();
}

async function countQueries(t: TestDatabase, user: string): Promise<number> {
  const counter = new QueryCounter();
  await homeData(t.db.withPlugin(counter), TEAM, user, opts);
  return counter.queries;
}

describe.each(dialectsUnderTest())('the Home tab data (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await importOrgWithThreeKpisForMina(t);
    await record(t, 'time-to-hire', [
      ['2026-08', 50],
      ['2026-09', 47],
      ['2026-10', 41],
    ]);
    await record(t, 'offer-acceptance', [
      ['2026-09', 90],
      ['2026-10', 70],
    ]);
    // hr-sla: no readings yet.
  });
  afterEach(async () => {
    await t.drop();
  });

  it("shows a person's key results with their last check-in and confidence, and their KPIs' state", async () => {
    const tth = await krId(t, 'tth');
    await checkin(t, { kr: tth, owner: MINA, round: '2026-11-16', value: 48, confidence: 'on_track' });
    await checkin(t, { kr: tth, owner: MINA, round: '2026-11-23', value: 45, confidence: 'at_risk' });
    await prompt(t, MINA, 'talent', false);
    const mina = await homeData(t.db, TEAM, MINA, opts);
    expect(mina.kpis.map((k) => [k.key, k.last, k.state])).toEqual([
      ['hr-sla', null, 'no readings yet'],
      ['offer-acceptance', 70, 'out of range'],
      ['time-to-hire', 41, 'in range'],
    ]);
    expect(mina.kpis.find((k) => k.key === 'time-to-hire')?.readings?.map((r) => r.value)).toEqual([
      50, 47, 41,
    ]);
    const first = mina.keyResults[0]!;
    expect([first.text, first.confidence, first.lastCheckin]).toEqual([
      'Reduce engineering time-to-hire from 52 to 30 days by end of Q4',
      'at_risk',
      '2026-11-23',
    ]);
    expect(first.history).toEqual([
      { round: '2026-11-16', value: 48 },
      { round: '2026-11-23', value: 45 },
    ]);
    expect(mina.openRound).toEqual({ key: '2026-11-23', answered: false });
    expect(mina.team).toBeNull();
    // After the round closes there is no Check in button.
    const later = await homeData(t.db, TEAM, MINA, { now: new Date('2026-11-30T10:00:00Z') });
    expect(later.openRound).toBeNull();
  });

  it('a lead sees the team: objectives, who has not checked in this round, open blockers, team KPIs', async () => {
    const tth = await krId(t, 'tth');
    await checkin(t, {
      kr: tth,
      owner: MINA,
      round: '2026-11-23',
      value: 45,
      confidence: 'at_risk',
      blockers: 'Two hiring managers on leave',
    });
    await prompt(t, MINA, 'talent', false);
    await prompt(t, JOON, 'talent', true);
    const joon = await homeData(t.db, TEAM, JOON, opts);
    expect(joon.team?.names).toEqual(['Talent Acquisition']);
    expect(
      joon.team?.objectives.map((o) => [o.text, o.keyResults.map((k) => [k.owner, k.confidence])]),
    ).toEqual([
      [
        'Build a recruiting function that fills engineering roles faster than our competitors',
        [
          ['Mina Park', 'at_risk'],
          ['Mina Park', null],
        ],
      ],
    ]);
    expect(joon.team?.round).toEqual({ key: '2026-11-23', prompted: 2, notAnswered: ['Mina Park'] });
    expect(joon.team?.blockers).toEqual([
      {
        keyResult: 'Reduce engineering time-to-hire from 52 to 30 days by end of Q4',
        owner: 'Mina Park',
        text: 'Two hiring managers on leave',
      },
    ]);
    expect(joon.team?.kpis.map((k) => k.key)).toEqual(['offer-acceptance', 'time-to-hire']);
    const view = JSON.stringify(homeView(joon));
    expect(view).toContain('Not checked in yet: Mina Park');
    expect(view).toContain('Two hiring managers on leave');
  });

  it('reads in a fixed number of queries however many key results, KPIs and people a team has', async () => {
    const mina = await countQueries(t, MINA);
    expect(mina).toBeLessThanOrEqual(12);
    const joon = await countQueries(t, JOON);
    expect(joon).toBeLessThanOrEqual(12);

    const small = await freshDatabase(dialect);
    const big = await freshDatabase(dialect);
    try {
      const shapes: Array<[TestDatabase, BigTeamShape]> = [
        [small, { owners: 2, objectives: 1, keyResultsPerObjective: 2, kpis: 1 }],
        [big, { owners: 30, objectives: 12, keyResultsPerObjective: 5, kpis: 12 }],
      ];
      for (const [db, shape] of shapes) {
        await importBigTeam(db.db, TEAM, shape, NOW);
        for (let i = 0; i < shape.owners; i++) await prompt(db, ownerId(i), 'big', i % 2 === 0);
      }
      expect(await countQueries(big, BIG_LEAD)).toBe(await countQueries(small, BIG_LEAD));
      expect((await homeData(big.db, TEAM, BIG_LEAD, opts)).team?.round?.notAnswered).toHaveLength(15);
    } finally {
      await small.drop();
      await big.drop();
    }
  });

  it('a lead of 60 key results gets a Home tab within 100 blocks that Slack accepts, with every count', async () => {
    await importBigTeam(t.db, TEAM, { owners: 30, objectives: 12, keyResultsPerObjective: 5, kpis: 30 }, NOW);
    for (let i = 0; i < 30; i++) await prompt(t, ownerId(i), 'big', i < 5);
    const data = await homeData(t.db, TEAM, BIG_LEAD, opts);
    expect(data.team?.objectives.flatMap((o) => o.keyResults)).toHaveLength(60);
    const view = homeView({ ...data, isAdmin: true });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view);
    expect(text).toContain('5 key results: 5 without a check-in');
    expect(text).toContain('…and 4 more objectives');
    expect(text).toContain('5 of 30 answered');
    expect(text).toContain('Not checked in yet: Owner 005, Owner 006');
    expect(text).toContain('…and 20 more: `/kpi list`');
    expect(text).toContain('home_show_rollup');
  });

  it('listRecentReadings gives each KPI what listReadings gives it, in one query', async () => {
    const kpis = await listKpis(t.db, TEAM, MINA);
    const counter = new QueryCounter();
    const recent = await listRecentReadings(
      t.db.withPlugin(counter),
      kpis.map((k) => k.id),
      2,
    );
    expect(counter.queries).toBe(1);
    for (const k of kpis) {
      const one = await listReadings(t.db, k.id, 2);
      expect(recent.get(k.id) ?? []).toEqual(one);
    }
    expect(await listRecentReadings(t.db, [], 5)).toEqual(new Map());
  });
});
