// Every id drafting's Slack surfaces use (the `/okr draft` modal's callback, action and block ids), in one
// place: the views write them, the listeners and the view-state reader match on them.

/** The draft modal's `callback_id`. */
export const DRAFT_CALLBACK_ID = 'okr_draft';

/** The modal's action ids. */
export const ACTION = {
  objective: 'objective_text',
  krText: 'kr_text',
  krOwner: 'kr_owner',
  type: 'okr_type_select',
  quarter: 'quarter_select',
  channel: 'channel_select',
  addRow: 'draft_add_row',
} as const;

/** The modal's fixed block ids (per-row ones come from the functions below). */
export const BLOCK = {
  objective: 'objective',
  objectiveFeedback: 'objective_feedback',
  type: 'okr_type',
  quarter: 'quarter',
  channel: 'channel',
  keyResultHeading: 'kr_heading',
  actions: 'draft_actions',
  findings: 'draft_findings',
} as const;

/**
 * A key-result row's text block. The revision changes the id when okrbot rewrites the rows (a pasted list
 * split into rows), so Slack shows the new text instead of keeping what was typed.
 */
export const krTextBlockId = (i: number, rev: number) =>
  rev === 0 ? `kr_text_${i}` : `kr_text_${i}_r${rev}`;
export const krOwnerBlockId = (i: number) => `kr_owner_${i}`;
export const krFeedbackBlockId = (i: number) => `kr_feedback_${i}`;
/** Matches `krTextBlockId`'s ids; group 1 is the row. */
const KR_TEXT_BLOCK = /^kr_text_(\d+)(?:_r\d+)?$/;

/** The key-result row a block id belongs to, if it is a row's text block. */
export function krRowOf(blockId: string): number | undefined {
  const m = KR_TEXT_BLOCK.exec(blockId);
  return m ? Number(m[1]) : undefined;
}
