import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { recordReadings } from '../../src/kpis/evaluate-and-notify.js';
import { decideBatch, loadKpiBatch } from '../../src/kpis/evaluation-batch.js';
import { validateReadings } from '../../src/kpis/readings.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { ensureWorkspace } from '../../src/people/store.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0SVC';
const NOW = new Date('2026-11-23T08:00:00Z');

class CountQueries implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

async function seed(db: TestDatabase['db']) {
  await ensureWorkspace(db, { teamId: TEAM, name: 'Svc', botUserId: 'UBOT', botId: 'B1' }, NOW);
  const parsed = parseImportFile(sampleOrgText(), await knownIds(db, TEAM));
  if (!parsed.ok) throw new Error('sample org invalid');
  await applyImport(db, TEAM, parsed.file, NOW);
}

async function record(
  db: TestDatabase['db'],
  rows: Array<{ kpi: string; period: string; value: number }>,
  now = NOW,
) {
  const valid = await validateReadings(db, TEAM, rows);
  if (!valid.ok) throw new Error(JSON.stringify(valid.problems));
  return recordReadings(db, TEAM, valid.readings, 'test', now);
}

async function outbox(db: TestDatabase['db']) {
  return db
    .selectFrom('outbox')
    .select(['dedupe_key', 'kind', 'method', 'target', 'status'])
    .orderBy('created_at')
    .orderBy('dedupe_key')
    .execute();
}

