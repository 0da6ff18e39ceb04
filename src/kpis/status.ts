import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { TREND_READINGS } from './alert-messages.js';
import { sparkline } from './domain/sparkline.js';
import type { AlertState, Reading } from './domain/types.js';
import { loadKpiBatch } from './evaluation-batch.js';
import type { KpiStatusView } from './slack/views/kpi-status.js';
import { alertState } from './store/alerts.js';
import { getKpiByKey, listKpis } from './store/kpis.js';

/** Readings listed by `/kpi show`. */
export const SHOW_READINGS = 12;

/** Where each KPI stands: last readings, trend, open alerts, and the active OKR that targets it. */
async function statusOf(db: Kysely<Database>, teamId: string, kpiIds: string[]): Promise<KpiStatusView[]> {
  if (kpiIds.length === 0) return [];
  const batch = await loadKpiBatch(db, teamId, kpiIds);
  const krKeys = [...batch.activeOkr.values()].map((l) => l.keyResultId);
  const krTexts = new Map<string, string>();
  if (krKeys.length > 0) {
    for (const kr of await db
      .selectFrom('key_results')
      .select(['id', 'text'])
      .where('id', 'in', krKeys)
      .execute())
      krTexts.set(kr.id, kr.text);
  }
  return batch.kpis
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((kpi) => {
      const readings: Reading[] = batch.readings.get(kpi.id) ?? [];
      const recent = readings.slice(-Math.max(SHOW_READINGS, TREND_READINGS));
      const alerts: AlertState[] = (batch.alerts.get(kpi.id) ?? []).map(alertState);
      const link = batch.activeOkr.get(kpi.key);
      return {
        key: kpi.key,
        name: kpi.name,
        unit: kpi.unit,
        direction: kpi.direction,
        cadence: kpi.cadence,
        range: [kpi.range_low, kpi.range_high],
        alertThreshold: kpi.alert_threshold,
        aspirational: kpi.aspirational,
        ownerId: kpi.owner_slack_id,
        channelId: kpi.channel_id,
        team: kpi.team_key,
        protocol: kpi.protocol,
        readings: recent.slice(-SHOW_READINGS),
        trend: sparkline(recent.slice(-TREND_READINGS).map((r) => r.value)),
        alerts,
        ...(link
          ? { foldedInto: krTexts.get(link.keyResultId) ?? link.keyResultKey ?? link.keyResultId }
          : {}),
      };
    });
}

/** `/kpi list`: the KPIs this person owns. */
export async function ownedKpiStatus(
  db: Kysely<Database>,
  teamId: string,
  ownerId: string,
): Promise<KpiStatusView[]> {
  const kpis = await listKpis(db, teamId, ownerId);
  return statusOf(
    db,
    teamId,
    kpis.map((k) => k.id),
  );
}

/** `/kpi show KEY`. */
export async function kpiStatus(
  db: Kysely<Database>,
  teamId: string,
  key: string,
): Promise<KpiStatusView | undefined> {
  const kpi = await getKpiByKey(db, teamId, key);
  if (!kpi) return undefined;
  return (await statusOf(db, teamId, [kpi.id]))[0];
}
