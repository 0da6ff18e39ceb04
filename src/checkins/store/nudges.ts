import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';
import type { CheckinPrompt } from './prompts.js';

// A round's one reminder is stored on its prompt (`checkin_prompts.nudged_at`).

export type NudgeCandidate = Pick<
  CheckinPrompt,
  'owner_slack_id' | 'round_key' | 'sent_at' | 'starts_at' | 'ends_at' | 'team_key'
> & { tz: string | null; paused_until: string | null; dm_blocked_reason: string | null };

/**
 * Delivered, unanswered, not yet nudged prompts of rounds still open at `now`, with what the reminder rules
 * need of their owner (a read joining people's `people`).
 */
export async function listNudgeCandidates(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
  now: Date,
): Promise<NudgeCandidate[]> {
  return db
    .selectFrom('checkin_prompts as p')
    .leftJoin('people as pe', (j) =>
      j.onRef('pe.team_id', '=', 'p.team_id').onRef('pe.slack_id', '=', 'p.owner_slack_id'),
    )
    .select([
      'p.owner_slack_id',
      'p.round_key',
      'p.sent_at',
      'p.starts_at',
      'p.ends_at',
      'p.team_key',
      'pe.tz',
      'pe.paused_until',
      'pe.dm_blocked_reason',
    ])
    .where('p.team_id', '=', teamId)
    .where('p.round_key', '>=', fromRoundKey)
    .where('p.sent_at', 'is not', null)
    .where('p.answered_at', 'is', null)
    .where('p.nudged_at', 'is', null)
    .where('p.ends_at', '>', now.toISOString())
    .execute();
}

/**
 * Claims the one reminder of each of these prompts (still unanswered, not yet nudged) and queues a message
 * for each prompt it claimed, in one transaction. A prompt claimed by another scheduler, or answered in the
 * meantime, gets nothing. Returns the owners nudged.
 */
export async function recordNudges(
  db: Kysely<Database>,
  teamId: string,
  roundKey: string,
  owners: string[],
  message: (owner: string) => OutgoingMessage,
  now: Date,
): Promise<string[]> {
  if (owners.length === 0) return [];
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed: string[] = [];
    for (const chunk of chunks(owners, 200)) {
      const rows = await trx
        .updateTable('checkin_prompts')
        .set({ nudged_at: at })
        .where('team_id', '=', teamId)
        .where('round_key', '=', roundKey)
        .where('owner_slack_id', 'in', chunk)
        .where('nudged_at', 'is', null)
        .where('answered_at', 'is', null)
        .returning('owner_slack_id')
        .execute();
      claimed.push(...rows.map((r) => r.owner_slack_id));
    }
    await enqueueMessages(trx, claimed.map(message), now);
    return claimed;
  });
}
