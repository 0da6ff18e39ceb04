import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DraftLint, OkrType } from '../../domain/lint/index.js';
import { draftFindingsText, keyResultFeedback, objectiveFeedback } from './lint-feedback.js';

export const DRAFT_CALLBACK_ID = 'okr_draft';
export const MAX_KEY_RESULT_ROWS = 5;
export const ACTION = {
  objective: 'objective_text',
  krText: 'kr_text',
  krOwner: 'kr_owner',
  type: 'okr_type_select',
  quarter: 'quarter_select',
  channel: 'channel_select',
  addRow: 'draft_add_row',
} as const;

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

export const krTextBlockId = (i: number, rev: number) =>
  rev === 0 ? `kr_text_${i}` : `kr_text_${i}_r${rev}`;
export const krOwnerBlockId = (i: number) => `kr_owner_${i}`;
export const KR_TEXT_BLOCK = /^kr_text_(\d+)(?:_r\d+)?$/;

/**
 * The `/okr draft` modal. Pure: values and lint results in, view out. Inputs keep their block and action ids
 * across updates, so what the person typed stays; `initial` values are used only for new blocks.
 */
export function draftModalView(args: {
  meta: DraftMetadata;
  values: DraftValues;
  quarters: string[];
  lint?: DraftLint;
}): ModalView {
  const { meta, values, quarters, lint } = args;
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: 'objective',
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
  if (lint && values.objective.trim()) {
    blocks.push({
      type: 'context',
      block_id: 'objective_feedback',
      elements: [{ type: 'mrkdwn', text: objectiveFeedback(lint.objective) }],
    });
  }
  const type = TYPES.find((t) => t.value === values.type) ?? TYPES[0]!;
  blocks.push(
    {
      type: 'input',
      block_id: 'okr_type',
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
      block_id: 'quarter',
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
      block_id: 'channel',
      label: { type: 'plain_text', text: 'Team channel' },
      hint: { type: 'plain_text', text: 'The summary is posted here, and check-in threads go here.' },
      element: {
        type: 'conversations_select',
        action_id: ACTION.channel,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(values.channel ? { initial_conversation: values.channel } : {}),
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      block_id: 'kr_heading',
      text: {
        type: 'mrkdwn',
        text: '*Key results* (2 to 5). Each measures a change: _from_ where you are _to_ where you want to be, _by_ when.',
      },
    },
  );
  for (let i = 0; i < meta.n; i++) {
    const row = values.keyResults[i];
    blocks.push(
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
    );
    const krLint = lint?.keyResults[i];
    if (krLint && row?.text.trim()) {
      blocks.push({
        type: 'context',
        block_id: `kr_feedback_${i}`,
        elements: [{ type: 'mrkdwn', text: keyResultFeedback(krLint) }],
      });
    }
  }
  if (meta.n < MAX_KEY_RESULT_ROWS) {
    blocks.push({
      type: 'actions',
      block_id: 'draft_actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION.addRow,
          text: { type: 'plain_text', text: '➕ Add a key result' },
          value: 'add',
        },
      ],
    });
  }
  const setFindings = lint ? draftFindingsText(lint.findings) : undefined;
  if (setFindings)
    blocks.push({
      type: 'context',
      block_id: 'draft_findings',
      elements: [{ type: 'mrkdwn', text: setFindings }],
    });
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
