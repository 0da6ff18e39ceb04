import { createHash } from 'node:crypto';

// Unique keys of everything a check-in round sends. Each outgoing message is one outbox row with one of
// these as its dedupe key, so a rerun, a second replica or a restart after a crash adds nothing.

export const checkinKeys = {
  prompt: (ws: string, owner: string, round: string) => `checkin-prompt:${ws}:${owner}:${round}`,
  promptUpdate: (ws: string, owner: string, round: string, revision: number) =>
    `checkin-prompt-update:${ws}:${owner}:${round}:${revision}`,
  nudge: (ws: string, owner: string, round: string) => `checkin-nudge:${ws}:${owner}:${round}`,
  nudgeUpdate: (ws: string, owner: string, round: string) => `checkin-nudge-update:${ws}:${owner}:${round}`,
  thread: (ws: string, team: string, round: string) => `checkin-thread:${ws}:${team}:${round}`,
  summary: (ws: string, team: string, owner: string, round: string, revision: number) =>
    `checkin-summary:${ws}:${team}:${owner}:${round}:${revision}`,
  digest: (ws: string, team: string, round: string) => `checkin-digest:${ws}:${team}:${round}`,
  help: (ws: string, owner: string, round: string, recipient: string, content: string) =>
    `checkin-help:${ws}:${owner}:${round}:${recipient}:${shortHash(content)}`,
  reply: (ws: string, viewId: string) => `checkin-reply:${ws}:${viewId}`,
};

/** 12 hex digits of SHA-256: tells one blocker text from another in a dedupe key. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
