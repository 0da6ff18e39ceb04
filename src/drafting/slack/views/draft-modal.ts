import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DraftProblem } from '../../domain/draft-problems.js';
import type { DraftLint, OkrType } from '../../domain/lint/index.js';
import {
  ACTION,
  BLOCK,
  DRAFT_CALLBACK_ID,
  krFeedbackBlockId,
  krOwnerBlockId,
  krTextBlockId,
} from '../ids.js';
import { draftFindingsText, keyResultFeedback, objectiveFeedback } from './lint-feedback.js';

export const MAX_KEY_RESULT_ROWS = 5;

/** What the modal keeps between updates, in `private_metadata` (kept small: ≤3000 characters). */
export interface DraftMetadata {
  /** Channel the command was typed in. */
  c: string;
  /** Key-result rows shown. */
  n: number;
  /** Revision of the key-result inputs; bumped when okrbot rewrites them (a pasted list split into rows). */
  r: number;
  /** The team's objectives already in the quarter (counted once, when the modal opens). */
  k: number;
}

export interface DraftValues {
  objective: string;
  type: OkrType;
  quarter: string;
  channel?: string;
  keyResults: Array<{ text: string; owner?: string }>;
}

const TYPES: Array<{ value: OkrType; label: string }> = [
  { value: 'committed', label: 'Committed (1.0 expected)' },
  { value: 'aspirational', label: 'Aspirational (0.7 is success)' },
  { value: 'cross-team', label: 'Cross-team (shared)' },
];

const option = (text: string, value: string): PlainTextOption => ({
  text: { type: 'plain_text', text },
  value,
});

/** What the modal is drawn from. */
export interface DraftModalData {
  meta: DraftMetadata;
  values: DraftValues;
  quarters: string[];
  lint?: DraftLint;
}

/**
 * The `/okr draft` modal. Pure: values and lint results in, view out. Inputs keep their block and action ids
 * across updates, so what the person typed stays; `initial` values are used only for new blocks.
 */
