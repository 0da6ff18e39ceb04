import type { Kysely, Selectable, Transaction } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { AlertTable, Database } from '../../platform/db/schema.js';
import type { AlertState } from '../domain/types.js';

export type AlertRow = Selectable<AlertTable>;
type Db = Kysely<Database> | Transaction<Database>;

export function alertState(row: Pick<AlertRow, 'state_json'>): AlertState {
  return JSON.parse(row.state_json) as AlertState;
}

/** Open alerts (not resolved) of the given KPIs, or of the whole workspace when `kpiIds` is undefined. */
export async function listOpenAlerts(db: Db, teamId: string, kpiIds?: string[]): Promise<AlertRow[]> {
  const adb = db;
  const base = () =>
    adb.selectFrom('alerts').selectAll().where('team_id', '=', teamId).where('status', '!=', 'resolved');
  if (kpiIds === undefined) return base().orderBy('opened_at').execute();
  const out: AlertRow[] = [];
  for (const ids of chunks(kpiIds))
    out.push(...(await base().where('kpi_id', 'in', ids).orderBy('opened_at').execute()));
  return out;
}

/** Every alert (also resolved ones) shown in the given messages: by group key and by DM key. */
export async function listAlertsInMessages(
  db: Db,
  groupKeys: string[],
  dmKeys: string[],
): Promise<AlertRow[]> {
  const adb = db;
  const byId = new Map<string, AlertRow>();
  for (const keys of chunks(groupKeys)) {
    for (const r of await adb.selectFrom('alerts').selectAll().where('group_key', 'in', keys).execute())
      byId.set(r.id, r);
  }
  for (const keys of chunks(dmKeys)) {
    for (const r of await adb.selectFrom('alerts').selectAll().where('dm_key', 'in', keys).execute())
      byId.set(r.id, r);
  }
  return [...byId.values()].sort(
    (a, b) => a.opened_at.localeCompare(b.opened_at) || a.id.localeCompare(b.id),
  );
}

export async function getAlert(db: Db, teamId: string, id: string): Promise<AlertRow | undefined> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Recent alerts of one KPI, newest first (open ones and the last resolved ones). */
export async function listRecentAlerts(db: Db, kpiId: string, limit = 10): Promise<AlertRow[]> {
  return db
    .selectFrom('alerts')
    .selectAll()
    .where('kpi_id', '=', kpiId)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Inserts new alert rows and overwrites changed ones, many rows per statement (an upsert on the primary
 * key), so a 10,000-KPI evaluation writes in a few dozen statements.
 */
export async function writeAlertRows(db: Db, rows: AlertRow[]): Promise<void> {
  const adb = db;
  for (const part of chunks(rows, 400)) {
    await adb
      .insertInto('alerts')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          severity: eb.ref('excluded.severity'),
          state_json: eb.ref('excluded.state_json'),
          channel_id: eb.ref('excluded.channel_id'),
          channel_ts: eb.ref('excluded.channel_ts'),
          dm_channel_id: eb.ref('excluded.dm_channel_id'),
          dm_ts: eb.ref('excluded.dm_ts'),
          acknowledged_by: eb.ref('excluded.acknowledged_by'),
          acknowledged_at: eb.ref('excluded.acknowledged_at'),
          snoozed_until: eb.ref('excluded.snoozed_until'),
          snooze_reason: eb.ref('excluded.snooze_reason'),
          folded_into_key_result_id: eb.ref('excluded.folded_into_key_result_id'),
          escalated_at: eb.ref('excluded.escalated_at'),
          updated_at: eb.ref('excluded.updated_at'),
          resolved_at: eb.ref('excluded.resolved_at'),
          group_key: eb.ref('excluded.group_key'),
          dm_key: eb.ref('excluded.dm_key'),
        })),
      )
      .execute();
  }
}

/** Copies a detector state into the row's columns (status, acknowledgement, snooze, escalation, resolution). */
export function withState(row: AlertRow, state: AlertState, now: Date, foldedInto: string | null): AlertRow {
  return {
    ...row,
    status: state.status,
    severity: state.severity,
    state_json: JSON.stringify(state),
    acknowledged_by: state.acknowledgedBy ?? null,
    acknowledged_at: state.acknowledgedAt ?? null,
    snoozed_until: state.snoozedUntil ?? null,
    snooze_reason: state.snoozeReason ?? null,
    escalated_at: state.escalatedAt ?? null,
    resolved_at: state.status === 'resolved' ? (state.resolvedAt ?? now.toISOString()) : null,
    folded_into_key_result_id: state.folded
      ? (foldedInto ?? row.folded_into_key_result_id)
      : row.folded_into_key_result_id,
    updated_at: now.toISOString(),
  };
}

/** A new alert row (a new episode of a KPI's rule). */
export function newAlertRow(args: {
  id: string;
  teamId: string;
  kpiId: string;
  state: AlertState;
  now: Date;
  foldedInto: string | null;
}): AlertRow {
  const at = args.now.toISOString();
  const blank: AlertRow = {
    id: args.id,
    team_id: args.teamId,
    kpi_id: args.kpiId,
    rule: args.state.rule,
    status: args.state.status,
    severity: args.state.severity,
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
    opened_at: at,
    updated_at: at,
    resolved_at: null,
    group_key: null,
    dm_key: null,
  };
  return withState(blank, args.state, args.now, args.foldedInto);
}

/** Records where a sent message landed on the alerts it carries (for the alert record and for look-ups). */
export async function recordAlertMessage(
  db: Db,
  key: { groupKey?: string; dmKey?: string },
  where: { channel: string | null; ts: string | null },
): Promise<void> {
  const adb = db;
  if (key.groupKey) {
    await adb
      .updateTable('alerts')
      .set({ channel_id: where.channel, channel_ts: where.ts })
      .where('group_key', '=', key.groupKey)
      .where('channel_ts', 'is', null)
      .execute();
  }
  if (key.dmKey) {
    await adb
      .updateTable('alerts')
      .set({ dm_channel_id: where.channel, dm_ts: where.ts })
      .where('dm_key', '=', key.dmKey)
      .where('dm_ts', 'is', null)
      .execute();
  }
}

/** A KPI alert folded into a key result's check-in: the KPI is what the key result is moving. */
export interface FoldedAlert {
  keyResultId: string;
  kpiName: string;
  severity: string;
  detail: string;
}

/** Open alerts folded into these key results (an active OKR targets their KPI), most urgent first. */
export async function listFoldedAlerts(
  db: Db,
  teamId: string,
  keyResultIds: string[],
): Promise<FoldedAlert[]> {
  const out: FoldedAlert[] = [];
  for (const ids of chunks(keyResultIds)) {
    const rows = await db
      .selectFrom('alerts')
      .innerJoin('kpis', 'kpis.id', 'alerts.kpi_id')
      .select(['alerts.folded_into_key_result_id as kr', 'alerts.severity', 'alerts.state_json', 'kpis.name'])
      .where('alerts.team_id', '=', teamId)
      .where('alerts.folded_into_key_result_id', 'in', ids)
      .where('alerts.status', 'in', ['firing', 'acknowledged', 'snoozed'])
      .execute();
    for (const r of rows) {
      out.push({ keyResultId: r.kr!, kpiName: r.name, severity: r.severity, detail: alertState(r).detail });
    }
  }
  const rank = (s: string) => (s === 'critical' ? 0 : s === 'warning' ? 1 : 2);
  return out.sort((a, b) => rank(a.severity) - rank(b.severity));
}
