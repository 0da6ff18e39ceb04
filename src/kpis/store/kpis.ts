import type { Kysely, Selectable } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database, KpiReadingTable, KpiTable } from '../../platform/db/schema.js';

export type Kpi = Selectable<KpiTable>;
export type KpiReading = Selectable<KpiReadingTable>;

export async function getKpiByKey(
  db: Kysely<Database>,
  teamId: string,
  key: string,
): Promise<Kpi | undefined> {
  return db
    .selectFrom('kpis')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function listKpis(db: Kysely<Database>, teamId: string, ownerSlackId?: string): Promise<Kpi[]> {
  let q = db.selectFrom('kpis').selectAll().where('team_id', '=', teamId);
  if (ownerSlackId) q = q.where('owner_slack_id', '=', ownerSlackId);
  return q.orderBy('key').execute();
}

/** One reading per KPI and period: a second one replaces the first. Returns whether the value changed. */
export async function upsertReading(
  db: Kysely<Database>,
  r: { teamId: string; kpiId: string; period: string; value: number; source: string },
  now: Date,
): Promise<{ changed: boolean }> {
  const existing = await db
    .selectFrom('kpi_readings')
    .select('value')
    .where('kpi_id', '=', r.kpiId)
    .where('period', '=', r.period)
    .executeTakeFirst();
  if (existing && existing.value === r.value) return { changed: false };
  await db
    .insertInto('kpi_readings')
    .values({
      team_id: r.teamId,
      kpi_id: r.kpiId,
      period: r.period,
      value: r.value,
      source: r.source,
      recorded_at: now.toISOString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['kpi_id', 'period'])
        .doUpdateSet({ value: r.value, source: r.source, recorded_at: now.toISOString() }),
    )
    .execute();
  return { changed: true };
}

export async function listReadings(db: Kysely<Database>, kpiId: string, limit = 60): Promise<KpiReading[]> {
  const rows = await db
    .selectFrom('kpi_readings')
    .selectAll()
    .where('kpi_id', '=', kpiId)
    .orderBy('period', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/**
 * The last `perKpi` readings of each KPI, read in one query per chunk of ids (a window function, on SQLite
 * and Postgres alike), oldest first per KPI, as `listReadings` returns them. KPIs without readings are absent.
 */
export async function listRecentReadings(
  db: Kysely<Database>,
  kpiIds: readonly string[],
  perKpi: number,
): Promise<Map<string, KpiReading[]>> {
  const byKpi = new Map<string, KpiReading[]>();
  for (const chunk of chunks([...new Set(kpiIds)])) {
    const ranked = db
      .selectFrom('kpi_readings')
      .selectAll()
      .select((eb) =>
        eb.fn
          .agg<number>('row_number')
          .over((ob) => ob.partitionBy('kpi_id').orderBy('period', 'desc'))
          .as('recent_rank'),
      )
      .where('kpi_id', 'in', chunk);
    const rows = await db
      .selectFrom(ranked.as('r'))
      .select(['team_id', 'kpi_id', 'period', 'value', 'source', 'recorded_at'])
      .where('recent_rank', '<=', perKpi)
      .orderBy('kpi_id')
      .orderBy('period')
      .execute();
    for (const row of rows) {
      const list = byKpi.get(row.kpi_id) ?? [];
      list.push(row);
      byKpi.set(row.kpi_id, list);
    }
  }
  return byKpi;
}
