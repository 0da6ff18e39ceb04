import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import type { DraftLint, OkrType } from '../../domain/lint/index.js';
import { VERDICT_ICON } from './lint-feedback.js';

export interface SavedDraft {
  author: string;
  objective: string;
  type: OkrType;
  quarter: string;
  keyResults: Array<{ text: string; owner: string }>;
  lint: DraftLint;
}

/** `<@U…>` for a Slack user id; anything else (a forged value) as plain, escaped text. */
const mention = (id: string): string => (/^[UW][A-Z0-9]{2,20}$/.test(id) ? `<@${id}>` : esc(id));

const TYPE_LABEL: Record<OkrType, string> = {
  committed: 'committed: 1.0 is expected',
  aspirational: 'aspirational: about 0.7 is success',
  'cross-team': 'cross-team: shared by the teams that contribute',
};

/** The team-channel post for a saved OKR: readable at a glance, with the linter's verdicts. */
export function draftSummaryMessage(d: SavedDraft): { text: string; blocks: KnownBlock[] } {
  const krLines = d.keyResults.map((kr, i) => {
    const lint = d.lint.keyResults[i];
    const note =
      lint && lint.verdict !== 'outcome'
        ? ` _(${lint.verdict === 'activity' ? 'activity' : 'KPI standard'}: see the suggestions in /okr lint)_`
        : '';
    return `${lint ? VERDICT_ICON[lint.verdict] : '•'} ${esc(kr.text)}: ${mention(kr.owner)}${note}`;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`New OKR for ${d.quarter}`, 150) } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${esc(d.objective)}*\n${TYPE_LABEL[d.type]} · drafted by ${mention(d.author)}`,
          3000,
        ),
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(krLines.join('\n'), 3000) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Each owner gets a check-in prompt every week. `/okr list` shows the quarter.',
        },
      ],
    },
  ];
  return { text: truncate(`New OKR for ${esc(d.quarter)}: ${esc(d.objective)}`, 3000), blocks };
}

/** The DM telling a person they own a key result. */
export function keyResultOwnerMessage(d: SavedDraft, owner: string): { text: string; blocks: KnownBlock[] } {
  const mine = d.keyResults.filter((kr) => kr.owner === owner).map((kr) => `• ${esc(kr.text)}`);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `${mention(d.author)} made you the owner of ${mine.length === 1 ? 'a key result' : `${mine.length} key results`} for ${d.quarter}:\n${mine.join('\n')}\n\nObjective: _${esc(d.objective)}_`,
          3000,
        ),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Each week you get one check-in prompt here: the current value, your confidence, and what is in the way.',
        },
      ],
    },
  ];
  return {
    text: truncate(
      `You own ${mine.length === 1 ? 'a key result' : 'key results'} for ${esc(d.quarter)}: ${esc(d.keyResults.find((k) => k.owner === owner)?.text ?? '')}`,
      3000,
    ),
    blocks,
  };
}
