import type { KnownBlock, ModalView } from '@slack/types';
import type { Confidence } from '../../../okrs/index.js';
import { roundLabel } from '../../domain/round-labels.js';
import { CHECKIN_BLOCKS, CHECKIN_IDS } from '../ids.js';
import { type CheckinKeyResultView, clip, confidenceLabel, esc, progressLine } from './checkin-format.js';
import type { SlackMessage } from './checkin-prompt.js';

/** What the reply button and the reply modal carry: whose check-in, which round. */
export interface HelpReplyMetadata {
  o: string;
  r: string;
}

export interface HelpItem extends CheckinKeyResultView {
  value: number | null;
  confidence: Confidence | null;
  blockers: string | null;
}

/**
 * A DM to the objective owner (or the owner's manager) when a check-in reports a blocker or an off-track
 * key result, with a button to reply to the person who is stuck.
 */
export function helpRequestMessage(d: {
  ownerId: string;
  ownerName: string;
  roundKey: string;
  role: 'objective owner' | 'manager' | 'objective owner and manager';
  items: HelpItem[];
}): SlackMessage {
  const first = d.ownerName.split(' ')[0] ?? d.ownerName;
  const head = `:sos: <@${d.ownerId}> needs a hand (check-in for ${esc(roundLabel(d.roundKey))}). You are getting this as their ${d.role}.`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  for (const k of d.items.slice(0, 20)) {
    const lines = [
      `*${esc(clip(k.text, 300))}*`,
      `${progressLine(k, k.value)} · ${confidenceLabel(k.confidence)}`,
      k.blockers
        ? `:construction: *Blocked:* ${esc(clip(k.blockers, 1500))}`
        : '_No blocker given; marked off track._',
    ];
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), 3000) } });
  }
  const meta: HelpReplyMetadata = { o: d.ownerId, r: d.roundKey };
  blocks.push({
    type: 'actions',
    block_id: CHECKIN_BLOCKS.helpActions,
    elements: [
      {
        type: 'button',
        action_id: CHECKIN_IDS.replyAction,
        text: { type: 'plain_text', text: clip(`Reply to ${first}`, 75) },
        value: JSON.stringify(meta),
        style: 'primary',
      },
    ],
  });
  const blocked = d.items.filter((k) => k.blockers).length;
  return {
    text: `${esc(d.ownerName)} needs a hand: ${blocked > 0 ? `${blocked} blocker${blocked === 1 ? '' : 's'}` : 'off track'} in their check-in for ${esc(roundLabel(d.roundKey))}`,
    blocks,
  };
}

/** The small form behind "Reply to …"; the answer goes to the owner as a DM. */
export function helpReplyModal(d: { ownerName: string; meta: HelpReplyMetadata }): ModalView {
  return {
    type: 'modal',
    callback_id: CHECKIN_IDS.replyView,
    private_metadata: JSON.stringify(d.meta),
    title: { type: 'plain_text', text: 'Reply' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: CHECKIN_BLOCKS.reply,
        label: { type: 'plain_text', text: clip(`Your answer to ${d.ownerName}`, 2000) },
        element: {
          type: 'plain_text_input',
          action_id: CHECKIN_BLOCKS.replyText,
          multiline: true,
          max_length: 2000,
          placeholder: { type: 'plain_text', text: 'What you will do, or who can help' },
        },
      },
    ],
  };
}

/** The reply, as a DM to the person who asked for help. */
export function helpReplyMessage(d: {
  fromId: string;
  fromName: string;
  roundKey: string;
  text: string;
}): SlackMessage {
  const quoted = esc(clip(d.text, 2500))
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  return {
    text: `${esc(d.fromName)} replied about your check-in for ${esc(roundLabel(d.roundKey))}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:speech_balloon: <@${d.fromId}> replied about your check-in for ${esc(roundLabel(d.roundKey))}:\n${quoted}`,
        },
      },
    ],
  };
}
