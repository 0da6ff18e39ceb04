import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/db/ids.js';
import type { Database } from '../platform/db/schema.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { groupViews, newAlertMessages, type RenderData, rerenderFollowUps } from './alert-messages.js';
import { enqueueFollowUps, kickAlertSending } from './alert-outbox.js';
import { RULE_PRIORITY } from './domain/detect.js';
import { isActive, isOpen } from './domain/lifecycle.js';
import { formatValue } from './domain/spec.js';
import type { AlertEvent, AlertState, AlertStatus, EventKind, RuleName, Severity } from './domain/types.js';
import {
  decideBatch,
  ESCALATE_AFTER_DAYS,
  type KpiBatch,
  type KpiDecision,
  loadKpiBatch,
  lockKpis,
} from './evaluation-batch.js';
import { storeReadingsIn, type ValidReading } from './readings.js';
import { type AlertGroupView, alertEscalationMessage, RULE_LAYER } from './slack/views/kpi-alert-message.js';
import { type AlertRow, alertState, newAlertRow, withState, writeAlertRows } from './store/alerts.js';
import type { Kpi } from './store/kpis.js';

/** One alert that changed in an evaluation, as the readings API reports it. */
export interface AlertChange {
  kpi: string;
  rule: RuleName;
  severity: Severity;
  /** null for a new alert. */
  from: AlertStatus | null;
  to: AlertStatus;
  /** What the detector did: fire, repeat, resolve, escalate, pending, stale… */
  event?: EventKind;
  /** A message reached someone (owner DM and channel post, or the team channel). */
  notified: boolean;
  /** Folded into this key result's check-in (an active OKR targets the KPI): not paged. */
  folded_into_key_result?: string;
}

export interface EvaluationReport {
  changes: AlertChange[];
  /** Outbox messages queued (posts, DMs, updates, replies). */
  queued: number;
}

const byPriority = (a: AlertRow, b: AlertRow) =>
  RULE_PRIORITY.indexOf(a.rule as RuleName) - RULE_PRIORITY.indexOf(b.rule as RuleName);

function v(value: number | undefined, unit: string | null): string {
  return value === undefined ? '' : formatValue(value, unit ?? undefined);
}

/** Where an escalation goes: the KPI's team channel, else its owner channel. */
export function escalationChannel(kpi: Kpi, teamChannels: Map<string, string | null>): string | null {
  return (kpi.team_key ? teamChannels.get(kpi.team_key) : undefined) ?? kpi.channel_id;
}

interface KpiPlan {
  decision: KpiDecision;
  rows: Map<RuleName, AlertRow>;
  changed: Set<RuleName>;
  newGroup?: string;
  updatedGroups: Set<string>;
  replies: Map<string, string[]>;
  escalations: AlertRow[];
  notified: Set<RuleName>;
}

/** Alert rows after the detector: unchanged rows kept, changed ones updated, newly open ones created. */
function nextRows(
  decision: KpiDecision,
  before: Map<RuleName, AlertRow>,
  now: Date,
): { rows: Map<RuleName, AlertRow>; changed: Set<RuleName> } {
  const { kpi, result } = decision;
  const foldedInto = decision.activeOkr?.keyResultId ?? null;
  const rows = new Map<RuleName, AlertRow>();
  const changed = new Set<RuleName>();
  for (const state of result.states) {
    const prev = before.get(state.rule);
    if (prev) {
      if (JSON.stringify(state) === prev.state_json) rows.set(state.rule, prev);
      else {
        rows.set(state.rule, withState(prev, state, now, foldedInto));
        changed.add(state.rule);
      }
    } else if (isOpen(state.status)) {
      rows.set(
        state.rule,
        newAlertRow({ id: newId('alert'), teamId: kpi.team_id, kpiId: kpi.id, state, now, foldedInto }),
      );
      changed.add(state.rule);
    }
  }
  return { rows, changed };
}

/** Puts an alert into a message (and DM), unless it already has one. */
function setGroup(plan: KpiPlan, rule: RuleName, groupKey: string, dmKey: string | null): void {
  const row = plan.rows.get(rule);
  if (!row || row.group_key) return;
  plan.rows.set(rule, { ...row, group_key: groupKey, dm_key: dmKey });
  plan.changed.add(rule);
}

