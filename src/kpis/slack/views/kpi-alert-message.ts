import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { kpiTrendChart } from '../../../platform/slack/charts.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import { RULE_PRIORITY } from '../../domain/detect.js';
import { formatRange, formatValue } from '../../domain/spec.js';
import type { AlertState, AlertStatus, Direction, RuleName, Severity } from '../../domain/types.js';

/** Which copy of an alert a button sits in: the owner's DM, the owner-channel post, or a team-channel escalation. */
export type AlertSurface = 'dm' | 'channel' | 'escalation';

export const KPI_ALERT_ACTIONS = {
  acknowledge: 'kpi_alert_ack',
  snooze: 'kpi_alert_snooze',
  draftOkr: 'kpi_alert_draft_okr',
} as const;

/** What an alert button carries: the alert that paged (its group) and which copy was clicked. */
export interface AlertButtonValue {
  a: string;
  m: AlertSurface;
}

export function alertButtonValue(alertId: string, surface: AlertSurface): string {
  return JSON.stringify({ a: alertId, m: surface } satisfies AlertButtonValue);
}

export interface AlertKpiView {
  key: string;
  name: string;
  unit: string | null;
  direction: Direction;
  range: [number, number];
  alertThreshold: number;
  protocol: string;
  ownerId: string;
}

export interface AlertItemView {
  id: string;
  rule: RuleName;
  status: AlertStatus;
  severity: Severity;
  state: AlertState;
}

/** The alerts of one KPI shown together (one page): the alert that paged first, then the ones it carries. */
export interface AlertGroupView {
  /** Id of the alert that paged: buttons carry it. */
  primaryId: string;
  kpi: AlertKpiView;
  alerts: AlertItemView[];
  latest?: { period: string; value: number };
  /** Sparkline of the last readings, oldest first. */
  trend: string;
  /** The last readings, oldest first, for the message's line chart. */
  readings?: Array<{ period: string; value: number }>;
  /** Prefilled key-result text when an OKR candidate is open. */
  draft?: string;
  /** Team channel an unacknowledged critical alert was escalated to. */
  escalatedTo?: string | null;
}

export const RULE_LAYER: Record<RuleName, string> = {
  out_of_range: 'business bounds + persistence',
  threshold: 'business bounds: alert threshold',
  drop_20: 'business bounds: 20% drop',
  worse_than_usual: 'own history: worse than usual',
  okr_candidate: 'trend: 3 periods worse than range',
  statistical: 'statistics: own history',
  regression: 'post-OKR check',
  stale: 'stale data',
};

const RULE_HEADLINE: Record<RuleName, string> = {
  threshold: 'is past its alert threshold',
  drop_20: 'got 20% or more worse than its recent level',
  worse_than_usual: 'is clearly worse than its usual level',
  out_of_range: 'is outside its target range',
  regression: 'is losing the gain of its last OKR',
  okr_candidate: 'has been worse than its range for 3 periods: a candidate for an OKR',
  statistical: 'is unusual against its own history',
  stale: 'is missing a reading',
};

const SEVERITY_ICON: Record<Severity, string> = {
  critical: ':rotating_light:',
  warning: ':warning:',
  info: ':bulb:',
};

const isOpen = (s: AlertStatus) => s !== 'resolved';
const isActive = (s: AlertStatus) => s === 'firing' || s === 'acknowledged' || s === 'snoozed';

function byPriority(a: AlertItemView, b: AlertItemView): number {
  return RULE_PRIORITY.indexOf(a.rule) - RULE_PRIORITY.indexOf(b.rule);
}

function dateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The alert whose headline the group shows: the most important open one, else the one that paged. */
function leadOf(group: AlertGroupView): AlertItemView | undefined {
  const open = group.alerts.filter((a) => isActive(a.status)).sort(byPriority);
  return open[0] ?? group.alerts.find((a) => a.id === group.primaryId) ?? group.alerts[0];
}

export function groupResolved(group: AlertGroupView): boolean {
  return group.alerts.every((a) => !isOpen(a.status));
}

/** One line of plain text for notifications and screen readers. */
export function alertGroupText(group: AlertGroupView): string {
  const lead = leadOf(group);
  const name = group.kpi.name;
  if (!lead) return esc(name);
  if (groupResolved(group)) return esc(`Resolved: ${name} is back in range`);
  const detail = lead.state.detail;
  return esc(detail.startsWith(name) ? detail : `${name}: ${detail}`);
}

