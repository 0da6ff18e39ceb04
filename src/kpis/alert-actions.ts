import type { KnownBlock } from '@slack/types';
import type { Transaction } from 'kysely';
import { actorFor, authorize } from '../people/index.js';
import { recordAudit } from '../platform/audit/audit-log.js';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/db/ids.js';
import type { Database } from '../platform/db/schema.js';
import { completeRenderData, dmGroups, groupView, groupViews, rerenderFollowUps } from './alert-messages.js';
import { channelPostKey, enqueueFollowUps, kickAlertSending, supersedeUpdates } from './alert-outbox.js';
import { acknowledge, isActive, oneWeekFrom, snooze } from './domain/lifecycle.js';
import type { AlertState, RuleName } from './domain/types.js';
import { ESCALATE_AFTER_DAYS, lockKpis } from './evaluation-batch.js';
import {
  type AlertSurface,
  alertChannelMessage,
  alertDmMessage,
  alertEscalationMessage,
} from './slack/views/kpi-alert-message.js';
import {
  type AlertRow,
  alertState,
  getAlert,
  listAlertsInMessages,
  listOpenAlerts,
  withState,
  writeAlertRows,
} from './store/alerts.js';

export type AlertActionOutcome = 'done' | 'already' | 'resolved' | 'not_found' | 'refused';

export interface AlertActionResult {
  outcome: AlertActionOutcome;
  kpiName?: string;
  /** Who acknowledged or snoozed it before, when `already`. */
  by?: string;
  /** Why this person may not do it, naming who can (`refused`). */
  refusal?: string;
  /** The clicked message, rendered again with the new state (the listener updates it directly). */
  clicked?: { text: string; blocks: KnownBlock[] };
}

/** The copy of the group's message that was clicked, rendered from the current rows. */
async function renderClicked(
  trx: Transaction<Database>,
  teamId: string,
  row: AlertRow,
  surface: AlertSurface,
): Promise<{ text: string; blocks: KnownBlock[] } | undefined> {
  if (!row.group_key) return undefined;
  const rows = await listAlertsInMessages(
    trx,
    [row.group_key],
    surface === 'dm' && row.dm_key ? [row.dm_key] : [],
  );
  const data = await completeRenderData(trx, teamId, rows);
  if (surface === 'dm' && row.dm_key)
    return alertDmMessage(dmGroups(row.dm_key, rows, groupViews(rows, data)));
  const view = groupView(
    row.group_key,
    rows.filter((r) => r.group_key === row.group_key),
    data,
  );
  if (!view) return undefined;
  return surface === 'escalation'
    ? alertEscalationMessage(view, ESCALATE_AFTER_DAYS)
    : alertChannelMessage(view);
}

function clickedKey(row: AlertRow, surface: AlertSurface): string | undefined {
  if (!row.group_key) return undefined;
  if (surface === 'dm') return row.dm_key ?? undefined;
  if (surface === 'channel') return channelPostKey(row.group_key);
  return undefined;
}

/** What a button does: which live alerts it changes, how, who did it before, and who is doing it now. */
interface AlertChangeSpec {
  pick: (s: AlertState) => boolean;
  change: (s: AlertState) => AlertState;
  previousBy: (rows: AlertRow[]) => string | undefined;
  who: { userId: string; action: 'alert.acknowledge' | 'alert.snooze'; detail?: Record<string, unknown> };
}

type ChangeResult = AlertActionResult & { queued?: boolean };

/** The alert's KPI with its team's lead, for the permission check and the audit subject. */
function loadAlertKpi(trx: Transaction<Database>, kpiId: string) {
  return trx
    .selectFrom('kpis')
    .leftJoin('teams', (j) =>
      j.onRef('teams.team_id', '=', 'kpis.team_id').onRef('teams.key', '=', 'kpis.team_key'),
    )
    .select([
      'kpis.name',
      'kpis.key',
      'kpis.owner_slack_id',
      'kpis.team_key',
      'teams.lead_slack_id',
      'teams.name as team_name',
    ])
    .where('kpis.id', '=', kpiId)
    .executeTakeFirst();
}