/** Queues a threaded reply line on an existing message, which is re-rendered too. */
function reply(plan: KpiPlan, groupKey: string, line: string): void {
  plan.updatedGroups.add(groupKey);
  const list = plan.replies.get(groupKey) ?? [];
  list.push(line);
  plan.replies.set(groupKey, list);
}

/** Opens this KPI's new alert message, led by `rule`. */
function openGroup(plan: KpiPlan, rule: RuleName): void {
  const row = plan.rows.get(rule) as AlertRow;
  plan.newGroup = `kpi-alert:${row.id}`;
  setGroup(plan, rule, plan.newGroup, null);
  plan.notified.add(rule);
}

/** Joins the new message of this evaluation if there is one, else opens one. */
function joinOrOpenGroup(plan: KpiPlan, rule: RuleName): void {
  if (plan.newGroup) setGroup(plan, rule, plan.newGroup, null);
  else openGroup(plan, rule);
}

/** The event that pages the owner: a new message, or a reply when a snooze ended on an existing one. */
function planPrimary(plan: KpiPlan, primary: AlertEvent): void {
  const row = plan.rows.get(primary.rule);
  if (row?.group_key) {
    // A snooze until the next reading ended and the reading still breaches: the same message, told again.
    reply(
      plan,
      row.group_key,
      `:bell: The snooze ended and this still needs attention: ${alertState(row).detail}.`,
    );
    plan.notified.add(primary.rule);
  } else if (row) openGroup(plan, primary.rule);
}

function planEscalation(
  plan: KpiPlan,
  e: AlertEvent,
  row: AlertRow,
  teamChannels: Map<string, string | null>,
): void {
  if (row.group_key) {
    const channel = escalationChannel(plan.decision.kpi, teamChannels);
    reply(
      plan,
      row.group_key,
      `:mega: Unacknowledged for ${ESCALATE_AFTER_DAYS} days or more: escalated to ${channel ? `<#${channel}>` : 'the team'}.`,
    );
  } else joinOrOpenGroup(plan, e.rule);
  plan.escalations.push(plan.rows.get(e.rule) as AlertRow);
  plan.notified.add(e.rule);
}

function planRepeat(plan: KpiPlan, e: AlertEvent, row: AlertRow): void {
  if (row.group_key) {
    reply(
      plan,
      row.group_key,
      `:repeat: Still ${e.rule === 'threshold' ? 'past the alert threshold' : 'outside the target range'}: *${v(e.value, plan.decision.kpi.unit)}* in ${e.period}. ${RULE_LAYER[e.rule]}.`,
    );
  } else joinOrOpenGroup(plan, e.rule);
}

function planResolve(plan: KpiPlan, e: AlertEvent, groupKey: string): void {
  const unit = plan.decision.kpi.unit;
  const stillOut = e.reason === 'back_past_threshold_still_outside';
  reply(
    plan,
    groupKey,
    e.rule === 'stale'
      ? `:inbox_tray: A reading for ${e.period} arrived; the KPI is watched again.`
      : stillOut
        ? `:arrow_heading_up: Back past the alert threshold at *${v(e.value, unit)}* in ${e.period}, but still outside the target range.`
        : `:white_check_mark: Back in range: *${v(e.value, unit)}* in ${e.period}.`,
  );
}

/** What one detector event does to the messages. */
function planEvent(
  plan: KpiPlan,
  e: AlertEvent,
  primary: AlertEvent | undefined,
  teamChannels: Map<string, string | null>,
): void {
  const row = plan.rows.get(e.rule);
  if (!row) return;
  if (e.groupedWith !== undefined && primary) {
    const lead = plan.rows.get(primary.rule);
    if (lead?.group_key) setGroup(plan, e.rule, lead.group_key, lead.dm_key);
    plan.notified.add(e.rule);
  } else if (e.kind === 'escalate' && e.target === 'team_channel') planEscalation(plan, e, row, teamChannels);
  else if (e.kind === 'repeat') planRepeat(plan, e, row);
  else if (e.kind === 'resolve' && row.group_key) planResolve(plan, e, row.group_key);
}

