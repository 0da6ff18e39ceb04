// Every Slack id of the checkins feature, shared by the Block Kit builders, the listeners and the
// submission's validation (whose errors are keyed by block id).

/** Action and view (callback) ids. */
export const CHECKIN_IDS = {
  openAction: 'checkin_open',
  submitView: 'checkin_submit',
  replyAction: 'checkin_reply',
  replyView: 'checkin_reply_submit',
} as const;

/** Block ids, and the action ids of inputs whose block id is fixed. */
export const CHECKIN_BLOCKS = {
  /** The actions block holding "Check in" / "Edit check-in" on prompts and reminders. */
  checkinActions: 'checkin_actions',
  /** The actions block holding "Reply to …" on a request for help. */
  helpActions: 'checkin_help_actions',
  /** The reply modal's input block and its text input's action id. */
  reply: 'reply',
  replyText: 'text',
} as const;

/**
 * The fields of one key result in the check-in modal, by block id `kr:<id>:<field>`; each input's action id is
 * the field. `score` is asked only at a quarter's closing check-in, for a key result without baseline or target.
 */
const CHECKIN_FIELDS = ['value', 'confidence', 'changed', 'blockers', 'next', 'score'] as const;
export type CheckinField = (typeof CHECKIN_FIELDS)[number];

export function fieldBlockId(krId: string, field: CheckinField): string {
  return `kr:${krId}:${field}`;
}
