// What `okrbot export` reads: one quarter of one workspace, across features (objectives and key results,
// check-ins, KPI readings, alerts), straight from the platform database. Rows come out in the documented
// columns (columns.ts), in a stable order.

import type { Kysely } from 'kysely';
import { periodOf, periodStart } from '../../kpis/index.js';
import {
  formatQuarter,
  nextQuarter,
  type Quarter,
  quarterEndDate,
  quarterStartDate,
} from '../../okrs/index.js';
import type { Database } from '../../platform/db/schema.js';
import { columnNames, type ExportRow, type ExportTable } from './columns.js';

export interface ExportData {
  quarter: string;
  workspace: { team_id: string; name: string | null };
  exported_at: string;
  tables: { [T in ExportTable]: ExportRow<T>[] };
}

const DAY_MS = 86_400_000;

/**
 * The KPI periods of a quarter: its three months (`2026-10`…) and the ISO weeks whose Thursday falls in it
 * (`2026-W40`…), the ISO rule that gives each week to the year (here: the quarter) holding most of its days.
 */
export function quarterPeriods(quarter: Quarter): { months: string[]; weeks: string[] } {
  const months = [0, 1, 2].map(
    (i) => `${quarter.year}-${String((quarter.q - 1) * 3 + 1 + i).padStart(2, '0')}`,
  );
  const weeks: string[] = [];
  const start = Date.parse(`${quarterStartDate(quarter)}T00:00:00Z`);
  const end = Date.parse(`${quarterEndDate(quarter)}T00:00:00Z`);
  for (let t = start; t <= end; t += DAY_MS) {
    const day = new Date(t);
    if (day.getUTCDay() === 4) weeks.push(periodOf(day, 'weekly'));
  }
  return { months, weeks };
}

/** The instants a quarter spans, UTC: `[start, next quarter's start)`. */
function quarterSpan(quarter: Quarter): { from: string; to: string } {
  return {
    from: `${quarterStartDate(quarter)}T00:00:00.000Z`,
    to: `${quarterStartDate(nextQuarter(quarter))}T00:00:00.000Z`,
  };
}

/** The row's values in the table's column order, every column present (null when missing). */
function inColumns<T extends ExportTable>(
  table: T,
  values: Record<string, string | number | null | undefined>,
) {
  const row: Record<string, string | number | null> = {};
  for (const name of columnNames(table)) row[name] = values[name] ?? null;
  return row as ExportRow<T>;
}

