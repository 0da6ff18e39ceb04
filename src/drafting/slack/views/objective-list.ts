import type { KnownBlock } from '@slack/types';
import type { KeyResult, Objective } from '../../../okrs/index.js';
import { progressBarOf, progressText } from '../../../okrs/index.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';

/** What `/okr list` shows: the quarter, whose objectives they are, and the objectives with their key results. */
export interface ObjectiveList {
  quarter: string;
  scope: string;
  objectives: Objective[];
  keyResults: KeyResult[];
}

/** `/okr list`: objectives of the quarter with each key result's progress. At most 45 sections (Slack allows 50). */
export function objectiveListMessage(args: ObjectiveList): {
  text: string;
  blocks: KnownBlock[];
} {
  const { quarter, scope, objectives, keyResults } = args;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${scope}: ${quarter}`, 150) } },
  ];
  if (objectives.length === 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `No objectives for ${quarter} yet. \`/okr draft\` to write one.` },
    });
  }
  for (const o of objectives.slice(0, 20)) {
    const lines = keyResults
      .filter((kr) => kr.objective_id === o.id)
      .map((kr) => {
        const progress = progressBarOf(kr);
        const bar = progress ? `\`${progress}\` ` : '';
        const numbers = kr.baseline !== null || kr.target !== null ? ` (${progressText(kr)})` : '';
        return `• ${bar}${esc(kr.text)}${esc(numbers)}: <@${kr.owner_slack_id}>`;
      });
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${esc(o.text)}*  _${o.type}, <@${o.owner_slack_id}>_\n${lines.join('\n') || '_no key results yet_'}`,
          3000,
        ),
      },
    });
  }
  if (objectives.length > 20)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${objectives.length - 20} more not shown.` }],
    });
  return {
    text: esc(`${scope}: ${objectives.length} objective${objectives.length === 1 ? '' : 's'} for ${quarter}`),
    blocks,
  };
}