type AlertKpi = Awaited<ReturnType<typeof loadAlertKpi>>;

/** Whether this person may respond to the KPI's alerts (owner, team lead or admin). */
async function authorizeResponse(
  ctx: AppContext,
  trx: Transaction<Database>,
  teamId: string,
  userId: string,
  kpi: AlertKpi,
  kpiName: string,
) {
  return authorize('alert.respond', await actorFor(trx, teamId, userId, ctx.config.adminIds), {
    kpiOwner: kpi?.owner_slack_id ?? null,
    teamKey: kpi?.team_key ?? null,
    teamLead: kpi?.lead_slack_id ?? null,
    teamName: kpi?.team_name ?? null,
    what: `${kpiName}'s alerts`,
  });
}

/** Writes the changed alerts and the audit entry. */
async function writeChange(
  trx: Transaction<Database>,
  teamId: string,
  now: Date,
  subject: string,
  targets: AlertRow[],
  changed: AlertRow[],
  who: AlertChangeSpec['who'],
): Promise<void> {
  await writeAlertRows(trx, changed);
  await recordAudit(trx, {
    teamId,
    at: now,
    actor: who.userId,
    action: who.action,
    subject,
    before: targets.map((r) => ({ alert: r.id, rule: r.rule, status: r.status })),
    after: { status: who.action === 'alert.acknowledge' ? 'acknowledged' : 'snoozed', ...who.detail },
  });
}

/**
 * Queues updates of every message showing the changed alerts except the clicked one, which it renders
 * for the listener to update directly.
 */
async function refreshMessages(
  trx: Transaction<Database>,
  teamId: string,
  row: AlertRow,
  changed: AlertRow[],
  surface: AlertSurface,
  now: Date,
): Promise<{ clicked?: { text: string; blocks: KnownBlock[] }; queued: boolean }> {
  const groupKeys = [
    ...new Set([row.group_key, ...changed.map((r) => r.group_key)].filter((k): k is string => k !== null)),
  ];
  const skip = clickedKey(row, surface);
  if (skip) await supersedeUpdates(trx, skip, now);
  const rendered = await rerenderFollowUps(trx, {
    teamId,
    groupKeys,
    replies: new Map(),
    tag: newId('act'),
    ...(skip ? { skipKeys: new Set([skip]) } : {}),
  });
  await enqueueFollowUps(trx, rendered.followUps, now);
  const clicked = await renderClicked(trx, teamId, row, surface);
  return { ...(clicked ? { clicked } : {}), queued: rendered.followUps.length > 0 };
}

/** `changeAlerts` inside its transaction. */
async function changeAlertsIn(
  ctx: AppContext,
  trx: Transaction<Database>,
  target: { teamId: string; alertId: string; surface: AlertSurface; now: Date },
  spec: AlertChangeSpec,
): Promise<ChangeResult> {
  const { teamId, alertId, surface, now } = target;
  const found = await getAlert(trx, teamId, alertId);
  if (!found) return { outcome: 'not_found' };
  await lockKpis(trx, teamId, [found.kpi_id]);
  const row = (await getAlert(trx, teamId, alertId)) as AlertRow;
  const kpi = await loadAlertKpi(trx, row.kpi_id);
  const kpiName = kpi?.name ?? 'this KPI';
  const decision = await authorizeResponse(ctx, trx, teamId, spec.who.userId, kpi, kpiName);
  if (!decision.ok) return { outcome: 'refused', kpiName, refusal: decision.refusal };
  const group = row.group_key ? await listAlertsInMessages(trx, [row.group_key], []) : [row];
  if (!group.some((r) => r.status !== 'resolved')) {
    return { outcome: 'resolved', kpiName, ...(await clickedOnly(trx, teamId, row, surface)) };
  }
  const open = await listOpenAlerts(trx, teamId, [row.kpi_id]);
  const live = open.filter((r) => isActive(alertState(r).status));
  const targets = live.filter((r) => spec.pick(alertState(r)));
  if (targets.length === 0) {
    const by = spec.previousBy(live);
    return {
      outcome: 'already',
      kpiName,
      ...(by ? { by } : {}),
      ...(await clickedOnly(trx, teamId, row, surface)),
    };
  }
  const changed = targets.map((r) => withState(r, spec.change(alertState(r)), now, null));
  await writeChange(trx, teamId, now, `kpi:${kpi?.key ?? row.kpi_id}`, targets, changed, spec.who);
  const refreshed = await refreshMessages(trx, teamId, row, changed, surface, now);
  return {
    outcome: 'done',
    kpiName,
    ...(refreshed.clicked ? { clicked: refreshed.clicked } : {}),
    queued: refreshed.queued,
  };
}

