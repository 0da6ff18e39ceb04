import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { CONFIDENCE_LABELS, CONFIDENCES, type Confidence, progressLineOf } from '../../../okrs/index.js';
import { roundLabel } from '../../domain/round-labels.js';
import { CHECKIN_IDS, type CheckinField, fieldBlockId } from '../ids.js';
import { type CheckinKeyResultView, clip, esc } from './checkin-format.js';

/** Key results per modal: at most seven blocks and a divider each keeps the form under Slack's 100 blocks. */
export const MAX_KRS_PER_MODAL = 12;

/** What the modal's `private_metadata` carries: the round and the key results on the form. */
export interface CheckinModalMetadata {
  r: string;
  k: string[];
}

export interface ModalKeyResult extends CheckinKeyResultView {
  /** What the value box starts with: this round's answer, else the current value. */
  initialValue: string;
  confidence: Confidence | null;
  changed: string | null;
  blockers: string | null;
  next: string | null;
  /**
   * At its quarter's closing check-in: the quarter, and for a key result without a baseline or target the
   * score box (0.0–1.0) with what it starts with (the score given so far, or empty).
   */
  closing?: { quarter: string; score?: { initial: string } };
}

const option = (c: Confidence): PlainTextOption => ({
  text: { type: 'plain_text', text: CONFIDENCE_LABELS[c] },
  value: c,
});

function textInput(
  krId: string,
  field: CheckinField,
  label: string,
  initial: string | null,
  placeholder: string,
): KnownBlock {
  return {
    type: 'input',
    block_id: fieldBlockId(krId, field),
    optional: true,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'plain_text_input',
      action_id: field,
      multiline: true,
      max_length: 1000,
      placeholder: { type: 'plain_text', text: placeholder },
      ...(initial ? { initial_value: initial.slice(0, 1000) } : {}),
    },
  };
}

/** What the check-in form shows: the round, until when answers are open, and the key results on it. */
export interface CheckinModalModel {
  roundKey: string;
  untilLabel: string;
  keyResults: ModalKeyResult[];
  totalOwned: number;
  editing: boolean;
}

/** The form's heading: the round, until when, and how to reach key results that did not fit. */
function notesBlock(d: CheckinModalModel, shown: number): KnownBlock {
  const notes = [`${esc(roundLabel(d.roundKey))} · you can change your answers until ${d.untilLabel}.`];
  const closing = [...new Set(d.keyResults.flatMap((k) => (k.closing ? [k.closing.quarter] : [])))];
  if (closing.length > 0)
    notes.push(
      `*This is the closing check-in of ${esc(closing.join(' and '))}:* give each key result's final value; the quarter is graded from it.`,
    );
  if (d.totalOwned > shown) {
    notes.push(
      `You own ${d.totalOwned} key results; this form holds ${shown}. Press *Check in* again after saving for the rest.`,
    );
  }
  return { type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn' as const, text })) };
}

/** The closing check-in's score box, for a key result without a baseline or target. */
function scoreInput(kr: ModalKeyResult, quarter: string, initial: string): KnownBlock {
  return {
    type: 'input',
    block_id: fieldBlockId(kr.id, 'score'),
    label: { type: 'plain_text', text: `Score for ${quarter}, from 0.0 to 1.0` },
    hint: {
      type: 'plain_text',
      text: 'It has no baseline or target, so your score grades it: 0.7 means most of the way, 1.0 all of it.',
    },
    element: {
      type: 'plain_text_input',
      action_id: 'score',
      max_length: 10,
      placeholder: { type: 'plain_text', text: 'e.g. 0.7' },
      ...(initial !== '' ? { initial_value: initial } : {}),
    },
  };
}

function valueLabel(kr: ModalKeyResult): string {
  const label = kr.closing ? 'Final value' : 'New current value';
  return clip(kr.unit ? `${label} (${kr.unit})` : label, 2000);
}

/** One key result on the form: what it is, its value (and closing score), confidence, and the text fields. */
function keyResultBlocks(kr: ModalKeyResult): KnownBlock[] {
  const score = kr.closing?.score ? [scoreInput(kr, kr.closing.quarter, kr.closing.score.initial)] : [];
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${esc(clip(kr.text, 400))}*\n_${esc(clip(kr.objective, 300))}_\n${progressLineOf(kr, { strong: true })}`,
          3000,
        ),
      },
    },
    {
      type: 'input',
      block_id: fieldBlockId(kr.id, 'value'),
      label: { type: 'plain_text', text: valueLabel(kr) },
      hint: { type: 'plain_text', text: 'A number, e.g. 41, 41.5 or 1,200; the unit may follow.' },
      element: {
        type: 'plain_text_input',
        action_id: 'value',
        max_length: 40,
        ...(kr.initialValue !== '' ? { initial_value: kr.initialValue } : {}),
      },
    },
    ...score,
    {
      type: 'input',
      block_id: fieldBlockId(kr.id, 'confidence'),
      label: { type: 'plain_text', text: 'Confidence' },
      element: {
        type: 'radio_buttons',
        action_id: 'confidence',
        options: CONFIDENCES.map(option),
        ...(kr.confidence ? { initial_option: option(kr.confidence) } : {}),
      },
    },
    textInput(kr.id, 'changed', 'What changed?', kr.changed, 'Since the last check-in'),
    textInput(
      kr.id,
      'blockers',
      'What is blocking you?',
      kr.blockers,
      'Leave empty if nothing; otherwise it goes to the objective owner',
    ),
    textInput(kr.id, 'next', 'What will you focus on next?', kr.next, 'One or two things'),
  ];
}

/**
 * The check-in form: per key result, the new current value (text, so `41 days` and `1,200` work; checked
 * on submit), confidence, what changed, what is blocking, and the next focus. At most
 * {@link MAX_KRS_PER_MODAL} key results; `totalOwned` larger than that says how the rest are reached.
 */
export function checkinModal(d: CheckinModalModel): ModalView {
  const krs = d.keyResults.slice(0, MAX_KRS_PER_MODAL);
  const metadata: CheckinModalMetadata = { r: d.roundKey, k: krs.map((k) => k.id) };
  const blocks: KnownBlock[] = [notesBlock(d, krs.length)];
  krs.forEach((kr, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...keyResultBlocks(kr));
  });
  return {
    type: 'modal',
    callback_id: CHECKIN_IDS.submitView,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: d.editing ? 'Edit check-in' : 'Weekly check-in' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** A modal that only explains (the round has closed, nothing to check in). */
export function checkinInfoModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(title, 24) },
    close: { type: 'plain_text', text: 'OK' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } }],
  };
}