export function draftModalView(args: DraftModalData): ModalView {
  const { meta, values, quarters, lint } = args;
  const blocks: KnownBlock[] = [
    ...objectiveBlocks(values, lint),
    ...settingsBlocks(values, quarters),
    { type: 'divider' },
    keyResultHeading(),
  ];
  for (let i = 0; i < meta.n; i++) blocks.push(...keyResultRowBlocks(i, meta, values, lint));
  if (meta.n < MAX_KEY_RESULT_ROWS) blocks.push(addRowBlock());
  const findings = findingsBlock(lint);
  if (findings) blocks.push(findings);
  return {
    type: 'modal',
    callback_id: DRAFT_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Draft an OKR' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The objective's input, and its feedback once something is typed. */
function objectiveBlocks(values: DraftValues, lint: DraftLint | undefined): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: BLOCK.objective,
      dispatch_action: true,
      // Optional for Slack, so that okrbot's own, more helpful message answers an empty objective.
      optional: true,
      label: { type: 'plain_text', text: 'Objective' },
      hint: {
        type: 'plain_text',
        text: 'Qualitative and inspiring: where should the team be at the end of the quarter?',
      },
      element: {
        type: 'plain_text_input',
        action_id: ACTION.objective,
        max_length: 3000,
        ...(values.objective ? { initial_value: values.objective } : {}),
        placeholder: {
          type: 'plain_text',
          text: 'Build a recruiting function that fills roles faster than our competitors',
        },
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
  ];
  if (lint && hasAWord(values.objective)) {
    blocks.push({
      type: 'context',
      block_id: BLOCK.objectiveFeedback,
      elements: [{ type: 'mrkdwn', text: objectiveFeedback(lint.objective, 'live') }],
    });
  }
  return blocks;
}

/**
 * Feedback appears once the first word is written: a verdict on one letter ("I" as an outcome) is noise to
 * read, and would cost a views.update per row for nothing.
 */
function hasAWord(text: string | undefined): boolean {
  return /\S\s/u.test(text ?? '');
}

/** Type, quarter and team channel. */
function settingsBlocks(values: DraftValues, quarters: string[]): KnownBlock[] {
  const type = TYPES.find((t) => t.value === values.type) ?? TYPES[0]!;
  return [
    {
      type: 'input',
      block_id: BLOCK.type,
      label: { type: 'plain_text', text: 'Type' },
      element: {
        type: 'static_select',
        action_id: ACTION.type,
        options: TYPES.map((t) => option(t.label, t.value)),
        initial_option: option(type.label, type.value),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.quarter,
      label: { type: 'plain_text', text: 'Quarter' },
      element: {
        type: 'static_select',
        action_id: ACTION.quarter,
        options: quarters.map((q) => option(q, q)),
        initial_option: option(values.quarter, values.quarter),
      },
    },
    {
      type: 'input',
      block_id: BLOCK.channel,
      label: { type: 'plain_text', text: 'Team channel' },
      hint: { type: 'plain_text', text: 'The summary is posted here, and check-in threads go here.' },
      element: {
        type: 'conversations_select',
        action_id: ACTION.channel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(values.channel ? { initial_conversation: values.channel } : {}),
      },
    },
  ];
}

function keyResultHeading(): KnownBlock {
  return {
    type: 'section',
    block_id: BLOCK.keyResultHeading,
    text: {
      type: 'mrkdwn',
      text: '*Key results* (2 to 5). Each measures a change: _from_ where you are _to_ where you want to be, _by_ when.',
    },
  };
}

/** Row `i`: its text, its owner, and its feedback once something is typed. */
function keyResultRowBlocks(
  i: number,
  meta: DraftMetadata,
  values: DraftValues,
  lint: DraftLint | undefined,
): KnownBlock[] {
  const row = values.keyResults[i];
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: krTextBlockId(i, meta.r),
      dispatch_action: true,
      optional: true,
      label: { type: 'plain_text', text: `Key result ${i + 1}` },
      element: {
        type: 'plain_text_input',
        action_id: ACTION.krText,
        multiline: true,
        max_length: 3000,
        ...(row?.text ? { initial_value: row.text } : {}),
        placeholder: { type: 'plain_text', text: 'Reduce time-to-hire from 52 to 30 days by end of Q4' },
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
    {
      type: 'input',
      block_id: krOwnerBlockId(i),
      optional: true,
      label: { type: 'plain_text', text: `Owner of key result ${i + 1}` },
      element: {
        type: 'users_select',
        action_id: ACTION.krOwner,
        ...(row?.owner ? { initial_user: row.owner } : {}),
      },
    },
  ];
  const krLint = lint?.keyResults[i];
  if (krLint && hasAWord(row?.text)) {
    blocks.push({
      type: 'context',
      block_id: krFeedbackBlockId(i),
      elements: [{ type: 'mrkdwn', text: keyResultFeedback(krLint, 'live') }],
    });
  }
  return blocks;
}

function addRowBlock(): KnownBlock {
  return {
    type: 'actions',
    block_id: BLOCK.actions,
    elements: [
      {
        type: 'button',
        action_id: ACTION.addRow,
        text: { type: 'plain_text', text: '➕ Add a key result' },
        value: 'add',
      },
    ],
  };
}

/** Findings about the set as a whole, if any. */
function findingsBlock(lint: DraftLint | undefined): KnownBlock | undefined {
  const text = lint ? draftFindingsText(lint.findings, 'live', lint.objective.language) : undefined;
  if (!text) return undefined;
  return { type: 'context', block_id: BLOCK.findings, elements: [{ type: 'mrkdwn', text }] };
}

/** Problems that stop a save, as `response_action: errors` wants them: the first one per input block. */
export function draftErrors(problems: DraftProblem[], rev: number): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of problems) {
    const blockId =
      p.field === 'objective'
        ? BLOCK.objective
        : p.field === 'owner'
          ? krOwnerBlockId(p.index)
          : krTextBlockId(p.index, rev);
    errors[blockId] ??= p.message;
  }
  return errors;
}