/**
 * Applies a change to the KPI's live alerts picked by `pick`, in one transaction with the KPI locked, and
 * queues updates of every other message that shows them.
 */
async function changeAlerts(
  ctx: AppContext,
  teamId: string,
  alertId: string,
  surface: AlertSurface,
  pick: (s: AlertState) => boolean,
  change: (s: AlertState) => AlertState,
  previousBy: (rows: AlertRow[]) => string | undefined,
  who: { userId: string; action: 'alert.acknowledge' | 'alert.snooze'; detail?: Record<string, unknown> },
): Promise<AlertActionResult> {
  const now = ctx.now();
  const result = await ctx.db
    .transaction()
    .execute((trx) =>
      changeAlertsIn(ctx, trx, { teamId, alertId, surface, now }, { pick, change, previousBy, who }),
    );
  if (result.queued) kickAlertSending(ctx, teamId);
  const { queued: _q, ...out } = result;
  return out;
}

async function clickedOnly(trx: Transaction<Database>, teamId: string, row: AlertRow, surface: AlertSurface) {
  const clicked = await renderClicked(trx, teamId, row, surface);
  return clicked ? { clicked } : {};
}

/** Acknowledge: records who, and stops repeats of the KPI's live alerts until they resolve. */
export function acknowledgeAlert(
  ctx: AppContext,
  teamId: string,
  alertId: string,
  userId: string,
  surface: AlertSurface,
): Promise<AlertActionResult> {
  const now = ctx.now();
  return changeAlerts(
    ctx,
    teamId,
    alertId,
    surface,
    (s) => s.status !== 'acknowledged' && s.rule !== 'okr_candidate' && s.rule !== 'statistical',
    (s) => acknowledge(s, userId, now),
    (rows) => rows.map(alertState).find((s) => s.acknowledgedBy)?.acknowledgedBy,
    { userId, action: 'alert.acknowledge' },
  );
}

export type SnoozeLength = 'week' | 'next_reading';

/** Snooze for a week or until the next reading, with a reason; the KPI's firing alerts stay quiet until then. */
export function snoozeAlert(
  ctx: AppContext,
  teamId: string,
  alertId: string,
  userId: string,
  surface: AlertSurface,
  length: SnoozeLength,
  reason: string,
): Promise<AlertActionResult> {
  const now = ctx.now();
  const until = length === 'week' ? oneWeekFrom(now) : 'next_reading';
  return changeAlerts(
    ctx,
    teamId,
    alertId,
    surface,
    (s) => s.status === 'firing' && s.rule !== 'okr_candidate' && s.rule !== 'statistical',
    (s) => snooze(s, until, reason, userId),
    (rows) => rows.map(alertState).find((s) => s.snoozedBy ?? s.acknowledgedBy)?.snoozedBy,
    { userId, action: 'alert.snooze', detail: { until, reason } },
  );
}

