import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';
import type { CheckinPrompt } from './prompts.js';

// A check-in's summary in its team threads is stored on its prompt: `summary_revision` is the last revision
// summarised, so a prompt whose `revision` is higher owes one.

/** Prompts answered since their last summary (optionally one owner's round). */
export async function listOwedSummaries(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
  only?: { owner: string; roundKey: string },
  limit = 500,
): Promise<CheckinPrompt[]> {
  let q = db
    .selectFrom('checkin_prompts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .whereRef('revision', '>', 'summary_revision');
  if (only) q = q.where('owner_slack_id', '=', only.owner).where('round_key', '=', only.roundKey);
  return q.orderBy('round_key').orderBy('owner_slack_id').limit(limit).execute();
}

/** Queues the summary replies of one revision and records it as summarised, in one transaction. */
export async function recordSummary(
  db: Kysely<Database>,
  prompt: { teamId: string; owner: string; roundKey: string; revision: number },
  messages: OutgoingMessage[],
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('checkin_prompts')
      .set({ summary_revision: prompt.revision })
      .where('team_id', '=', prompt.teamId)
      .where('owner_slack_id', '=', prompt.owner)
      .where('round_key', '=', prompt.roundKey)
      .where('summary_revision', '<', prompt.revision)
      .execute();
    await enqueueMessages(trx, messages, now);
  });
}
