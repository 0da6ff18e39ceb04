import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { homeData } from '../../src/home/home-data.js';
import { homeView } from '../../src/home/slack/views/home-view.js';
import { listKpis, listReadings, listRecentReadings } from '../../src/kpis/index.js';
import { upsertReading } from '../../src/kpis/store/kpis.js';
import { activeKeyResultsOf } from '../../src/okrs/index.js';
import { getPerson, parseImportFile } from '../../src/people/index.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0HOME';
const MINA = 'U01MINA';
const NOW = new Date('2026-11-23T00:00:00Z');

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

/** What the Home tab was built from before: one readings query per KPI. The reference for "unchanged". */
async function homeDataOneKpiAtATime(t: TestDatabase, userId: string) {
  const person = await getPerson(t.db, TEAM, userId);
  const krs = (await activeKeyResultsOf(t.db, TEAM, [userId])).get(userId) ?? [];
  const kpis = await listKpis(t.db, TEAM, userId);
  const rows = [];
  for (const k of kpis) {
    const last = (await listReadings(t.db, k.id, 1)).at(-1)?.value ?? null;
    const inRange = last !== null && last >= k.range_low && last <= k.range_high;
    rows.push({
      key: k.key,
      name: k.name,
      unit: k.unit,
      range: [k.range_low, k.range_high] as [number, number],
      last,
      state: last === null ? 'no readings yet' : inRange ? 'in range' : 'out of range',
    });
  }
  return {
    name: person?.name ?? 'there',
    pausedUntil: person?.paused_until ?? null,
    keyResults: krs.map((kr) => ({
      text: kr.text,
      objective: kr.objective_text,
      baseline: kr.baseline,
      current: kr.current,
      target: kr.target,
      unit: kr.unit,
    })),
    kpis: rows,
  };
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

  it('reads a person with three KPIs in a fixed number of queries, not one per KPI', async () => {
    const counter = new QueryCounter();
    const data = await homeData(t.db.withPlugin(counter), TEAM, MINA);
    expect(data.kpis).toHaveLength(3);
    // person, key results, KPIs, and the latest readings of all three KPIs at once.
    expect(counter.queries).toBeLessThanOrEqual(4);

    // The counter sees per-KPI reads: reading each KPI on its own takes two more queries here.
    const perKpi = new QueryCounter();
    await homeDataOneKpiAtATime({ ...t, db: t.db.withPlugin(perKpi) }, MINA);
    expect(perKpi.queries).toBe(6);

    const none = new QueryCounter();
    await homeData(t.db.withPlugin(none), TEAM, 'U09NOBODY');
    expect(counter.queries).toBeLessThanOrEqual(none.queries + 1);
  });

  it('shows the same Home tab as reading each KPI on its own', async () => {
    for (const user of [MINA, 'U03DANA', 'U02JOON', 'U09NOBODY']) {
      const data = await homeData(t.db, TEAM, user);
      expect(data).toEqual(await homeDataOneKpiAtATime(t, user));
      expect(homeView(data)).toEqual(homeView(await homeDataOneKpiAtATime(t, user)));
    }
    const mina = await homeData(t.db, TEAM, MINA);
    expect(mina.kpis.map((k) => [k.key, k.last, k.state])).toEqual([
      ['hr-sla', null, 'no readings yet'],
      ['offer-acceptance', 70, 'out of range'],
      ['time-to-hire', 41, 'in range'],
    ]);
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