describe.each(dialectsUnderTest())('KPI evaluation and alert storage (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seed(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('reads a batch in a handful of queries, however many KPIs it holds', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({
      id: `kpi_bulk_${String(i).padStart(4, '0')}`,
      team_id: TEAM,
      key: `bulk-${i}`,
      name: `Bulk ${i}`,
      unit: null,
      direction: 'higher_is_better' as const,
      owner_slack_id: 'U05PRIYA',
      channel_id: null,
      team_key: null,
      cadence: 'monthly' as const,
      range_low: 10,
      range_high: 20,
      aspirational: null,
      alert_threshold: 5,
      protocol: 'p',
      created_at: NOW.toISOString(),
      updated_at: NOW.toISOString(),
    }));
    for (let i = 0; i < many.length; i += 200)
      await t.db
        .insertInto('kpis')
        .values(many.slice(i, i + 200))
        .execute();
    const counter = new CountQueries();
    const db = t.db.withPlugin(counter) as typeof t.db;
    const small = await loadKpiBatch(
      db,
      TEAM,
      many.slice(0, 10).map((k) => k.id),
    );
    const smallQueries = counter.count;
    counter.count = 0;
    const whole = await loadKpiBatch(db, TEAM);
    expect(small.kpis).toHaveLength(10);
    expect(whole.kpis).toHaveLength(1204);
    expect(smallQueries).toBeLessThanOrEqual(6);
    expect(counter.count).toBeLessThanOrEqual(6);
    counter.count = 0;
    await loadKpiBatch(
      db,
      TEAM,
      many.map((k) => k.id),
    );
    // 1,200 ids: three chunks of 500 for KPIs, readings, alerts and OKR links, and the teams.
    expect(counter.count).toBeLessThanOrEqual(1 + 4 * 3);
  });

  it('one DM per owner for every KPI that alerted in one evaluation, and one channel post per KPI', async () => {
    await t.db
      .updateTable('objectives')
      .set({ status: 'closed', closed_at: NOW.toISOString() })
      .where('key', '=', 'hire-faster')
      .execute();
    const result = await record(t.db, [
      { kpi: 'time-to-hire', period: '2026-09', value: 40 },
      { kpi: 'time-to-hire', period: '2026-10', value: 60 },
      { kpi: 'offer-acceptance', period: '2026-09', value: 90 },
      { kpi: 'offer-acceptance', period: '2026-10', value: 70 },
    ]);
    expect(result.stored).toBe(4);
    const rows = await outbox(t.db);
    expect(rows.filter((r) => r.kind === 'kpi-alert-dm')).toEqual([
      expect.objectContaining({ target: 'U01MINA', method: 'chat.postMessage', status: 'pending' }),
    ]);
    expect(rows.filter((r) => r.kind === 'kpi-alert-post').map((r) => r.target)).toEqual([
      'C0TALENT',
      'C0TALENT',
    ]);
    const alerts = await t.db.selectFrom('alerts').selectAll().where('status', '=', 'firing').execute();
    expect(alerts.map((a) => a.rule)).toEqual(['threshold', 'threshold']);
  });

  it('folds the alerts of a KPI that an active OKR targets: recorded with the key result, nothing queued', async () => {
    const result = await record(t.db, [
      { kpi: 'retention-90', period: '2026-09', value: 90 },
      { kpi: 'retention-90', period: '2026-10', value: 70 },
    ]);
    expect(result.queued).toBe(0);
    expect(result.alerts).toContainEqual(
      expect.objectContaining({
        rule: 'threshold',
        to: 'firing',
        notified: false,
        folded_into_key_result: 'retention-90',
      }),
    );
    expect(result.alerts.every((a) => !a.notified)).toBe(true);
    const kr = await t.db
      .selectFrom('key_results')
      .select('id')
      .where('key', '=', 'retention-90')
      .executeTakeFirstOrThrow();
    const alert = await t.db
      .selectFrom('alerts')
      .selectAll()
      .where('rule', '=', 'threshold')
      .executeTakeFirstOrThrow();
    expect(alert.folded_into_key_result_id).toBe(kr.id);
    expect(await outbox(t.db)).toEqual([]);
  });

  it('re-sending a batch stores and queues nothing; a replaced reading is re-evaluated', async () => {
    const batch = [
      { kpi: 'hr-sla', period: '2026-W46', value: 97 },
      { kpi: 'hr-sla', period: '2026-W47', value: 92 },
    ];
    expect(await record(t.db, batch)).toMatchObject({ stored: 2, queued: 0 });
    expect(await record(t.db, batch)).toEqual({ stored: 0, unchanged: 2, alerts: [], queued: 0 });
    // The W47 value is corrected to below the alert threshold: the replacement fires.
    const corrected = await record(t.db, [{ kpi: 'hr-sla', period: '2026-W47', value: 85 }]);
    expect(corrected).toMatchObject({ stored: 1, unchanged: 0 });
    expect(corrected.alerts).toContainEqual(
      expect.objectContaining({ rule: 'threshold', to: 'firing', notified: true }),
    );
    expect((await outbox(t.db)).map((r) => r.kind).sort()).toEqual(['kpi-alert-dm', 'kpi-alert-post']);
    const stored = await t.db
      .selectFrom('kpi_readings')
      .select(['period', 'value'])
      .orderBy('period')
      .execute();
    expect(stored).toEqual([
      { period: '2026-W46', value: 97 },
      { period: '2026-W47', value: 85 },
    ]);
  });

  it('two batches racing on one KPI raise one alert and one set of messages', async () => {
    await record(t.db, [{ kpi: 'hr-sla', period: '2026-W46', value: 97 }]);
    // Different periods, so that nothing but the KPI lock orders them (a shared reading row would).
    await Promise.all([
      record(t.db, [{ kpi: 'hr-sla', period: '2026-W47', value: 85 }]),
      record(t.db, [{ kpi: 'hr-sla', period: '2026-W48', value: 84 }]),
      record(t.db, [{ kpi: 'hr-sla', period: '2026-W44', value: 83 }]),
    ]);
    const open = await t.db
      .selectFrom('alerts')
      .select(['rule', 'status'])
      .where('rule', '=', 'threshold')
      .execute();
    expect(open).toEqual([{ rule: 'threshold', status: 'firing' }]);
    const posts = (await outbox(t.db)).filter(
      (r) => r.method === 'chat.postMessage' && r.kind !== 'kpi-alert-reply',
    );
    expect(posts.map((r) => r.kind).sort()).toEqual(['kpi-alert-dm', 'kpi-alert-post']);
  });

  it('the detector decides from what the batch read: same input, same decisions', async () => {
    await record(t.db, [
      { kpi: 'hr-sla', period: '2026-W45', value: 97 },
      { kpi: 'hr-sla', period: '2026-W46', value: 93 },
    ]);
    const batch = await loadKpiBatch(t.db, TEAM);
    const a = decideBatch(batch, NOW, 'tick');
    const b = decideBatch(batch, NOW, 'tick');
    expect(a.map((d) => d.result)).toEqual(b.map((d) => d.result));
    expect(a.map((d) => d.kpi.key)).toEqual(['hr-sla']);
    const stale = decideBatch(batch, new Date('2026-12-30T00:00:00Z'), 'tick');
    expect(stale[0]?.result.events).toEqual([
      expect.objectContaining({ rule: 'stale', kind: 'stale', notify: true }),
    ]);
  });
});

describe('validateReadings: a batch is checked whole', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase('sqlite');
    await seed(t.db);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('reports every bad row with its path; accepts dates inside the period', async () => {
    const result = await validateReadings(t.db, TEAM, [
      { kpi: 'hr-sla', period: '2026-11-18', value: 96 },
      { kpi: 'hr-sla', period: '2026-13', value: 96 },
      { kpi: 'nope', period: '2026-10', value: 1 },
      { kpi: 'time-to-hire', period: '2026-10' },
      { kpi: 'time-to-hire', period: '2026-10', value: 40, extra: 1 },
      'not an object',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { row: 3, path: 'readings[3].value', message: 'is required' },
      { row: 4, path: 'readings[4]', message: 'has unknown field(s): extra' },
      { row: 5, path: 'readings[5]', message: expect.any(String) },
      { row: 1, path: 'readings[1].period', message: '"2026-13": month must be 01–12' },
      { row: 2, path: 'readings[2].kpi', message: 'no KPI with key nope in this workspace' },
    ]);
    const good = await validateReadings(t.db, TEAM, [{ kpi: 'hr-sla', period: '2026-11-18', value: 96 }]);
    expect(good.ok && good.readings[0]?.period).toBe('2026-W47');
  });
});
