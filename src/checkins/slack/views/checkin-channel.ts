import type { KnownBlock } from '@slack/types';
import type { Confidence } from '../../../okrs/index.js';
import { formatCount, progressLineOf } from '../../../okrs/index.js';
import { roundLabel } from '../../domain/round-labels.js';
import { type CheckinKeyResultView, clip, confidenceLabel, esc } from './checkin-format.js';
import type { SlackMessage } from './checkin-prompt.js';

/** The round's one post in a team channel; each check-in's summary is a reply in its thread. */
export function roundThreadMessage(d: { teamName: string; roundKey: string }): SlackMessage {
  const text = `:spiral_calendar_pad: *Check-ins for ${esc(roundLabel(d.roundKey))}* · ${esc(d.teamName)}\nAnswers arrive in this thread as people check in; the digest follows when the round closes.`;
  return {
    text: `Check-ins for ${esc(roundLabel(d.roundKey))} (${esc(d.teamName)})`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

export interface SummaryItem extends CheckinKeyResultView {
  value: number | null;
  confidence: Confidence | null;
  blockers: string | null;
}

/** One owner's check-in as a short reply in the team's round thread. */
export function checkinSummaryMessage(d: {
  ownerId: string;
  name: string;
  edited: boolean;
  items: SummaryItem[];
}): SlackMessage {
  const head = d.edited ? `<@${d.ownerId}> updated their check-in:` : `<@${d.ownerId}> checked in:`;
  const lines = d.items.map((k) => {
    const main = `• *${esc(clip(k.text, 300))}*: ${progressLineOf(k, { current: k.value, strong: true })} · ${confidenceLabel(k.confidence)}`;
    return k.blockers ? `${main}\n      :construction: _Blocked:_ ${esc(clip(k.blockers, 500))}` : main;
  });
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: head } }];
  let buffer = '';
  for (const line of lines) {
    if (buffer.length + line.length + 1 > 2900) {
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: buffer } });
      buffer = '';
    }
    buffer = buffer ? `${buffer}\n${line}` : clip(line, 2900);
  }
  if (buffer) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: buffer } });
  return {
    text: `${esc(d.name)} ${d.edited ? 'updated their check-in' : 'checked in'}: ${d.items.length} key result${d.items.length === 1 ? '' : 's'}`,
    blocks: blocks.slice(0, 50),
  };
}

export interface DigestData {
  teamName: string;
  roundKey: string;
  answered: Array<{ id: string; name: string }>;
  missing: Array<{ id: string; name: string; pausedUntil: string | null }>;
  confidenceChanges: Array<{ text: string; owner: string; from: Confidence; to: Confidence }>;
  blockers: Array<{ text: string; owner: string; blocker: string }>;
  noMovement: Array<{ text: string; owner: string; value: number | null; unit: string | null }>;
  /** False when there are not yet three rounds to compare (then nothing is said about movement). */
  noMovementChecked?: boolean;
}

/** What the "No movement" section says when it lists nothing: "every key result moved" only when someone answered. */
function noMovementEmpty(d: DigestData): string {
  if (d.answered.length === 0) return 'nobody answered this round, so nothing to compare';
  if (d.noMovementChecked === false) return 'too early to tell: fewer than three rounds so far';
  return 'every key result moved';
}

/** Lines joined into one section of at most ~2,900 characters, with "…and N more" when they do not fit. */
function listSection(title: string, lines: string[], empty: string): KnownBlock {
  let text = `*${title}*`;
  if (lines.length === 0) return { type: 'section', text: { type: 'mrkdwn', text: `${text}\n_${empty}_` } };
  let used = 0;
  for (const line of lines) {
    const rest = lines.length - used - 1;
    const tail = rest > 0 ? `\n…and ${rest} more` : '';
    if (text.length + line.length + 1 + tail.length > 2900) break;
    text += `\n${line}`;
    used++;
  }
  if (used < lines.length) text += `\n…and ${lines.length - used} more`;
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** The end-of-round post: who answered, confidence changes, blockers, key results that have not moved in three rounds. */
export function checkinDigestMessage(d: DigestData): SlackMessage {
  const total = d.answered.length + d.missing.length;
  const who = d.answered.map((p) => `<@${p.id}>`).join(', ');
  const missing = d.missing
    .map((p) => (p.pausedUntil ? `<@${p.id}> (away until ${p.pausedUntil})` : `<@${p.id}>`))
    .join(', ');
  const answeredLines = [`${d.answered.length} of ${total} answered${who ? `: ${who}` : ''}`];
  if (missing) answeredLines.push(`No answer: ${missing}`);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:bar_chart: *Check-in digest for ${esc(roundLabel(d.roundKey))}* · ${esc(d.teamName)}`,
      },
    },
    listSection('Who answered', answeredLines, 'nobody was asked this round'),
    listSection(
      'Confidence changes',
      d.confidenceChanges.map(
        (c) =>
          `• ${esc(clip(c.text, 200))} (<@${c.owner}>): ${confidenceLabel(c.from)} → ${confidenceLabel(c.to)}`,
      ),
      'no changes',
    ),
    listSection(
      'Blockers',
      d.blockers.map((b) => `• ${esc(clip(b.text, 200))} (<@${b.owner}>): ${esc(clip(b.blocker, 400))}`),
      'none reported',
    ),
    listSection(
      'No movement for three rounds',
      d.noMovement.map(
        (k) => `• ${esc(clip(k.text, 200))} (<@${k.owner}>): still ${formatCount(k.value, k.unit)}`,
      ),
      noMovementEmpty(d),
    ),
  ];
  return {
    text: `Check-in digest for ${esc(roundLabel(d.roundKey))} (${esc(d.teamName)}): ${d.answered.length} of ${total} answered, ${d.blockers.length} blocker${d.blockers.length === 1 ? '' : 's'}`,
    blocks,
  };
}
