import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn as esc } from '../../../platform/slack/mrkdwn.js';
import { formatValue } from '../../domain/spec.js';
import type { LogResult } from '../../log-reading.js';
import { RULE_LAYER } from './kpi-alert-message.js';

/** The ephemeral answer to `/kpi log`: what was stored, and what it did to the KPI's alerts. */
export function kpiLogReply(result: LogResult): { text: string; blocks?: KnownBlock[] } {
  if (result.kind === 'refused') return { text: result.refusal };
  if (result.kind === 'unknown_kpi')
    return { text: `There is no KPI \`${esc(result.key)}\` here. \`/kpi list\` shows yours.` };
  if (result.kind === 'invalid')
    return { text: `Nothing was recorded for \`${esc(result.key)}\`: ${esc(result.error)}` };
  const unit = result.unit ?? undefined;
  const value = formatValue(result.value, unit);
  const lines: string[] = [];
  if (result.kind === 'unchanged')
    lines.push(`*${esc(result.name)}* already has ${esc(value)} for ${result.period}; nothing changed.`);
  else if (result.previous !== null) {
    lines.push(
      `Recorded *${esc(value)}* for *${esc(result.name)}*, ${result.period} (replacing ${esc(formatValue(result.previous, unit))}).`,
    );
  } else lines.push(`Recorded *${esc(value)}* for *${esc(result.name)}*, ${result.period}.`);
  for (const a of result.alerts) {
    const layer = RULE_LAYER[a.rule];
    if (a.folded_into_key_result)
      lines.push(
        `• ${a.severity} (${layer}): folded into the check-in of key result ${esc(a.folded_into_key_result)}, no page.`,
      );
    else if (a.event === 'fire' || a.event === 'escalate' || a.event === 'stale')
      lines.push(
        `• :rotating_light: ${a.severity} alert (${layer}): the owner and the KPI channel are told.`,
      );
    else if (a.event === 'repeat') lines.push(`• still ${a.to} (${layer}): the alert message is updated.`);
    else if (a.event === 'resolve') lines.push(`• :white_check_mark: resolved (${layer}).`);
    else if (a.event === 'pending')
      lines.push(`• pending (${layer}): one more reading outside the range makes it an alert.`);
  }
  if (result.alerts.length === 0 && result.kind === 'stored') {
    const [lo, hi] = result.range;
    lines.push(result.value >= lo && result.value <= hi ? 'In range.' : 'No alert changed.');
  }
  const text = lines.join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }] };
}
