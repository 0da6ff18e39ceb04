import type { Answer } from './answer.js';

export interface HelpRecipient {
  recipient: string;
  role: 'objective owner' | 'manager' | 'objective owner and manager';
  items: Answer[];
}

/**
 * Who hears about a check-in's blockers and off-track key results: each flagged key result's objective
 * owner, and the person's manager when known; never the person themselves. One entry (one DM) per
 * recipient, listing every flagged key result they should see.
 */
export function checkinHelpRecipients(input: {
  owner: string;
  managerId: string | null;
  answers: Answer[];
  keyResults: Map<string, { objective_owner: string }>;
}): HelpRecipient[] {
  const byRecipient = new Map<
    string,
    { roles: Set<'objective owner' | 'manager'>; items: Map<string, Answer> }
  >();
  const add = (recipient: string, role: 'objective owner' | 'manager', answer: Answer) => {
    if (!recipient || recipient === input.owner) return;
    const entry = byRecipient.get(recipient) ?? { roles: new Set(), items: new Map() };
    entry.roles.add(role);
    entry.items.set(answer.keyResultId, answer);
    byRecipient.set(recipient, entry);
  };
  for (const a of input.answers) {
    if (!a.blockers && a.confidence !== 'off_track') continue;
    const objectiveOwner = input.keyResults.get(a.keyResultId)?.objective_owner;
    if (objectiveOwner) add(objectiveOwner, 'objective owner', a);
    if (input.managerId) add(input.managerId, 'manager', a);
  }
  return [...byRecipient.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recipient, e]) => ({
      recipient,
      role:
        e.roles.size === 2
          ? 'objective owner and manager'
          : e.roles.has('manager')
            ? 'manager'
            : 'objective owner',
      items: [...e.items.values()],
    }));
}