/** What the snooze modal shows, or why this person may not snooze the alert. */
export async function snoozeForm(
  ctx: AppContext,
  teamId: string,
  alertId: string,
  userId: string,
): Promise<{ ok: true; kpiName: string; detail: string } | { ok: false; refusal: string } | undefined> {
  const row = await getAlert(ctx.db, teamId, alertId);
  if (!row) return undefined;
  const kpi = await ctx.db
    .selectFrom('kpis')
    .leftJoin('teams', (j) =>
      j.onRef('teams.team_id', '=', 'kpis.team_id').onRef('teams.key', '=', 'kpis.team_key'),
    )
    .select([
      'kpis.name',
      'kpis.owner_slack_id',
      'kpis.team_key',
      'teams.lead_slack_id',
      'teams.name as team_name',
    ])
    .where('kpis.id', '=', row.kpi_id)
    .executeTakeFirst();
  const kpiName = kpi?.name ?? 'KPI alert';
  const decision = authorize('alert.respond', await actorFor(ctx.db, teamId, userId, ctx.config.adminIds), {
    kpiOwner: kpi?.owner_slack_id ?? null,
    teamKey: kpi?.team_key ?? null,
    teamLead: kpi?.lead_slack_id ?? null,
    teamName: kpi?.team_name ?? null,
    what: `${kpiName}'s alerts`,
  });
  if (!decision.ok) return { ok: false, refusal: decision.refusal };
  return { ok: true, kpiName, detail: alertState(row).detail };
}

/** The prefilled key-result text of the group's open OKR candidate, with the KPI it is about. */
export async function okrCandidateOf(
  ctx: AppContext,
  teamId: string,
  alertId: string,
): Promise<{ kpiKey: string; kpiName: string; teamKey: string | null; draft: string } | undefined> {
  const row = await getAlert(ctx.db, teamId, alertId);
  if (!row?.group_key) return undefined;
  const rows = await listAlertsInMessages(ctx.db, [row.group_key], []);
  const data = await completeRenderData(ctx.db, teamId, rows);
  const view = groupView(row.group_key, rows, data);
  const kpi = data.kpis.get(row.kpi_id);
  if (!view?.draft || !kpi) return undefined;
  return { kpiKey: kpi.key, kpiName: kpi.name, teamKey: kpi.team_key, draft: view.draft };
}

/**
 * Snoozes whose time ran out (`1 week`): the alert fires again, its messages show the buttons again and a
 * thread reply says so. A snooze until the next reading ends when that reading is evaluated.
 */
export async function expireSnoozes(ctx: AppContext, teamId: string, at: Date): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('alerts')
      .select(['id', 'kpi_id'])
      .where('team_id', '=', teamId)
      .where('status', '=', 'snoozed')
      .where('snoozed_until', '!=', 'next_reading')
      .where('snoozed_until', '<=', at.toISOString())
      .execute();
    if (due.length === 0) return 0;
    await lockKpis(trx, teamId, [...new Set(due.map((d) => d.kpi_id))]);
    const rows = await listOpenAlerts(trx, teamId, [...new Set(due.map((d) => d.kpi_id))]);
    const expired = rows.filter((r) => {
      const s = alertState(r);
      return (
        s.status === 'snoozed' &&
        s.snoozedUntil !== undefined &&
        s.snoozedUntil !== 'next_reading' &&
        Date.parse(s.snoozedUntil) <= at.getTime()
      );
    });
    const changed = expired.map((r) => {
      const s: AlertState = { ...alertState(r), status: 'firing' };
      delete s.snoozedUntil;
      delete s.snoozeReason;
      delete s.snoozedBy;
      return withState(r, s, at, null);
    });
    await writeAlertRows(trx, changed);
    const replies = new Map<string, string>();
    for (const r of changed) {
      if (!r.group_key) continue;
      const s = alertState(r);
      replies.set(
        r.group_key,
        `:bell: The snooze ended and this still needs attention: ${s.detail} (${ruleLabel(s.rule)}).`,
      );
    }
    const rendered = await rerenderFollowUps(trx, {
      teamId,
      groupKeys: [...replies.keys()],
      replies,
      tag: newId('snz'),
      data: {},
    });
    await enqueueFollowUps(trx, rendered.followUps, at);
    return changed.length;
  });
}

function ruleLabel(rule: RuleName): string {
  return rule.replaceAll('_', ' ');
}
