import type { Kysely, Transaction } from 'kysely';
import { chunks } from '../platform/db/chunks.js';
import type { Database } from '../platform/db/schema.js';
import type { OutgoingMessage } from '../platform/outbox/store.js';
import { channelPostKey, type FollowUp } from './alert-outbox.js';
import { nextQuarterEnd, okrCandidateDraft } from './domain/okr-candidate-draft.js';
import { sparkline } from './domain/sparkline.js';
import type { Reading, RuleName } from './domain/types.js';
import { kpiSpec } from './evaluation-batch.js';
import {
  type AlertGroupView,
  alertChannelMessage,
  alertDmMessage,
  alertThreadReply,
} from './slack/views/kpi-alert-message.js';
import { type AlertRow, alertState, listAlertsInMessages } from './store/alerts.js';
import type { Kpi } from './store/kpis.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Readings in an alert's trend sparkline. */
export const TREND_READINGS = 12;

/** What rendering alert messages needs beyond the alert rows; a batch passes what it already read. */
export interface RenderData {
  kpis: Map<string, Kpi>;
  readings: Map<string, Reading[]>;
  teamChannels: Map<string, string | null>;
}

export function primaryIdOf(groupKey: string): string {
  return groupKey.slice('kpi-alert:'.length);
}

/** Reads the KPIs, recent readings and team channels that `rows` need and `known` lacks. */
export async function completeRenderData(
  db: Db,
  teamId: string,
  rows: AlertRow[],
  known?: Partial<RenderData>,
): Promise<RenderData> {
  const kpis = new Map(known?.kpis ?? []);
  const readings = new Map(known?.readings ?? []);
  const missingKpis = [...new Set(rows.map((r) => r.kpi_id))].filter((id) => !kpis.has(id));
  for (const ids of chunks(missingKpis)) {
    for (const k of await db.selectFrom('kpis').selectAll().where('id', 'in', ids).execute())
      kpis.set(k.id, k);
  }
  const missingReadings = [...new Set(rows.map((r) => r.kpi_id))].filter((id) => !readings.has(id));
  for (const ids of chunks(missingReadings)) {
    const found = await db
      .selectFrom('kpi_readings')
      .select(['kpi_id', 'period', 'value'])
      .where('kpi_id', 'in', ids)
      .orderBy('kpi_id')
      .orderBy('period')
      .execute();
    for (const id of ids) readings.set(id, []);
    for (const r of found) readings.get(r.kpi_id)?.push({ period: r.period, value: Number(r.value) });
  }
  let teamChannels = known?.teamChannels;
  if (!teamChannels) {
    const teams = await db
      .selectFrom('teams')
      .select(['key', 'channel_id'])
      .where('team_id', '=', teamId)
      .execute();
    teamChannels = new Map(teams.map((t) => [t.key, t.channel_id]));
  }
  return { kpis, readings, teamChannels };
}

/** The view of one alert group from its rows (all rows sharing the group key). */
export function groupView(groupKey: string, rows: AlertRow[], data: RenderData): AlertGroupView | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const kpi = data.kpis.get(first.kpi_id);
  if (!kpi) return undefined;
  const readings = data.readings.get(kpi.id) ?? [];
  const recent = readings.slice(-TREND_READINGS);
  const latest = readings.at(-1);
  const alerts = rows.map((r) => {
    const state = alertState(r);
    return { id: r.id, rule: r.rule as RuleName, status: state.status, severity: state.severity, state };
  });
  const view: AlertGroupView = {
    primaryId: primaryIdOf(groupKey),
    kpi: {
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      range: [kpi.range_low, kpi.range_high],
      alertThreshold: kpi.alert_threshold,
      protocol: kpi.protocol,
      ownerId: kpi.owner_slack_id,
    },
    alerts,
    trend: sparkline(recent.map((r) => r.value)),
    readings: recent.map((r) => ({ period: r.period, value: r.value })),
  };
  if (latest) view.latest = { period: latest.period, value: latest.value };
  const candidate = alerts.find((a) => a.rule === 'okr_candidate' && a.status !== 'resolved');
  if (candidate && latest)
    view.draft = okrCandidateDraft(kpiSpec(kpi), latest.value, nextQuarterEnd(latest.period));
  if (rows.some((r) => r.escalated_at !== null)) {
    view.escalatedTo = (kpi.team_key ? data.teamChannels.get(kpi.team_key) : undefined) ?? kpi.channel_id;
  }
  return view;
}

/** Group views of every group in `rows`, by group key, in the order the groups were opened. */
export function groupViews(rows: AlertRow[], data: RenderData): Map<string, AlertGroupView> {
  const byGroup = new Map<string, AlertRow[]>();
  for (const r of rows) {
    if (!r.group_key) continue;
    const list = byGroup.get(r.group_key);
    if (list) list.push(r);
    else byGroup.set(r.group_key, [r]);
  }
  const out = new Map<string, AlertGroupView>();
  for (const [key, list] of byGroup) {
    const view = groupView(key, list, data);
    if (view) out.set(key, view);
  }
  return out;
}

