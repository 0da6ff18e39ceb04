import type { KnownBlock } from '@slack/types';
import { type Confidence, needsClosingScore, progressLineOf } from '../../../okrs/index.js';
import { roundLabel } from '../../domain/round-labels.js';
import { CHECKIN_BLOCKS, CHECKIN_IDS } from '../ids.js';
import { type CheckinKeyResultView, clip, confidenceLabel, esc } from './checkin-format.js';

/** Key results listed in one DM (a message holds at most 50 blocks); the modal covers every one. */
export const MAX_KRS_IN_PROMPT = 40;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

function krSection(kr: CheckinKeyResultView, extra?: string): KnownBlock {
  const lines = [
    `*${esc(clip(kr.text, 400))}*`,
    `_${esc(clip(kr.objective, 300))}_`,
    progressLineOf(kr, { strong: true }),
  ];
  if (extra) lines.push(extra);
  return { type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } };
}

/** KPI alerts folded into this key result: the owner sees them here, in the check-in, not as a page. */
function kpiAlertLines(kr: CheckinKeyResultView): string | undefined {
  if (!kr.kpiAlerts || kr.kpiAlerts.length === 0) return undefined;
  return kr.kpiAlerts.map((a) => `:warning: KPI ${esc(clip(a, 300))}`).join('\n');
}

function checkinButton(roundKey: string, label: string, primary: boolean): KnownBlock {
  return {
    type: 'actions',
    block_id: CHECKIN_BLOCKS.checkinActions,
    elements: [
      {
        type: 'button',
        action_id: CHECKIN_IDS.openAction,
        text: { type: 'plain_text', text: label },
        value: roundKey,
        ...(primary ? { style: 'primary' as const } : {}),
      },
    ],
  };
}

function moreLine(hidden: number): KnownBlock[] {
  return hidden > 0
    ? [
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: `…and ${hidden} more key result${hidden === 1 ? '' : 's'}.` }],
        },
      ]
    : [];
}

/** The round's one DM to an owner: every active key result with its progress, and a Check in button. */
export function checkinPromptMessage(d: {
  name: string;
  roundKey: string;
  keyResults: CheckinKeyResultView[];
  untilLabel: string;
  /** Set when this is the last round that starts inside that quarter. */
  closingQuarter?: string;
}): SlackMessage {
  const n = d.keyResults.length;
  const first = d.name.split(' ')[0] ?? d.name;
  const shown = d.keyResults.slice(0, MAX_KRS_IN_PROMPT);
  const scoreToo = d.keyResults.some((k) => needsClosingScore(k))
    ? ', and a score from 0.0 to 1.0 for one without a baseline or target'
    : '';
  const closing = d.closingQuarter
    ? `\n*This is the closing check-in of ${esc(d.closingQuarter)}:* give each key result's final value${scoreToo}; the quarter is graded from it.`
    : '';
  const intro = `*Time for your check-in, ${esc(first)}* (${esc(roundLabel(d.roundKey))})\nYou own ${n} key result${n === 1 ? '' : 's'}. Update the numbers, say how confident you are and what is in the way: under a minute.${closing}`;
  return {
    text: `Check-in for ${esc(roundLabel(d.roundKey))}: ${n} key result${n === 1 ? '' : 's'} to update`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: intro } },
      ...shown.map((kr) => krSection(kr, kpiAlertLines(kr))),
      ...moreLine(n - shown.length),
      checkinButton(d.roundKey, 'Check in', true),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Answers are open until ${d.untilLabel}.` }] },
    ],
  };
}

export interface AnsweredKeyResult extends CheckinKeyResultView {
  answer: { value: number | null; confidence: Confidence | null } | null;
}

/** The prompt after a submission, edited in place: the numbers as answered, and an Edit button until the round ends. */
export function checkedInMessage(d: {
  roundKey: string;
  keyResults: AnsweredKeyResult[];
  untilLabel: string;
}): SlackMessage {
  const answered = d.keyResults.filter((k) => k.answer !== null).length;
  const total = d.keyResults.length;
  const complete = answered >= total;
  const shown = d.keyResults.slice(0, MAX_KRS_IN_PROMPT);
  const head = complete
    ? `:white_check_mark: *Checked in* for ${esc(roundLabel(d.roundKey))}. Thank you.`
    : `:white_check_mark: *Checked in* ${answered} of ${total} key result${total === 1 ? '' : 's'} for ${esc(roundLabel(d.roundKey))}.`;
  return {
    text: complete
      ? `Checked in for ${esc(roundLabel(d.roundKey))}`
      : `Checked in ${answered} of ${total} key results for ${esc(roundLabel(d.roundKey))}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: head } },
      ...shown.map((kr) => {
        if (!kr.answer) return krSection(kr, '_not answered yet_');
        const section: KnownBlock = {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: clip(
              `*${esc(clip(kr.text, 400))}*\n${progressLineOf(kr, { current: kr.answer.value, strong: true })} · ${confidenceLabel(kr.answer.confidence)}`,
              3000,
            ),
          },
        };
        return section;
      }),
      ...moreLine(total - shown.length),
      checkinButton(
        d.roundKey,
        complete ? 'Edit check-in' : `Check in (${total - answered} left)`,
        !complete,
      ),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `You can change your answers until ${d.untilLabel}.` }],
      },
    ],
  };
}

/** The one reminder of a round. */
export function checkinNudgeMessage(d: {
  roundKey: string;
  keyResultCount: number;
  untilLabel: string;
}): SlackMessage {
  const n = d.keyResultCount;
  const text = `:alarm_clock: Reminder: your check-in for ${esc(roundLabel(d.roundKey))} is still open (${n} key result${n === 1 ? '' : 's'}, under a minute).`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      checkinButton(d.roundKey, 'Check in', true),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Answers are open until ${d.untilLabel}. This is the only reminder.` },
        ],
      },
    ],
  };
}

/** The reminder once the owner has answered (edited in place, so no stray button is left). */
export function nudgeAnsweredMessage(roundKey: string): SlackMessage {
  const text = `:white_check_mark: Checked in for ${esc(roundLabel(roundKey))}. Thank you.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
