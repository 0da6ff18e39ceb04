// Every Slack id of the okrs feature (the quarter close), shared by the Block Kit builders and the listeners.

/** Action and view (callback) ids. */
export const OKR_IDS = {
  /** The lead's "Close 2026Q4" button; value: {@link closeButtonValue}. */
  closeQuarterAction: 'okr_close_quarter',
  /** "What got in the way?" on a committed shortfall; value: the objective id. */
  reflectAction: 'okr_reflect',
  /** The reflection modal's callback id; private_metadata: the objective id. */
  reflectionView: 'okr_reflection',
  /** "Carry over to 2027Q1" in the quarter report; value: the objective id. */
  carryOverAction: 'okr_carry_over',
} as const;

/** Block ids, and the action ids of inputs whose block id is fixed. */
export const OKR_BLOCKS = {
  closeActions: 'okr_close_actions',
  reflectActions: 'okr_reflect_actions',
  /** The reflection modal's input block and its text input's action id. */
  reflection: 'reflection',
  reflectionText: 'text',
} as const;

/** `2026Q4` or `2026Q4:talent`: what the "Close 2026Q4" button carries. */
export function closeButtonValue(quarter: string, teamKey?: string | null): string {
  return teamKey ? `${quarter}:${teamKey}` : quarter;
}

export function parseCloseButtonValue(value: string): { quarter: string; teamKey?: string } | undefined {
  const m = /^(\d{4}Q[1-4])(?::([a-z0-9][a-z0-9_-]{0,63}))?$/.exec(value);
  if (!m) return undefined;
  return m[2] ? { quarter: m[1]!, teamKey: m[2] } : { quarter: m[1]! };
}

/** Block id of the actions block carrying one objective's "Carry over" button. */
export function carryOverBlockId(objectiveId: string): string {
  return `okr_carry:${objectiveId}`;
}
