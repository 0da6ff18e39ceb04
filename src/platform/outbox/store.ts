import { type ExpressionBuilder, type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import { newId } from '../db/ids.js';
import type { Database, OutboxTable } from '../db/schema.js';

export type OutboxMessage = Selectable<OutboxTable>;

/** A claimed message; `recovered` when its previous sender died mid-send, so it may already be in Slack. */
export type ClaimedMessage = OutboxMessage & { recovered: boolean };

export interface OutgoingMessage {
  teamId: string;
  /** Unique per message that must go out once, e.g. `checkin-prompt:T1:U1:2026-11-23`. */
  dedupeKey: string;
  kind: string;
  method: 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral';
  /** Channel id, or a user id for a DM. */
  target: string;
  payload: Record<string, unknown>;
  /** `waiting`: a follow-up held until the message it belongs to is in Slack; the sender skips it. */
  status?: 'pending' | 'waiting';
}

/**
 * Records messages to send. A dedupe key already present is left alone, so enqueueing the same round
 * twice (a rerun, a second replica) adds nothing. Returns how many rows were new.
 */
export async function enqueueMessages(
  db: Kysely<Database>,
  messages: OutgoingMessage[],
  now: Date,
): Promise<number> {
  if (messages.length === 0) return 0;
  const at = now.toISOString();
  let added = 0;
  // Chunked so that a 10,000-owner round stays within both dialects' bound-parameter limits.
  for (let i = 0; i < messages.length; i += 200) {
    const chunk = messages.slice(i, i + 200);
    const result = await db
      .insertInto('outbox')
      .values(
        chunk.map((m) => ({
          id: newId('msg'),
          team_id: m.teamId,
          dedupe_key: m.dedupeKey,
          kind: m.kind,
          method: m.method,
          target: m.target,
          payload_json: JSON.stringify(m.payload),
          status: m.status ?? 'pending',
          attempts: 0,
          next_attempt_at: at,
          lease_until: null,
          claimed_by: null,
          last_error: null,
          result_channel: null,
          result_ts: null,
          created_at: at,
          sent_at: null,
        })),
      )
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/** Due at `at`: pending or failed with its time come, or sending with its sender's lease run out. */
function dueAt(eb: ExpressionBuilder<Database, 'outbox'>, at: string) {
  return eb.or([
    eb.and([eb('status', 'in', ['pending', 'failed']), eb('next_attempt_at', '<=', at)]),
    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
  ]);
}

/**
 * How long a claim holds a message. The sender renews it just before each call to Slack (`renewClaim`),
 * so only a sender that died, or hung for this long, loses its messages to another replica. Longer than
 * the Slack call timeout (10 s) so a live call never outlives its claim; shorter than the one-minute tick,
 * so the next tick after a crash takes the work over.
 */
export const OUTBOX_LEASE_MS = 30_000;

/**
 * Claims up to `limit` messages that are due: pending ones, failed ones whose retry time has come, and
 * ones whose sender died mid-send (lease expired). Two workers never hold the same row: on Postgres the
 * rows are locked with `FOR UPDATE SKIP LOCKED`, so replicas claiming at once each take other rows without
 * waiting for one another; on SQLite (one writer) they are taken with one compare-and-set update per read.
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  worker: string,
  now: Date,
  limit: number,
  leaseMs = OUTBOX_LEASE_MS,
): Promise<ClaimedMessage[]> {
  const claim = {
    worker,
    at: now.toISOString(),
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
  };
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? claimSkippingLocked(db, claim, limit)
    : claimInRounds(db, claim, limit);
}

interface Claim {
  worker: string;
  at: string;
  leaseUntil: string;
}

/** Postgres: one statement locks the oldest due rows no one else is claiming right now, and takes them. */
async function claimSkippingLocked(db: Kysely<Database>, c: Claim, limit: number): Promise<ClaimedMessage[]> {
  const rows = await db
    .with('due', (qb) =>
      qb
        .selectFrom('outbox')
        .select(['id', 'status as was'])
        .where((eb) => dueAt(eb, c.at))
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('outbox')
    .from('due')
    .set({ status: 'sending', claimed_by: c.worker, lease_until: c.leaseUntil })
    .whereRef('outbox.id', '=', 'due.id')
    .returningAll('outbox')
    .returning('due.was')
    .execute();
  return rows
    .map(({ was, ...row }) => ({ ...row, recovered: was === 'sending' }))
    .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

const MAX_CLAIM_ROUNDS = 4;

/**
 * SQLite: reads due rows and takes them with one update. Rows another worker took between the read and the
 * update are lost to it: read again for the rest, so two workers claiming at once share the due messages
 * instead of one of them finding none.
 */
async function claimInRounds(db: Kysely<Database>, c: Claim, limit: number): Promise<ClaimedMessage[]> {
  const claimed: ClaimedMessage[] = [];
  for (let round = 0; round < MAX_CLAIM_ROUNDS && claimed.length < limit; round++) {
    const { taken, lost } = await claimOnce(db, c, limit - claimed.length);
    claimed.push(...taken);
    if (lost === 0) break;
  }
  return claimed;
}

/** One read of due rows and one compare-and-set update of them; `lost`: rows another worker took meanwhile. */
async function claimOnce(
  db: Kysely<Database>,
  c: Claim,
  limit: number,
): Promise<{ taken: ClaimedMessage[]; lost: number }> {
  const candidates = await dueCandidates(db, c.at, limit);
  if (candidates.length === 0) return { taken: [], lost: 0 };
  // A row is taken only if it is still due: another worker's claim since the read gave it a lease in the
  // future, so it is left alone.
  // The unary `+` keeps SQLite on the primary key: without statistics it would read every due row through
  // the due index instead of the 32 rows named.
  const { rows } = await sql<OutboxMessage>`update outbox
    set status = 'sending', claimed_by = ${c.worker}, lease_until = ${c.leaseUntil}
    where id in (${sql.join(candidates.map((x) => x.id))})
      and ((+status in ('pending', 'failed') and +next_attempt_at <= ${c.at})
        or (+status = 'sending' and +lease_until < ${c.at}))
    returning *`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const taken: ClaimedMessage[] = [];
  for (const x of candidates) {
    const row = byId.get(x.id);
    if (row) taken.push({ ...row, recovered: x.status === 'sending' });
  }
  return { taken, lost: candidates.length - taken.length };
}

/**
 * SQLite: the oldest `limit` due rows. Each kind of due row (pending, failed, sending with its lease run out)
 * is read on its own, in the order of the due index (`outbox_due_ix`, then insertion order), so that a claim
 * reads about `limit` rows of each kind, not every due row: one query over all of them, sorted by creation,
 * read the whole 10,000-row round for every batch of 32.
 */
async function dueCandidates(
  db: Kysely<Database>,
  at: string,
  limit: number,
): Promise<Array<Pick<OutboxMessage, 'id' | 'status' | 'lease_until'>>> {
  const columns = sql`id, status, lease_until, created_at`;
  const { rows } = await sql<Pick<OutboxMessage, 'id' | 'status' | 'lease_until'>>`
    select ${columns} from (select ${columns} from outbox
      where status = 'pending' and next_attempt_at <= ${at} order by next_attempt_at, rowid limit ${limit})
    union all select * from (select ${columns} from outbox
      where status = 'failed' and next_attempt_at <= ${at} order by next_attempt_at, rowid limit ${limit})
    union all select * from (select ${columns} from outbox
      where status = 'sending' and lease_until < ${at} order by next_attempt_at, rowid limit ${limit})
    order by created_at, id limit ${limit}`.execute(db);
  return rows;
}

/**
 * Confirms, just before its call to Slack, that this worker still holds the message, and extends the
 * lease from `now`. False when the lease ran out and another replica took it over: the caller must not
 * send it (the other replica will, after checking whether it is already in Slack).
 */
export async function renewClaim(
  db: Kysely<Database>,
  id: string,
  worker: string,
  now: Date,
  leaseMs = OUTBOX_LEASE_MS,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a claimed message's attempt; only the worker holding the claim can, so a late worker changes nothing. */
async function settle(
  db: Kysely<Database>,
  id: string,
  worker: string,
  fields: Partial<
    Pick<
      OutboxMessage,
      'status' | 'sent_at' | 'result_channel' | 'result_ts' | 'last_error' | 'next_attempt_at'
    >
  >,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ ...fields, lease_until: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

export async function markSent(
  db: Kysely<Database>,
  id: string,
  worker: string,
  result: { channel: string | null; ts: string | null },
  now: Date,
): Promise<void> {
  await settle(db, id, worker, {
    status: 'sent',
    sent_at: now.toISOString(),
    result_channel: result.channel,
    result_ts: result.ts,
    last_error: null,
  });
}

/** A message Slack accepted, its mark not yet written (see `markSentMany`). */
export interface SentMark {
  id: string;
  channel: string | null;
  ts: string | null;
  sentAt: Date;
}

/** Rows per statement in `markSentMany`: 4 parameters each, well within both dialects' limits. */
const MARKS_PER_STATEMENT = 200;

/**
 * Marks many messages sent with one statement per 200 (each row its own channel, ts and time), in place of
 * one `markSent` each: a 10,000-owner round writes a few hundred statements instead of 10,000. As with
 * `markSent`, only rows `worker` still holds are changed.
 */
export async function markSentMany(db: Kysely<Database>, worker: string, marks: SentMark[]): Promise<void> {
  for (let i = 0; i < marks.length; i += MARKS_PER_STATEMENT) {
    const part = marks.slice(i, i + MARKS_PER_STATEMENT);
    const values = sql.join(
      part.map((m) => sql`(${m.id}, ${m.sentAt.toISOString()}, ${m.channel}, ${m.ts})`),
    );
    await sql`with v(id, sent_at, channel, ts) as (values ${values})
      update outbox set status = 'sent', sent_at = v.sent_at, result_channel = v.channel,
        result_ts = v.ts, last_error = null, lease_until = null, attempts = outbox.attempts + 1
      from v where outbox.id = v.id and outbox.claimed_by = ${worker}`.execute(db);
  }
}

/** Keeps a message that could not be sent, with the reason, for a retry at `retryAt`. */
export async function markFailed(
  db: Kysely<Database>,
  id: string,
  worker: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await settle(db, id, worker, {
    status: 'failed',
    last_error: error.slice(0, 2000),
    next_attempt_at: retryAt.toISOString(),
  });
}

/** A message Slack keeps refusing: kept with its reason (status `dead`), no longer retried. */
export async function markDead(
  db: Kysely<Database>,
  id: string,
  worker: string,
  reason: string,
): Promise<void> {
  await settle(db, id, worker, { status: 'dead', last_error: reason });
}

/** A message that must not be retried (the person blocked the bot, the user is gone). */
export async function markSkipped(
  db: Kysely<Database>,
  id: string,
  worker: string,
  reason: string,
): Promise<void> {
  await settle(db, id, worker, { status: 'skipped', last_error: reason });
}

export async function getMessageByKey(
  db: Kysely<Database>,
  dedupeKey: string,
): Promise<OutboxMessage | undefined> {
  return db.selectFrom('outbox').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirst();
}

export async function countByStatus(db: Kysely<Database>, teamId?: string): Promise<Record<string, number>> {
  let q = db.selectFrom('outbox').select((eb) => ['status', eb.fn.countAll().as('n')]);
  if (teamId) q = q.where('team_id', '=', teamId);
  const rows = await q.groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
