import type { Confidence, OwnedKeyResult } from '../okrs/index.js';
import type { OutboxMessage, OutgoingMessage } from '../platform/outbox/store.js';
import type { HelpRecipient } from './domain/help-recipients.js';
import { toKeyResultView } from './key-result-view.js';
import { checkinKeys } from './keys.js';
import { helpRequestMessage } from './slack/views/checkin-help.js';
import {
  type AnsweredKeyResult,
  checkedInMessage,
  nudgeAnsweredMessage,
} from './slack/views/checkin-prompt.js';

/** What one saved submission sends, known before its revision is. */
export interface Submission {
  teamId: string;
  owner: string;
  ownerName: string;
  roundKey: string;
  untilLabel: string;
  /** Every active key result of the owner, in order (the "Checked in" edit lists them all). */
  owned: OwnedKeyResult[];
  /** The round's answers so far, this submission's included, by key result. */
  answered: Map<string, { value: number | null; confidence: Confidence | null }>;
  /** The outbox rows of the round's prompt and reminder, when queued. */
  promptRow: OutboxMessage | undefined;
  nudgeRow: OutboxMessage | undefined;
  help: HelpRecipient[];
}

/** The prompt, edited in place to show the answers (once it is in Slack). */
function promptUpdate(s: Submission, revision: number): OutgoingMessage[] {
  const row = s.promptRow;
  if (row?.status !== 'sent' || !row.result_channel || !row.result_ts) return [];
  const keyResults: AnsweredKeyResult[] = s.owned.map((kr) => ({
    ...toKeyResultView(kr),
    answer: s.answered.get(kr.id) ?? null,
  }));
  return [
    {
      teamId: s.teamId,
      dedupeKey: checkinKeys.promptUpdate(s.teamId, s.owner, s.roundKey, revision),
      kind: 'checkin-prompt-update',
      method: 'chat.update',
      target: row.result_channel,
      payload: {
        channel: row.result_channel,
        ts: row.result_ts,
        ...checkedInMessage({ roundKey: s.roundKey, keyResults, untilLabel: s.untilLabel }),
      },
    },
  ];
}

/** The reminder, edited in place so no stray button is left (once it is in Slack). */
function nudgeUpdate(s: Submission): OutgoingMessage[] {
  const row = s.nudgeRow;
  if (row?.status !== 'sent' || !row.result_channel || !row.result_ts) return [];
  return [
    {
      teamId: s.teamId,
      dedupeKey: checkinKeys.nudgeUpdate(s.teamId, s.owner, s.roundKey),
      kind: 'checkin-nudge-update',
      method: 'chat.update',
      target: row.result_channel,
      payload: { channel: row.result_channel, ts: row.result_ts, ...nudgeAnsweredMessage(s.roundKey) },
    },
  ];
}

/** One DM per person who should hear about the blockers and off-track key results. */
function helpRequests(s: Submission): OutgoingMessage[] {
  const byId = new Map(s.owned.map((k) => [k.id, k]));
  return s.help.map((h) => {
    const content = JSON.stringify(h.items.map((i) => [i.keyResultId, i.confidence, i.blockers]));
    return {
      teamId: s.teamId,
      dedupeKey: checkinKeys.help(s.teamId, s.owner, s.roundKey, h.recipient, content),
      kind: 'checkin-help',
      method: 'chat.postMessage',
      target: h.recipient,
      payload: {
        ...helpRequestMessage({
          ownerId: s.owner,
          ownerName: s.ownerName,
          roundKey: s.roundKey,
          role: h.role,
          items: h.items.map((i) => ({
            ...toKeyResultView(byId.get(i.keyResultId)!),
            value: i.value,
            confidence: i.confidence,
            blockers: i.blockers,
          })),
        }),
      },
    };
  });
}

/** Everything revision `revision` of a submission sends: the "Checked in" edit, the reminder's edit, help requests. */
export function submissionMessages(s: Submission, revision: number): OutgoingMessage[] {
  return [...promptUpdate(s, revision), ...nudgeUpdate(s), ...helpRequests(s)];
}

/** Queued messages revision `revision` makes stale: the reminder, and every earlier "Checked in" edit. */
export function supersededKeys(
  s: Pick<Submission, 'teamId' | 'owner' | 'roundKey'>,
  revision: number,
): string[] {
  return [
    checkinKeys.nudge(s.teamId, s.owner, s.roundKey),
    ...Array.from({ length: Math.max(0, revision - 1) }, (_, i) =>
      checkinKeys.promptUpdate(s.teamId, s.owner, s.roundKey, i + 1),
    ),
  ];
}
