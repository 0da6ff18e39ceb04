import type { KnownBlock } from '@slack/types';
import { kpiTrendChart } from '../../../platform/slack/charts.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import { dataTable } from '../../../platform/slack/tables.js';
import { formatRange, formatValue } from '../../domain/spec.js';
import type { AlertState, Cadence, Direction, Reading } from '../../domain/types.js';
import { RULE_LAYER } from './kpi-alert-message.js';

export interface KpiStatusView {
  key: string;
  name: string;
  unit: string | null;
  direction: Direction;
  cadence: Cadence;
  range: [number, number];
  alertThreshold: number;
  aspirational: number | null;
  ownerId: string;
  channelId: string | null;
  team: string | null;
  protocol: string;
  /** Oldest first. */
  readings: Reading[];
  trend: string;
  /** Open alerts (not resolved). */
  alerts: AlertState[];
  /** Text of the active key result the KPI's alerts fold into. */
  foldedInto?: string;
}

const ORDER = [
  'stale',
  'threshold',
  'drop_20',
  'regression',
  'out_of_range',
  'worse_than_usual',
  'okr_candidate',
  'statistical',
];

function fmt(k: KpiStatusView, v: number): string {
  return formatValue(v, k.unit ?? undefined);
}

function range(k: KpiStatusView): string {
  return formatRange({
    key: k.key,
    direction: k.direction,
    cadence: k.cadence,
    range: k.range,
    alertThreshold: k.alertThreshold,
    ...(k.unit ? { unit: k.unit } : {}),
  });
}

/** `:rotating_light: critical: past the alert threshold (acknowledged)`, or how the last reading sits. */
export function stateLine(k: KpiStatusView): string {
  const shown = k.alerts
    .filter((a) => a.status !== 'pending' && a.hiddenBy === undefined)
    .sort((a, b) => ORDER.indexOf(a.rule) - ORDER.indexOf(b.rule));
  const lead = shown[0];
  if (lead) {
    const icon =
      lead.severity === 'critical'
        ? ':rotating_light:'
        : lead.severity === 'warning'
          ? ':warning:'
          : ':bulb:';
    const status =
      lead.status === 'firing' ? '' : lead.status === 'snoozed' ? ' (snoozed)' : ` (${lead.status})`;
    const more = shown.length > 1 ? ` +${shown.length - 1} more` : '';
    return `${icon} ${lead.severity}: ${RULE_LAYER[lead.rule]}${status}${more}`;
  }
  const last = k.readings.at(-1);
  if (!last) return ':white_circle: no readings yet';
  const [lo, hi] = k.range;
  if (last.value >= lo && last.value <= hi) return ':large_green_circle: in range';
  const better = k.direction === 'higher_is_better' ? last.value > hi : last.value < lo;
  return better
    ? ':large_green_circle: better than the range'
    : ':large_yellow_circle: outside the range (not alerting yet)';
}

/** `/kpi list`: one section per KPI the person owns. */
export function kpiListMessage(kpis: KpiStatusView[]): { text: string; blocks: KnownBlock[] } {
  if (kpis.length === 0) {
    const text = 'You own no KPIs yet. `/kpi add` registers one; `/kpi show KEY` shows any KPI.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Your KPIs* (${kpis.length})` } },
  ];
  // A native table people can sort (Slack 2026); the sections below keep the trend and what alerts fold into.
  const table = dataTable({
    caption: 'Your KPIs',
    header: ['KPI', 'State', 'Last value', 'Period', 'Range low', 'Range high', 'Alert threshold'],
    rows: kpis.slice(0, 100).map((k) => {
      const last = k.readings.at(-1);
      return [
        k.name,
        plainState(k),
        last?.value ?? null,
        last?.period ?? null,
        k.range[0],
        k.range[1],
        k.alertThreshold,
      ];
    }),
  });
  if (table) blocks.push(table as unknown as KnownBlock);
  for (const k of kpis.slice(0, 44)) {
    const last = k.readings.at(-1);
    const value = last ? `*${esc(fmt(k, last.value))}* in ${last.period}` : 'no readings';
    const trend = k.trend ? `  \`${k.trend}\`` : '';
    const folded = k.foldedInto
      ? `\n_Alerts go into the check-in of: ${esc(truncate(k.foldedInto, 200))}_`
      : '';
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${esc(k.name)}* \`${esc(k.key)}\`  ${stateLine(k)}\n${value} · range ${esc(range(k))}${trend}${folded}`,
          3000,
        ),
      },
    });
  }
  if (kpis.length > 44)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${kpis.length - 44} more.` }] });
  return { text: truncate(esc(`Your KPIs: ${kpis.map((k) => k.name).join(', ')}`), 3000), blocks };
}

/** The header: name, state, owner, channel, team, cadence, range and targets. */
function showFactsBlock(k: KpiStatusView): KnownBlock {
  const facts = [
    `*${esc(k.name)}* \`${esc(k.key)}\`  ${stateLine(k)}`,
    `Owner <@${k.ownerId}>${k.channelId ? ` · channel <#${k.channelId}>` : ''}${k.team ? ` · team ${esc(k.team)}` : ''} · ${k.cadence}`,
    `Target range *${esc(range(k))}* (${k.direction === 'higher_is_better' ? 'higher' : 'lower'} is better) · alert threshold ${esc(fmt(k, k.alertThreshold))}${k.aspirational !== null ? ` · aspirational ${esc(fmt(k, k.aspirational))}` : ''}`,
  ];
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(facts.join('\n'), 3000) } };
}