function parseState(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const textOf = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const numberOf = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

type Db = Kysely<Database>;
type NameOf = (id: string | null | undefined) => string | null;
type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

/** The workspace's row, and a lookup of people's names by Slack id (null when unknown). */
async function readWorkspaceAndNames(db: Db, teamId: string) {
  const [workspace, people] = await Promise.all([
    db.selectFrom('workspaces').select(['team_id', 'name']).where('team_id', '=', teamId).executeTakeFirst(),
    db.selectFrom('people').select(['slack_id', 'name']).where('team_id', '=', teamId).execute(),
  ]);
  const names = new Map(people.map((p) => [p.slack_id, p.name]));
  const nameOf: NameOf = (id) => (id ? (names.get(id) ?? null) : null);
  return { workspace, nameOf };
}

function readObjectives(db: Db, teamId: string, quarterKey: string) {
  return db
    .selectFrom('objectives')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('quarter', '=', quarterKey)
    .orderBy('team_key')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

type ObjectiveRow = Rows<typeof readObjectives>[number];

/** The objectives' key results, in objective order, then by position. */
async function readKeyResults(db: Db, teamId: string, objectives: ObjectiveRow[]) {
  const objectiveOrder = new Map(objectives.map((o, i) => [o.id, i]));
  const keyResults =
    objectives.length === 0
      ? []
      : await db
          .selectFrom('key_results')
          .selectAll()
          .where('team_id', '=', teamId)
          .where(
            'objective_id',
            'in',
            objectives.map((o) => o.id),
          )
          .execute();
  keyResults.sort(
    (a, b) =>
      (objectiveOrder.get(a.objective_id) ?? 0) - (objectiveOrder.get(b.objective_id) ?? 0) ||
      a.position - b.position ||
      a.id.localeCompare(b.id),
  );
  return keyResults;
}

function readCheckins(db: Db, teamId: string, quarter: Quarter) {
  return db
    .selectFrom('checkins')
    .leftJoin('key_results', 'key_results.id', 'checkins.key_result_id')
    .select([
      'checkins.id',
      'checkins.round_key',
      'checkins.key_result_id',
      'key_results.key as key_result_key',
      'key_results.objective_id',
      'checkins.owner_slack_id',
      'checkins.value',
      'checkins.confidence',
      'checkins.changed',
      'checkins.blockers',
      'checkins.next_focus',
      'checkins.submitted_at',
      'checkins.updated_at',
    ])
    .where('checkins.team_id', '=', teamId)
    .where('checkins.round_key', '>=', quarterStartDate(quarter))
    .where('checkins.round_key', '<=', quarterEndDate(quarter))
    .orderBy('checkins.round_key')
    .orderBy('checkins.owner_slack_id')
    .orderBy('checkins.key_result_id')
    .orderBy('checkins.id')
    .execute();
}

function readKpiReadings(db: Db, teamId: string, quarter: Quarter) {
  const { months, weeks } = quarterPeriods(quarter);
  return db
    .selectFrom('kpi_readings')
    .innerJoin('kpis', 'kpis.id', 'kpi_readings.kpi_id')
    .select([
      'kpis.key as kpi_key',
      'kpis.name as kpi_name',
      'kpis.unit',
      'kpis.cadence',
      'kpis.range_low',
      'kpis.range_high',
      'kpis.alert_threshold',
      'kpi_readings.period',
      'kpi_readings.value',
      'kpi_readings.source',
      'kpi_readings.recorded_at',
    ])
    .where('kpi_readings.team_id', '=', teamId)
    .where('kpi_readings.period', 'in', [...months, ...weeks])
    .orderBy('kpis.key')
    .orderBy('kpi_readings.period')
    .execute();
}

function readAlerts(db: Db, teamId: string, quarter: Quarter) {
  const span = quarterSpan(quarter);
  return db
    .selectFrom('alerts')
    .innerJoin('kpis', 'kpis.id', 'alerts.kpi_id')
    .selectAll('alerts')
    .select(['kpis.key as kpi_key', 'kpis.name as kpi_name'])
    .where('alerts.team_id', '=', teamId)
    .where('alerts.opened_at', '<', span.to)
    .where((eb) => eb.or([eb('alerts.resolved_at', 'is', null), eb('alerts.resolved_at', '>=', span.from)]))
    .orderBy('alerts.opened_at')
    .orderBy('alerts.id')
    .execute();
}

function objectiveRow(o: ObjectiveRow, nameOf: NameOf): ExportRow<'objectives'> {
  return inColumns('objectives', {
    objective_id: o.id,
    objective_key: o.key,
    quarter: o.quarter,
    team_key: o.team_key,
    type: o.type,
    status: o.status,
    owner_slack_id: o.owner_slack_id,
    owner_name: nameOf(o.owner_slack_id),
    text: o.text,
    created_at: o.created_at,
    updated_at: o.updated_at,
    closed_at: o.closed_at,
  });
}

function keyResultRow(
  k: Rows<typeof readKeyResults>[number],
  objectiveKeys: Map<string, string | null>,
  nameOf: NameOf,
): ExportRow<'key_results'> {
  return inColumns('key_results', {
    key_result_id: k.id,
    key_result_key: k.key,
    objective_id: k.objective_id,
    objective_key: objectiveKeys.get(k.objective_id) ?? null,
    position: k.position,
    text: k.text,
    owner_slack_id: k.owner_slack_id,
    owner_name: nameOf(k.owner_slack_id),
    baseline: k.baseline,
    target: k.target,
    current: k.current,
    unit: k.unit,
    direction: k.direction,
    due_date: k.due_date,
    kpi_key: k.kpi_key,
  });
}

function checkinRow(c: Rows<typeof readCheckins>[number], nameOf: NameOf): ExportRow<'checkins'> {
  return inColumns('checkins', {
    checkin_id: c.id,
    round_key: c.round_key,
    key_result_id: c.key_result_id,
    key_result_key: c.key_result_key,
    objective_id: c.objective_id,
    owner_slack_id: c.owner_slack_id,
    owner_name: nameOf(c.owner_slack_id),
    value: c.value,
    confidence: c.confidence,
    changed: c.changed,
    blockers: c.blockers,
    next_focus: c.next_focus,
    submitted_at: c.submitted_at,
    updated_at: c.updated_at,
  });
}

function kpiReadingRow(r: Rows<typeof readKpiReadings>[number]): ExportRow<'kpi_readings'> {
  return inColumns('kpi_readings', {
    kpi_key: r.kpi_key,
    kpi_name: r.kpi_name,
    unit: r.unit,
    cadence: r.cadence,
    period: r.period,
    period_start: periodStart(r.period).toISOString().slice(0, 10),
    value: r.value,
    source: r.source,
    recorded_at: r.recorded_at,
    range_low: r.range_low,
    range_high: r.range_high,
    alert_threshold: r.alert_threshold,
  });
}

function alertRow(a: Rows<typeof readAlerts>[number], nameOf: NameOf): ExportRow<'alerts'> {
  const state = parseState(a.state_json);
  const snoozedBy = textOf(state.snoozedBy);
  return inColumns('alerts', {
    alert_id: a.id,
    kpi_key: a.kpi_key,
    kpi_name: a.kpi_name,
    rule: a.rule,
    severity: a.severity,
    status: a.status,
    detail: textOf(state.detail),
    since_period: textOf(state.since),
    last_period: textOf(state.lastPeriod),
    last_value: numberOf(state.lastValue),
    opened_at: a.opened_at,
    updated_at: a.updated_at,
    resolved_at: a.resolved_at,
    acknowledged_by: a.acknowledged_by,
    acknowledged_by_name: nameOf(a.acknowledged_by),
    acknowledged_at: a.acknowledged_at,
    snoozed_by: snoozedBy,
    snoozed_by_name: nameOf(snoozedBy),
    snoozed_until: a.snoozed_until,
    snooze_reason: a.snooze_reason,
    escalated_at: a.escalated_at,
    folded_into_key_result_id: a.folded_into_key_result_id,
  });
}

/**
 * One quarter of one workspace, for export:
 * - objectives of the quarter, and their key results;
 * - check-ins whose round (`round_key`, a date) falls in the quarter, for any key result of the workspace;
 * - KPI readings whose period lies in the quarter (see `quarterPeriods`);
 * - alerts open at any time during the quarter (opened before its end, not resolved before its start, UTC),
 *   with who acknowledged or snoozed them and why.
 */
export async function readExport(
  db: Kysely<Database>,
  teamId: string,
  quarter: Quarter,
  now: Date,
): Promise<ExportData> {
  const quarterKey = formatQuarter(quarter);
  const { workspace, nameOf } = await readWorkspaceAndNames(db, teamId);
  const objectives = await readObjectives(db, teamId, quarterKey);
  const objectiveKeys = new Map(objectives.map((o) => [o.id, o.key]));
  const keyResults = await readKeyResults(db, teamId, objectives);
  const checkins = await readCheckins(db, teamId, quarter);
  const readings = await readKpiReadings(db, teamId, quarter);
  const alerts = await readAlerts(db, teamId, quarter);
  const tables: ExportData['tables'] = {
    objectives: objectives.map((o) => objectiveRow(o, nameOf)),
    key_results: keyResults.map((k) => keyResultRow(k, objectiveKeys, nameOf)),
    checkins: checkins.map((c) => checkinRow(c, nameOf)),
    kpi_readings: readings.map(kpiReadingRow),
    alerts: alerts.map((a) => alertRow(a, nameOf)),
  };
  return {
    quarter: quarterKey,
    workspace: { team_id: teamId, name: workspace?.name ?? null },
    exported_at: now.toISOString(),
    tables,
  };
}