function statusLine(group: AlertGroupView): string {
  const active = group.alerts.filter((a) => isActive(a.status));
  const owner = `Owner <@${group.kpi.ownerId}>`;
  if (groupResolved(group)) {
    const v = group.latest
      ? ` at *${esc(formatValue(group.latest.value, group.kpi.unit ?? undefined))}* (${group.latest.period})`
      : '';
    return `:white_check_mark: Resolved: back in range${v}. ${owner}.`;
  }
  const parts = [owner];
  const acked = active.find((a) => a.status === 'acknowledged');
  const snoozed = active.find((a) => a.status === 'snoozed');
  const lead = leadOf(group);
  if (lead) parts.push(`since ${lead.state.since}`);
  if (acked?.state.acknowledgedBy) {
    parts.push(
      `:eyes: acknowledged by <@${acked.state.acknowledgedBy}>${acked.state.acknowledgedAt ? ` on ${dateTime(acked.state.acknowledgedAt)}` : ''}: no more repeats until it resolves`,
    );
  }
  if (snoozed?.state.snoozedUntil) {
    const until =
      snoozed.state.snoozedUntil === 'next_reading'
        ? 'the next reading'
        : dateTime(snoozed.state.snoozedUntil);
    const by = snoozed.state.snoozedBy ? ` by <@${snoozed.state.snoozedBy}>` : '';
    parts.push(`:zzz: snoozed until ${until}${by}: ${esc(snoozed.state.snoozeReason ?? '')}`);
  }
  if (group.escalatedTo !== undefined) {
    parts.push(group.escalatedTo ? `:mega: escalated to <#${group.escalatedTo}>` : ':mega: escalated');
  }
  return parts.join(' · ');
}

function buttons(group: AlertGroupView, surface: AlertSurface): ActionsBlock | undefined {
  if (groupResolved(group)) return undefined;
  const active = group.alerts.filter(
    (a) => isActive(a.status) && a.rule !== 'okr_candidate' && a.rule !== 'statistical',
  );
  const value = alertButtonValue(group.primaryId, surface);
  const elements: Button[] = [];
  if (active.some((a) => a.status !== 'acknowledged')) {
    elements.push({
      type: 'button',
      action_id: KPI_ALERT_ACTIONS.acknowledge,
      text: { type: 'plain_text', text: 'Acknowledge' },
      style: 'primary',
      value,
    });
  }
  if (active.some((a) => a.status === 'firing')) {
    elements.push({
      type: 'button',
      action_id: KPI_ALERT_ACTIONS.snooze,
      text: { type: 'plain_text', text: 'Snooze' },
      value,
    });
  }
  if (group.draft !== undefined) {
    elements.push({
      type: 'button',
      action_id: KPI_ALERT_ACTIONS.draftOkr,
      text: { type: 'plain_text', text: 'Draft an OKR' },
      value,
    });
  }
  if (elements.length === 0) return undefined;
  return { type: 'actions', block_id: `kpi_alert:${surface}:${group.primaryId}`, elements };
}

/** The blocks of one KPI's alerts: value, range, trend, the layer that fired, the response protocol, buttons. */
export function alertGroupBlocks(group: AlertGroupView, surface: AlertSurface): KnownBlock[] {
  const { kpi } = group;
  const unit = kpi.unit ?? undefined;
  const lead = leadOf(group);
  const resolved = groupResolved(group);
  const icon = resolved ? ':white_check_mark:' : lead ? SEVERITY_ICON[lead.severity] : ':bar_chart:';
  const headline = resolved ? 'is back in range' : lead ? RULE_HEADLINE[lead.rule] : 'alert';
  const lines = [`${icon} *${esc(kpi.name)}* ${headline}`];
  const spec = {
    key: kpi.key,
    direction: kpi.direction,
    cadence: 'monthly' as const,
    range: kpi.range,
    alertThreshold: kpi.alertThreshold,
    ...(unit ? { unit } : {}),
  };
  const value = group.latest
    ? `*${esc(formatValue(group.latest.value, unit))}* in ${group.latest.period}`
    : 'no reading';
  lines.push(
    `${value} · target range ${esc(formatRange(spec))} · alert threshold ${esc(formatValue(kpi.alertThreshold, unit))} (${kpi.direction === 'higher_is_better' ? 'higher' : 'lower'} is better)`,
  );
  if (group.trend) lines.push(`Trend: \`${group.trend}\``);
  const shown = [...group.alerts].sort(byPriority).filter((a) => resolved || isOpen(a.status));
  for (const a of shown) {
    // A resolved alert's detail describes the breach that ended; only its layer is shown, struck through.
    if (a.status === 'resolved') lines.push(`• ~${a.severity} · ${esc(RULE_LAYER[a.rule])}~ resolved`);
    else lines.push(`• ${a.severity} · ${esc(RULE_LAYER[a.rule])}: ${esc(truncate(a.state.detail, 300))}`);
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } },
  ];
  if (group.draft !== undefined && !resolved) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Draft key result:* ${esc(group.draft)}`, 3000) },
    });
  }
  if (!resolved && kpi.protocol.trim()) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Response protocol:* ${esc(kpi.protocol.trim())}`, 3000) },
    });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(statusLine(group), 3000) }] });
  const actions = buttons(group, surface);
  if (actions) blocks.push(actions);
  return blocks;
}