/** Alerts shown inside another one's message (a warning covered by a critical) join that message. */
function joinLeadGroup(plan: KpiPlan): void {
  const { rows } = plan;
  const lead =
    plan.newGroup ??
    [...rows.values()].filter((r) => r.group_key && isActive(r.status as AlertStatus)).sort(byPriority)[0]
      ?.group_key;
  const leadRow = [...rows.values()].find((r) => r.group_key === lead);
  for (const [rule, row] of rows) {
    const s = alertState(row);
    if (row.group_key || !lead || s.folded || !isActive(s.status) || s.firstFiredAt === undefined) continue;
    setGroup(plan, rule, lead, leadRow?.dm_key ?? null);
    if (lead !== plan.newGroup) plan.updatedGroups.add(lead);
  }
}

/** A status change shows on the message; bookkeeping (the reading last seen) alone does not re-render it. */
function markStatusChanges(plan: KpiPlan, before: Map<RuleName, AlertRow>): void {
  for (const [rule, row] of plan.rows) {
    const prev = before.get(rule);
    if (row.group_key && row.group_key !== plan.newGroup && prev && prev.status !== row.status)
      plan.updatedGroups.add(row.group_key);
  }
}

/** Turns one KPI's detector result into alert rows and which messages to send, update or reply to. */
function planKpi(decision: KpiDecision, now: Date, teamChannels: Map<string, string | null>): KpiPlan {
  const before = new Map<RuleName, AlertRow>();
  for (const r of decision.before) before.set(r.rule as RuleName, r);
  const { rows, changed } = nextRows(decision, before, now);
  const plan: KpiPlan = {
    decision,
    rows,
    changed,
    updatedGroups: new Set(),
    replies: new Map(),
    escalations: [],
    notified: new Set(),
  };
  const events = decision.result.events.filter((e) => !e.folded);
  const primary = events.find((e) => e.notify && e.target === 'owner');
  if (primary) planPrimary(plan, primary);
  for (const e of events) planEvent(plan, e, primary, teamChannels);
  joinLeadGroup(plan);
  markStatusChanges(plan, before);
  if (plan.newGroup) plan.updatedGroups.delete(plan.newGroup);
  return plan;
}

type OwnerDm = { dmKey: string; ownerId: string; groupKeys: string[] };
type NewGroup = { groupKey: string; channelId: string | null };

/** One DM per owner for everything that paged them in this evaluation; the new messages' rows point at it. */
function assignOwnerDms(
  plans: KpiPlan[],
  teamId: string,
  tag: string,
): { dms: Map<string, OwnerDm>; newGroups: NewGroup[] } {
  const dms = new Map<string, OwnerDm>();
  const newGroups: NewGroup[] = [];
  for (const plan of plans) {
    if (!plan.newGroup) continue;
    const owner = plan.decision.kpi.owner_slack_id;
    let dm = dms.get(owner);
    if (!dm) {
      dm = { dmKey: `kpi-alert-dm:${teamId}:${tag}:${owner}`, ownerId: owner, groupKeys: [] };
      dms.set(owner, dm);
    }
    dm.groupKeys.push(plan.newGroup);
    newGroups.push({ groupKey: plan.newGroup, channelId: plan.decision.kpi.channel_id });
    for (const [rule, row] of plan.rows) {
      if (row.group_key === plan.newGroup) {
        plan.rows.set(rule, { ...row, dm_key: dm.dmKey });
        plan.changed.add(rule);
      }
    }
  }
  return { dms, newGroups };
}

