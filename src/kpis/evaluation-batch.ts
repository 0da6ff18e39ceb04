import { type Kysely, PostgresAdapter, type Transaction } from 'kysely';
import { chunks } from '../platform/db/chunks.js';
import type { Database } from '../platform/db/schema.js';
import { evaluateKpi } from './domain/detect.js';
import type { ClosedOkr, EvaluationResult, KpiSpec, Reading } from './domain/types.js';
import { type AlertRow, alertState, listOpenAlerts } from './store/alerts.js';
import type { Kpi } from './store/kpis.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Days an unacknowledged critical alert waits before it is escalated, once, to the team channel. */
export const ESCALATE_AFTER_DAYS = 3;

/** The key result of an active OKR that targets a KPI: the KPI's alerts fold into its check-in. */
export interface ActiveKeyResultLink {
  keyResultId: string;
  keyResultKey: string | null;
  objectiveId: string;
}

/** Everything the detector needs for a set of KPIs, read in a handful of queries (not per KPI). */
export interface KpiBatch {
  teamId: string;
  kpis: Kpi[];
  /** Sorted by period, oldest first. */
  readings: Map<string, Reading[]>;
  /** Open (not resolved) alert rows per KPI id. */
  alerts: Map<string, AlertRow[]>;
  /** By KPI key. */
  activeOkr: Map<string, ActiveKeyResultLink>;
  /** By KPI key: the last closed OKR on it, for the post-OKR regression check. */
  closedOkr: Map<string, ClosedOkr>;
  /** Team key → team channel (escalations). */
  teamChannels: Map<string, string | null>;
}

export interface KpiDecision {
  kpi: Kpi;
  spec: KpiSpec;
  readings: Reading[];
  before: AlertRow[];
  result: EvaluationResult;
  activeOkr?: ActiveKeyResultLink;
}

export function kpiSpec(kpi: Kpi): KpiSpec {
  const spec: KpiSpec = {
    key: kpi.key,
    name: kpi.name,
    direction: kpi.direction,
    cadence: kpi.cadence,
    range: [kpi.range_low, kpi.range_high],
    alertThreshold: kpi.alert_threshold,
    responseProtocol: kpi.protocol,
  };
  if (kpi.unit) spec.unit = kpi.unit;
  if (kpi.aspirational !== null) spec.aspirational = kpi.aspirational;
  return spec;
}

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Serialises evaluations of the same KPIs: inside a transaction, Postgres row locks on the KPIs (in id
 * order, so two batches never deadlock); SQLite runs one write transaction at a time already.
 */
export async function lockKpis(trx: Transaction<Database>, teamId: string, kpiIds?: string[]): Promise<void> {
  if (!isPostgres(trx)) return;
  if (kpiIds === undefined) {
    await trx
      .selectFrom('kpis')
      .select('id')
      .where('team_id', '=', teamId)
      .orderBy('id')
      .forUpdate()
      .execute();
    return;
  }
  for (const ids of chunks([...kpiIds].sort())) {
    await trx.selectFrom('kpis').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  }
}

/** Reads the KPIs (all of the workspace's when `kpiIds` is undefined), their readings, open alerts and OKR links. */
export async function loadKpiBatch(db: Db, teamId: string, kpiIds?: string[]): Promise<KpiBatch> {
  const kpis: Kpi[] = [];
  const readings = new Map<string, Reading[]>();
  if (kpiIds === undefined) {
    kpis.push(
      ...(await db
        .selectFrom('kpis')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('retired_at', 'is', null)
        .orderBy('key')
        .execute()),
    );
    const rows = await db
      .selectFrom('kpi_readings')
      .select(['kpi_id', 'period', 'value'])
      .where('team_id', '=', teamId)
      .orderBy('kpi_id')
      .orderBy('period')
      .execute();
    groupReadings(rows, readings);
  } else {
    for (const ids of chunks(kpiIds)) {
      kpis.push(
        ...(await db
          .selectFrom('kpis')
          .selectAll()
          .where('team_id', '=', teamId)
          .where('retired_at', 'is', null)
          .where('id', 'in', ids)
          .execute()),
      );
      const rows = await db
        .selectFrom('kpi_readings')
        .select(['kpi_id', 'period', 'value'])
        .where('kpi_id', 'in', ids)
        .orderBy('kpi_id')
        .orderBy('period')
        .execute();
      groupReadings(rows, readings);
    }
  }
  const alerts = new Map<string, AlertRow[]>();
  for (const row of await listOpenAlerts(db, teamId, kpiIds)) {
    const list = alerts.get(row.kpi_id);
    if (list) list.push(row);
    else alerts.set(row.kpi_id, [row]);
  }
  const { active, closed } = await loadOkrLinks(
    db,
    teamId,
    kpiIds === undefined ? undefined : kpis.map((k) => k.key),
  );
  const teams = await db
    .selectFrom('teams')
    .select(['key', 'channel_id'])
    .where('team_id', '=', teamId)
    .execute();
  return {
    teamId,
    kpis,
    readings,
    alerts,
    activeOkr: active,
    closedOkr: closed,
    teamChannels: new Map(teams.map((t) => [t.key, t.channel_id])),
  };
}