/** The post in the KPI's owner channel. */
export function alertChannelMessage(group: AlertGroupView): { text: string; blocks: KnownBlock[] } {
  return { text: alertGroupText(group), blocks: withChart(group, alertGroupBlocks(group, 'channel')) };
}

/** Groups shown in full in one DM; the rest are listed by name (Block Kit allows 50 blocks per message). */
export const DM_FULL_GROUPS = 8;

/** The owner's DM: every KPI that alerted in one evaluation, in one message. */
export function alertDmMessage(groups: AlertGroupView[]): { text: string; blocks: KnownBlock[] } {
  if (groups.length === 1) {
    const only = groups[0] as AlertGroupView;
    return { text: alertGroupText(only), blocks: withChart(only, alertGroupBlocks(only, 'dm')) };
  }
  const open = groups.filter((g) => !groupResolved(g)).length;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${groups.length} of your KPIs alerted* (${open} still open)` },
    },
  ];
  for (const g of groups.slice(0, DM_FULL_GROUPS))
    blocks.push({ type: 'divider' }, ...alertGroupBlocks(g, 'dm'));
  const rest = groups.slice(DM_FULL_GROUPS);
  if (rest.length > 0) {
    const list = rest.map((g) => `• ${esc(alertGroupText(g))}`).join('\n');
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`*${rest.length} more* (see \`/kpi list\`):\n${list}`, 3000) },
      },
    );
  }
  const text = truncate(`${groups.length} KPI alerts: ${groups.map((g) => g.kpi.name).join(', ')}`, 3000);
  return { text, blocks };
}

/** The one escalation of an unacknowledged critical alert, in the team channel. */
export function alertEscalationMessage(
  group: AlertGroupView,
  days: number,
): { text: string; blocks: KnownBlock[] } {
  const intro: KnownBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `:mega: *Escalated:* a critical alert on *${esc(group.kpi.name)}* has gone unacknowledged for ${days} days or more. Owner <@${group.kpi.ownerId}>.`,
    },
  };
  return {
    text: `Escalated: ${alertGroupText(group)}`,
    blocks: [intro, ...alertGroupBlocks(group, 'escalation')],
  };
}

/** A thread reply under an alert: a new reading that still breaches, a recovery, an escalation. */
export function alertThreadReply(text: string): { text: string; blocks: KnownBlock[] } {
  // The line is built from a KPI's name, unit and detail (raw) and okrbot's own channel references: escape
  // everything, then give back only well-formed `<#C…>` channel references.
  const safe = esc(text).replace(/&lt;#(C[A-Z0-9]{2,20})&gt;/g, '<#$1>');
  return {
    text: truncate(safe, 3000),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(safe, 3000) } }],
  };
}

/** A native line chart of the readings with the range's low and high and the alert threshold, after the facts. */
function withChart(group: AlertGroupView, blocks: KnownBlock[]): KnownBlock[] {
  if (!group.readings || group.readings.length < 2 || groupResolved(group)) return blocks;
  const chart = kpiTrendChart({
    kpiName: group.kpi.name,
    unit: group.kpi.unit,
    periods: group.readings.map((r) => r.period),
    values: group.readings.map((r) => r.value),
    range: group.kpi.range,
    threshold: group.kpi.alertThreshold,
  });
  if (!chart) return blocks;
  return [blocks[0] as KnownBlock, chart as unknown as KnownBlock, ...blocks.slice(1)];
}