/** Queues the new alert messages and owner DMs; records their views. Returns how many were queued. */
async function queueNewAlerts(
  trx: Transaction<Database>,
  plans: KpiPlan[],
  owners: { dms: Map<string, OwnerDm>; newGroups: NewGroup[] },
  ctx: { teamId: string; data: RenderData; views: Map<string, AlertGroupView>; now: Date },
): Promise<number> {
  if (owners.newGroups.length === 0) return 0;
  const rows = plans.flatMap((p) =>
    [...p.rows.values()].filter((r) => r.group_key !== null && p.newGroup === r.group_key),
  );
  for (const [k, view] of groupViews(rows, ctx.data)) ctx.views.set(k, view);
  return enqueueMessages(
    trx,
    newAlertMessages({
      teamId: ctx.teamId,
      groups: owners.newGroups,
      dms: [...owners.dms.values()],
      views: ctx.views,
    }),
    ctx.now,
  );
}

/** Queues updates of, and replies on, existing messages; records their views. Returns how many were queued. */
async function queueFollowUps(
  trx: Transaction<Database>,
  plans: KpiPlan[],
  ctx: { teamId: string; tag: string; data: RenderData; views: Map<string, AlertGroupView>; now: Date },
): Promise<number> {
  const updated = plans.flatMap((p) => [...p.updatedGroups]);
  if (updated.length === 0) return 0;
  const replies = new Map<string, string>();
  for (const p of plans) for (const [k, lines] of p.replies) replies.set(k, [...new Set(lines)].join('\n'));
  const rendered = await rerenderFollowUps(trx, {
    teamId: ctx.teamId,
    groupKeys: updated,
    replies,
    tag: ctx.tag,
    data: ctx.data,
  });
  for (const [k, view] of groupViews(rendered.rows, rendered.data))
    if (!ctx.views.has(k)) ctx.views.set(k, view);
  await enqueueFollowUps(trx, rendered.followUps, ctx.now);
  return rendered.followUps.length;
}

/** Queues the escalation posts to team (or owner) channels. Returns how many were queued. */
async function queueEscalations(
  trx: Transaction<Database>,
  plans: KpiPlan[],
  batch: KpiBatch,
  views: Map<string, AlertGroupView>,
  now: Date,
): Promise<number> {
  const escalations = plans.flatMap((p) => p.escalations.map((row) => ({ row, kpi: p.decision.kpi })));
  if (escalations.length === 0) return 0;
  const posts = escalations.flatMap((e) => {
    const channel = escalationChannel(e.kpi, batch.teamChannels);
    const view = views.get(e.row.group_key as string);
    if (!channel || !view) return [];
    return [
      {
        teamId: batch.teamId,
        dedupeKey: `kpi-alert:${e.row.id}:escalation`,
        kind: 'kpi-alert-escalation',
        method: 'chat.postMessage' as const,
        target: channel,
        payload: alertEscalationMessage(view, ESCALATE_AFTER_DAYS),
      },
    ];
  });
  return enqueueMessages(trx, posts, now);
}

/**
 * Stores what the detector decided for a batch and queues every message in the same transaction: a state
 * change and its messages commit together, so a retry, a rerun or a restart never pages twice.
 */
export async function applyDecisions(
  trx: Transaction<Database>,
  batch: KpiBatch,
  decisions: KpiDecision[],
  now: Date,
): Promise<EvaluationReport> {
  const tag = newId('eval');
  const plans = decisions.map((d) => planKpi(d, now, batch.teamChannels));
  const owners = assignOwnerDms(plans, batch.teamId, tag);
  const writes = plans.flatMap((p) => [...p.changed].map((rule) => p.rows.get(rule) as AlertRow));
  await writeAlertRows(trx, writes);

  const data: RenderData = {
    kpis: new Map(batch.kpis.map((k) => [k.id, k])),
    readings: batch.readings,
    teamChannels: batch.teamChannels,
  };
  const views = new Map<string, AlertGroupView>();
  let queued = 0;
  queued += await queueNewAlerts(trx, plans, owners, { teamId: batch.teamId, data, views, now });
  queued += await queueFollowUps(trx, plans, { teamId: batch.teamId, tag, data, views, now });
  queued += await queueEscalations(trx, plans, batch, views, now);
  return { changes: changesOf(plans), queued };
}