/** Groups rows sorted by KPI into readings per KPI. The rows are the readings (no copy of 600,000 rows). */
function groupReadings(
  rows: Array<{ kpi_id: string; period: string; value: number }>,
  into: Map<string, Reading[]>,
): void {
  let currentId: string | undefined;
  let list: Reading[] = [];
  for (const r of rows) {
    if (r.kpi_id !== currentId) {
      currentId = r.kpi_id;
      list = into.get(currentId) ?? [];
      into.set(currentId, list);
    }
    if (typeof r.value !== 'number') r.value = Number(r.value);
    list.push(r);
  }
}

/** Key results that name a KPI: active objectives fold alerts; the last closed one is watched for regression. */
async function loadOkrLinks(
  db: Db,
  teamId: string,
  kpiKeys?: string[],
): Promise<{ active: Map<string, ActiveKeyResultLink>; closed: Map<string, ClosedOkr> }> {
  const query = () =>
    db
      .selectFrom('key_results as kr')
      .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
      .select([
        'kr.id as kr_id',
        'kr.key as kr_key',
        'kr.kpi_key',
        'kr.baseline',
        'kr.current',
        'o.id as objective_id',
        'o.status',
        'o.closed_at',
        'o.updated_at',
      ])
      .where('kr.team_id', '=', teamId)
      .where('kr.kpi_key', 'is not', null)
      .orderBy('o.created_at')
      .orderBy('kr.position');
  const rows = [];
  if (kpiKeys === undefined) rows.push(...(await query().execute()));
  else
    for (const keys of chunks(kpiKeys))
      rows.push(...(await query().where('kr.kpi_key', 'in', keys).execute()));
  const active = new Map<string, ActiveKeyResultLink>();
  const closed = new Map<string, ClosedOkr & { at: string }>();
  for (const r of rows) {
    const key = r.kpi_key as string;
    if (r.status === 'active') {
      if (!active.has(key))
        active.set(key, { keyResultId: r.kr_id, keyResultKey: r.kr_key, objectiveId: r.objective_id });
    } else if (r.status === 'closed' && r.baseline !== null && r.current !== null) {
      const at = r.closed_at ?? r.updated_at;
      const prev = closed.get(key);
      if (!prev || prev.at < at) {
        closed.set(key, {
          baseline: Number(r.baseline),
          endValue: Number(r.current),
          closedPeriod: at.slice(0, 10),
          at,
        });
      }
    }
  }
  const closedOkr = new Map<string, ClosedOkr>();
  for (const [key, { at: _at, ...okr }] of closed) closedOkr.set(key, okr);
  return { active, closed: closedOkr };
}

/**
 * Runs the detector for every KPI of the batch that has readings. Pure given the batch: `trigger` undefined
 * lets the detector tell a new or replaced reading from a re-run; `tick` is a scheduled check.
 */
export function decideBatch(batch: KpiBatch, now: Date, trigger?: 'reading' | 'tick'): KpiDecision[] {
  const out: KpiDecision[] = [];
  for (const kpi of batch.kpis) {
    const readings = batch.readings.get(kpi.id);
    if (!readings || readings.length === 0) continue;
    const before = batch.alerts.get(kpi.id) ?? [];
    const spec = kpiSpec(kpi);
    const activeOkr = batch.activeOkr.get(kpi.key);
    const closedOkr = activeOkr ? undefined : batch.closedOkr.get(kpi.key);
    const result = evaluateKpi({
      spec,
      readings,
      states: before.map(alertState),
      now,
      activeOkrTargetsKpi: activeOkr !== undefined,
      ...(closedOkr ? { closedOkr } : {}),
      ...(trigger ? { trigger } : {}),
      escalateAfterDays: ESCALATE_AFTER_DAYS,
    });
    out.push({ kpi, spec, readings, before, result, ...(activeOkr ? { activeOkr } : {}) });
  }
  return out;
}
