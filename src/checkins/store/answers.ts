import type { Kysely, Selectable, Transaction } from 'kysely';
import { setClosingScore, setKeyResultValues } from '../../okrs/index.js';
import { chunks } from '../../platform/db/chunks.js';
import { newId } from '../../platform/db/ids.js';
import type { CheckinTable, Database } from '../../platform/db/schema.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';
import type { Answer } from '../domain/answer.js';
import { skipSupersededMessages } from './outbox.js';

export type { Answer };
/** One key result's answer in one round (`checkins`). */
export type Checkin = Selectable<CheckinTable>;

export async function roundCheckins(
  db: Kysely<Database>,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<Checkin[]> {
  return db
    .selectFrom('checkins')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('owner_slack_id', '=', owner)
    .where('round_key', '=', roundKey)
    .execute();
}

/** Check-ins of these key results in rounds `fromRoundKey` ≤ round ≤ `toRoundKey`, oldest round first. */
export async function checkinHistory(
  db: Kysely<Database>,
  keyResultIds: string[],
  fromRoundKey: string,
  toRoundKey: string,
): Promise<Checkin[]> {
  const out: Checkin[] = [];
  for (const chunk of chunks([...new Set(keyResultIds)])) {
    out.push(
      ...(await db
        .selectFrom('checkins')
        .selectAll()
        .where('key_result_id', 'in', chunk)
        .where('round_key', '>=', fromRoundKey)
        .where('round_key', '<=', toRoundKey)
        .execute()),
    );
  }
  return out.sort((a, b) => (a.round_key < b.round_key ? -1 : a.round_key > b.round_key ? 1 : 0));
}

interface Submission {
  teamId: string;
  owner: string;
  roundKey: string;
  answers: Answer[];
}

/** One key result's answer for the round; a later submission replaces the earlier one. */
async function upsertCheckin(trx: Transaction<Database>, input: Submission, a: Answer, at: string) {
  await trx
    .insertInto('checkins')
    .values({
      id: newId('ci'),
      team_id: input.teamId,
      key_result_id: a.keyResultId,
      owner_slack_id: input.owner,
      round_key: input.roundKey,
      value: a.value,
      confidence: a.confidence,
      changed: a.changed,
      blockers: a.blockers,
      next_focus: a.nextFocus,
      submitted_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['key_result_id', 'round_key']).doUpdateSet({
        owner_slack_id: input.owner,
        value: a.value,
        confidence: a.confidence,
        changed: a.changed,
        blockers: a.blockers,
        next_focus: a.nextFocus,
        updated_at: at,
      }),
    )
    .execute();
}

/** Marks the prompt answered (the first time) and counts one more revision; returns the new revision. */
async function markPromptAnswered(trx: Transaction<Database>, input: Submission, at: string) {
  const updated = await trx
    .updateTable('checkin_prompts')
    .set((eb) => ({
      revision: eb('revision', '+', 1),
      answered_at: eb.fn.coalesce('answered_at', eb.val(at)),
    }))
    .where('team_id', '=', input.teamId)
    .where('owner_slack_id', '=', input.owner)
    .where('round_key', '=', input.roundKey)
    .returning('revision')
    .executeTakeFirstOrThrow();
  return Number(updated.revision);
}

/**
 * Stores one submission of a round in one transaction: the check-ins (one per key result and round; a later
 * submission replaces the earlier answers), each key result's current value and any closing check-in's
 * score (through the okrs store, in this transaction), the prompt's answered time and revision, and the
 * messages `messages(revision)` builds.
 * Pending messages that the new revision makes stale (`supersededKeys(revision)`: an older "Checked in"
 * edit, a reminder not yet sent) are dropped.
 */
export async function saveAnswers(
  db: Kysely<Database>,
  input: Submission,
  messages: (revision: number) => OutgoingMessage[],
  supersededKeys: (revision: number) => string[],
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    for (const a of input.answers) {
      await upsertCheckin(trx, input, a, at);
      await setKeyResultValues(trx, [{ id: a.keyResultId, current: a.value }], now);
      if (a.closingScore !== undefined) await setClosingScore(trx, a.keyResultId, a.closingScore, now);
    }
    const revision = await markPromptAnswered(trx, input, at);
    await skipSupersededMessages(trx, supersededKeys(revision));
    await enqueueMessages(trx, messages(revision), now);
    return revision;
  });
}
