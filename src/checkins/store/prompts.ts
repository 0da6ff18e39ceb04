import { type Kysely, type Selectable, sql } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { CheckinPromptTable, Database } from '../../platform/db/schema.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';

/** One owner's prompt for one round (`checkin_prompts`): the claim that they are asked exactly once. */
export type CheckinPrompt = Selectable<CheckinPromptTable>;

/** The latest round key each owner was prompted for, among rounds from `fromRoundKey` on. */
export async function lastPromptedRounds(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('checkin_prompts')
    .select((eb) => ['owner_slack_id', eb.fn.max('round_key').as('last')])
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .groupBy('owner_slack_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_slack_id, String(r.last)]));
}

export interface NewPrompt {
  teamId: string;
  owner: string;
  roundKey: string;
  teamKey: string | null;
  startsAt: Date;
  endsAt: Date;
}

function promptRow(p: NewPrompt, at: string) {
  return {
    team_id: p.teamId,
    owner_slack_id: p.owner,
    round_key: p.roundKey,
    channel_id: null,
    message_ts: null,
    sent_at: null,
    answered_at: null,
    nudged_at: null,
    created_at: at,
    team_key: p.teamKey,
    starts_at: p.startsAt.toISOString(),
    ends_at: p.endsAt.toISOString(),
    revision: 0,
    summary_revision: 0,
  };
}

/**
 * Claims prompts and queues their messages in one transaction: a prompt row (unique per owner and round)
 * and its outbox row (unique dedupe key) exist together or not at all. Rows already there are left alone,
 * so a rerun or a second scheduler adds nothing. Returns how many prompts were new.
 */
export async function recordPrompts(
  db: Kysely<Database>,
  prompts: NewPrompt[],
  messages: OutgoingMessage[],
  now: Date,
): Promise<number> {
  if (prompts.length === 0) return 0;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const chunk of chunks(prompts, 100)) {
      const result = await trx
        .insertInto('checkin_prompts')
        .values(chunk.map((p) => promptRow(p, at)))
        .onConflict((oc) => oc.columns(['team_id', 'owner_slack_id', 'round_key']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    await enqueueMessages(trx, messages, now);
    return added;
  });
}

export async function getPrompt(
  db: Kysely<Database>,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<CheckinPrompt | undefined> {
  return db
    .selectFrom('checkin_prompts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('owner_slack_id', '=', owner)
    .where('round_key', '=', roundKey)
    .executeTakeFirst();
}

/**
 * Copies where and when each prompt was delivered from its outbox row (after the sender marked it sent).
 * Writes only `checkin_prompts`; the outbox is read.
 */
export async function syncPromptDelivery(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<void> {
  const key = sql`'checkin-prompt:' || checkin_prompts.team_id || ':' || checkin_prompts.owner_slack_id || ':' || checkin_prompts.round_key`;
  await sql`
    update checkin_prompts set
      sent_at = (select o.sent_at from outbox o where o.dedupe_key = ${key}),
      channel_id = (select o.result_channel from outbox o where o.dedupe_key = ${key}),
      message_ts = (select o.result_ts from outbox o where o.dedupe_key = ${key})
    where team_id = ${teamId} and round_key >= ${fromRoundKey} and sent_at is null
      and exists (select 1 from outbox o where o.dedupe_key = ${key} and o.status = 'sent')
  `.execute(db);
}