/** The DM's groups, in the order they were listed. */
export function dmGroups(
  dmKey: string,
  rows: AlertRow[],
  views: Map<string, AlertGroupView>,
): AlertGroupView[] {
  const keys: string[] = [];
  for (const r of rows)
    if (r.dm_key === dmKey && r.group_key && !keys.includes(r.group_key)) keys.push(r.group_key);
  return keys.flatMap((k) => {
    const v = views.get(k);
    return v ? [v] : [];
  });
}

export interface RerenderRequest {
  teamId: string;
  /** Groups whose messages changed. */
  groupKeys: string[];
  /** Thread reply per group (posted under the channel post and under each DM listing it). */
  replies: Map<string, string>;
  /** Unique per change (an evaluation or a click): part of the follow-ups' dedupe keys. */
  tag: string;
  /** A message already updated directly (the clicked one): not queued again. */
  skipKeys?: Set<string>;
  data?: Partial<RenderData>;
}

/** Queues `chat.update` of every message showing the groups, and their thread replies. */
export async function rerenderFollowUps(
  db: Db,
  req: RerenderRequest,
): Promise<{ followUps: FollowUp[]; rows: AlertRow[]; data: RenderData }> {
  const first = await listAlertsInMessages(db, req.groupKeys, []);
  const dmKeys = [...new Set(first.flatMap((r) => (r.dm_key ? [r.dm_key] : [])))];
  const rows = dmKeys.length > 0 ? await listAlertsInMessages(db, req.groupKeys, dmKeys) : first;
  const data = await completeRenderData(db, req.teamId, rows, req.data);
  const views = groupViews(rows, data);
  const followUps: FollowUp[] = [];
  const skip = req.skipKeys ?? new Set<string>();
  for (const key of req.groupKeys) {
    const view = views.get(key);
    if (!view) continue;
    const postKey = channelPostKey(key);
    if (!skip.has(postKey)) {
      followUps.push({
        teamId: req.teamId,
        dedupeKey: `${postKey}:update:${req.tag}`,
        kind: 'kpi-alert-update',
        parentKey: postKey,
        mode: 'update',
        payload: alertChannelMessage(view),
      });
    }
    const reply = req.replies.get(key);
    if (reply) {
      followUps.push({
        teamId: req.teamId,
        dedupeKey: `${postKey}:reply:${req.tag}`,
        kind: 'kpi-alert-reply',
        parentKey: postKey,
        mode: 'reply',
        payload: alertThreadReply(reply),
      });
    }
  }
  for (const dmKey of dmKeys) {
    const groups = dmGroups(dmKey, rows, views);
    const touched = groups.filter((g) => req.groupKeys.includes(`kpi-alert:${g.primaryId}`));
    if (touched.length === 0) continue;
    if (!skip.has(dmKey)) {
      followUps.push({
        teamId: req.teamId,
        dedupeKey: `${dmKey}:update:${req.tag}`,
        kind: 'kpi-alert-update',
        parentKey: dmKey,
        mode: 'update',
        payload: alertDmMessage(groups),
      });
    }
    for (const g of touched) {
      const reply = req.replies.get(`kpi-alert:${g.primaryId}`);
      if (!reply) continue;
      followUps.push({
        teamId: req.teamId,
        dedupeKey: `${dmKey}:reply:${req.tag}:${g.primaryId}`,
        kind: 'kpi-alert-reply',
        parentKey: dmKey,
        mode: 'reply',
        payload: alertThreadReply(reply),
      });
    }
  }
  return { followUps, rows, data };
}

/** New alert posts: one per group in its KPI's owner channel, and one DM per owner listing their groups. */
export function newAlertMessages(args: {
  teamId: string;
  groups: Array<{ groupKey: string; channelId: string | null }>;
  dms: Array<{ dmKey: string; ownerId: string; groupKeys: string[] }>;
  views: Map<string, AlertGroupView>;
}): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  for (const dm of args.dms) {
    const groups = dm.groupKeys.flatMap((k) => {
      const v = args.views.get(k);
      return v ? [v] : [];
    });
    if (groups.length === 0) continue;
    out.push({
      teamId: args.teamId,
      dedupeKey: dm.dmKey,
      kind: 'kpi-alert-dm',
      method: 'chat.postMessage',
      target: dm.ownerId,
      payload: alertDmMessage(groups),
    });
  }
  for (const g of args.groups) {
    const view = args.views.get(g.groupKey);
    if (!view || !g.channelId) continue;
    out.push({
      teamId: args.teamId,
      dedupeKey: channelPostKey(g.groupKey),
      kind: 'kpi-alert-post',
      method: 'chat.postMessage',
      target: g.channelId,
      payload: alertChannelMessage(view),
    });
  }
  return out;
}
