import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn as esc } from '../../../platform/slack/mrkdwn.js';
import { dataTable } from '../../../platform/slack/tables.js';
import type { TeamRollupRow } from '../../domain/rollup.js';

const pct = (a: number, b: number) => (b === 0 ? null : Math.round((100 * a) / b));

/** HR's roll-up: one row per team, in name order. Teams, never people, and no ranking. */
export function rollupBlocks(quarter: string, rows: TeamRollupRow[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `${quarter} roll-up` } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Per team: objectives and the confidence of their key results, check-in participation (answered / prompted), blockers open for more than a week, and KPIs firing. Teams in name order: this is not a ranking.',
        },
      ],
    },
  ];
  const table = dataTable({
    caption: `${quarter} by team`,
    header: [
      'Team',
      'Objectives',
      'On track',
      'At risk',
      'Off track',
      'No check-in',
      'This round',
      'Quarter %',
      'Blockers > 7 days',
      'KPIs firing',
    ],
    rows: rows.map((r) => [
      r.teamName,
      r.objectives,
      r.confidence.on_track,
      r.confidence.at_risk,
      r.confidence.off_track,
      r.confidence.none,
      r.round.prompted === 0 ? null : `${r.round.answered} / ${r.round.prompted}`,
      pct(r.quarter.answered, r.quarter.prompted),
      r.blockersOlderThanAWeek,
      r.kpisFiring,
    ]),
  });
  if (table) blocks.push(table as unknown as KnownBlock);
  else
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `No team has objectives in ${esc(quarter)}.` },
    });
  return blocks;
}

/** The plain-text fallback. */
export function rollupText(quarter: string, rows: TeamRollupRow[]): string {
  return esc(
    `${quarter} roll-up: ${rows.map((r) => `${r.teamName} ${r.objectives} objective${r.objectives === 1 ? '' : 's'}`).join('; ') || 'no teams'}`,
  );
}