function changesOf(plans: KpiPlan[]): AlertChange[] {
  const out: AlertChange[] = [];
  for (const p of plans) {
    const before = new Map(p.decision.before.map((r) => [r.rule as RuleName, r]));
    const events = new Map<RuleName, AlertEvent>();
    for (const e of p.decision.result.events) if (!events.has(e.rule)) events.set(e.rule, e);
    for (const rule of p.changed) {
      const row = p.rows.get(rule) as AlertRow;
      const prev = before.get(rule);
      const state: AlertState = alertState(row);
      const event = events.get(rule);
      if (!event && prev && prev.status === row.status) continue; // bookkeeping only (the reading it last saw)
      const change: AlertChange = {
        kpi: p.decision.kpi.key,
        rule,
        severity: state.severity,
        from: (prev?.status as AlertStatus | undefined) ?? null,
        to: state.status,
        notified: p.notified.has(rule),
      };
      if (event) change.event = event.kind;
      if (state.folded && p.decision.activeOkr)
        change.folded_into_key_result = p.decision.activeOkr.keyResultKey ?? p.decision.activeOkr.keyResultId;
      out.push(change);
    }
  }
  return out;
}

/**
 * Evaluates KPIs (all of the workspace's when `kpiIds` is undefined) and queues their alerts, in one
 * transaction with the KPIs locked; then sends in the background unless `sendNow` is false (a tick sends
 * what its jobs queued itself). `trigger` as in `evaluateKpi`.
 */
export async function evaluateKpisAndNotify(
  ctx: AppContext,
  teamId: string,
  kpiIds: string[] | undefined,
  trigger?: 'reading' | 'tick',
  options: { now?: Date; sendNow?: boolean } = {},
): Promise<AlertChange[]> {
  if (kpiIds !== undefined && kpiIds.length === 0) return [];
  const now = options.now ?? ctx.now();
  const report = await ctx.db.transaction().execute(async (trx) => {
    await lockKpis(trx, teamId, kpiIds);
    const batch = await loadKpiBatch(trx, teamId, kpiIds);
    return applyDecisions(trx, batch, decideBatch(batch, now, trigger), now);
  });
  if (report.queued > 0 && options.sendNow !== false) kickAlertSending(ctx, teamId);
  countFired(ctx, report.changes);
  return report.changes;
}

/** `okrbot_alerts_fired_total`: alerts that reached someone, by rule and severity. */
function countFired(ctx: AppContext, changes: AlertChange[]): void {
  for (const c of changes)
    if (c.notified) ctx.metrics.alertsFired.inc({ rule: c.rule, severity: c.severity });
}

/**
 * Stores a valid batch of readings and evaluates the KPIs whose readings changed, in one transaction (a
 * crash between the two cannot lose an alert). Messages are queued in the outbox, not sent.
 */
export async function recordReadings(
  db: Kysely<Database>,
  teamId: string,
  readings: ValidReading[],
  source: string,
  now: Date,
): Promise<{ stored: number; unchanged: number; alerts: AlertChange[]; queued: number }> {
  const result = await db.transaction().execute(async (trx) => {
    await lockKpis(trx, teamId, [...new Set(readings.map((r) => r.kpi.id))]);
    const stored = await storeReadingsIn(trx, teamId, readings, source, now);
    if (stored.changedKpiIds.length === 0) return { ...stored, report: { changes: [], queued: 0 } };
    const batch = await loadKpiBatch(trx, teamId, stored.changedKpiIds);
    const report = await applyDecisions(trx, batch, decideBatch(batch, now), now);
    return { ...stored, report };
  });
  return {
    stored: result.stored,
    unchanged: result.unchanged,
    alerts: result.report.changes,
    queued: result.report.queued,
  };
}

/** `recordReadings`, then sending in the background so the API or the slash command answers at once. */
export async function recordReadingsAndNotify(
  ctx: AppContext,
  teamId: string,
  readings: ValidReading[],
  source: string,
): Promise<{ stored: number; unchanged: number; alerts: AlertChange[]; queued: number }> {
  const result = await recordReadings(ctx.db, teamId, readings, source, ctx.now());
  if (result.queued > 0) kickAlertSending(ctx, teamId);
  countFired(ctx, result.alerts);
  return result;
}