/** The last readings with their sparkline and a chart, or how to log the first one. */
function showReadingsBlocks(k: KpiStatusView): KnownBlock[] {
  if (k.readings.length === 0) {
    return [
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `No readings yet. \`/kpi log ${esc(k.key)} VALUE\` records one.` },
        ],
      },
    ];
  }
  const list = k.readings.map((r) => `${r.period}: ${esc(fmt(k, r.value))}`).join(' · ');
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*Last ${k.readings.length} readings*  \`${k.trend}\`\n${list}`, 3000),
      },
    },
  ];
  const chart = kpiTrendChart({
    kpiName: k.name,
    unit: k.unit,
    periods: k.readings.map((r) => r.period),
    values: k.readings.map((r) => r.value),
    range: k.range,
    threshold: k.alertThreshold,
  });
  if (chart) blocks.push(chart as unknown as KnownBlock);
  return blocks;
}

/** `• critical · past the alert threshold (acknowledged, acknowledged by @x, since …): detail`. */
function openAlertLine(a: AlertState): string {
  const who = a.acknowledgedBy
    ? `, acknowledged by <@${a.acknowledgedBy}>`
    : a.snoozedUntil
      ? `, snoozed until ${a.snoozedUntil === 'next_reading' ? 'the next reading' : a.snoozedUntil.slice(0, 10)}`
      : '';
  return `• ${a.severity} · ${RULE_LAYER[a.rule]} (${a.status}${who}, since ${a.since}): ${esc(truncate(a.detail, 300))}`;
}

/** The open alerts, most important first, or that there are none. */
function showAlertsBlock(k: KpiStatusView): KnownBlock {
  const open = k.alerts.filter((a) => a.status !== 'resolved');
  if (open.length === 0) {
    return { type: 'context', elements: [{ type: 'mrkdwn', text: 'No open alerts.' }] };
  }
  const lines = open.sort((a, b) => ORDER.indexOf(a.rule) - ORDER.indexOf(b.rule)).map(openAlertLine);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(`*Open alerts*\n${lines.join('\n')}`, 3000) },
  };
}

/** The key result the alerts fold into, when an active OKR targets the KPI. */
function showFoldedBlocks(k: KpiStatusView): KnownBlock[] {
  if (!k.foldedInto) return [];
  return [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `An active OKR targets this KPI: alerts go into the check-in of _${esc(k.foldedInto)}_.`,
            3000,
          ),
        },
      ],
    },
  ];
}

/** `/kpi show KEY`: the last readings with a sparkline, the range, and open alerts. */
export function kpiShowMessage(k: KpiStatusView): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    showFactsBlock(k),
    ...showReadingsBlocks(k),
    showAlertsBlock(k),
    ...showFoldedBlocks(k),
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Response protocol:* ${esc(k.protocol)}`, 3000) },
    },
  ];
  const last = k.readings.at(-1);
  return {
    text: truncate(
      esc(
        `${k.name}: ${last ? `${fmt(k, last.value)} in ${last.period}` : 'no readings'}; range ${range(k)}`,
      ),
      3000,
    ),
    blocks,
  };
}

/** The state in plain words, for a table cell (no emoji codes). */
function plainState(k: KpiStatusView): string {
  const open = k.alerts.filter((a) => a.status !== 'resolved');
  if (open.length === 0) return k.readings.length === 0 ? 'no readings' : 'healthy';
  const worst = open.some((a) => a.severity === 'critical')
    ? 'critical'
    : open.some((a) => a.severity === 'warning')
      ? 'warning'
      : 'info';
  return `${worst} (${open.length} open)`;
}
