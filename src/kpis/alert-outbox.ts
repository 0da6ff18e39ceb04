import { type Kysely, sql, type Transaction } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { chunks } from '../platform/db/chunks.js';
import type { Database } from '../platform/db/schema.js';
import type { Outbox } from '../platform/outbox/outbox.js';
import { enqueueMessages, type OutgoingMessage } from '../platform/outbox/store.js';
import { recordAlertMessage } from './store/alerts.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Status of an outbox row that belongs to a message not sent yet (an update of it, a reply in its thread).
 * The sender never claims it; `releaseFollowUps` turns it into `pending` with the parent's channel and ts
 * once the parent is sent, or `skipped` when the parent can never be sent.
 */
export const WAITING = 'waiting' as const;

/** A message that refers to another one: `chat.update` of it, or a reply in its thread. */
export interface FollowUp {
  teamId: string;
  dedupeKey: string;
  kind: string;
  /** Dedupe key of the message it updates or replies to. */
  parentKey: string;
  mode: 'update' | 'reply';
  /** `text` and `blocks`; channel, ts and thread_ts are filled from the parent. */
  payload: Record<string, unknown>;
}

interface ParentRow {
  dedupe_key: string;
  status: string;
  target: string;
  result_channel: string | null;
  result_ts: string | null;
  last_error: string | null;
}

async function parents(db: Db, keys: string[]): Promise<Map<string, ParentRow>> {
  const out = new Map<string, ParentRow>();
  for (const part of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('outbox')
      .select(['dedupe_key', 'status', 'target', 'result_channel', 'result_ts', 'last_error'])
      .where('dedupe_key', 'in', part)
      .execute();
    for (const r of rows) out.set(r.dedupe_key, r);
  }
  return out;
}

function filled(f: Pick<FollowUp, 'mode' | 'payload'>, channel: string, ts: string): Record<string, unknown> {
  const { okrbot_after: _a, okrbot_mode: _m, ...rest } = f.payload;
  return f.mode === 'update' ? { ...rest, channel, ts } : { ...rest, thread_ts: ts };
}

/**
 * Queues updates and thread replies. One whose parent was sent goes out at once; one whose parent is still
 * queued waits for it; one whose parent can never be sent (or does not exist) is dropped. A newer update
 * supersedes older unsent updates of the same message, so an old rendering never overwrites a new one.
 */
export async function enqueueFollowUps(db: Db, followUps: FollowUp[], now: Date): Promise<void> {
  if (followUps.length === 0) return;
  const known = await parents(
    db,
    followUps.map((f) => f.parentKey),
  );
  const ready: OutgoingMessage[] = [];
  const waiting: FollowUp[] = [];
  for (const f of followUps) {
    const parent = known.get(f.parentKey);
    if (!parent || parent.status === 'skipped') continue;
    if (f.mode === 'update') await supersedeUpdates(db, f.parentKey, now);
    if (parent.status === 'sent' && parent.result_channel && parent.result_ts) {
      ready.push({
        teamId: f.teamId,
        dedupeKey: f.dedupeKey,
        kind: f.kind,
        method: f.mode === 'update' ? 'chat.update' : 'chat.postMessage',
        target: parent.result_channel,
        payload: filled(f, parent.result_channel, parent.result_ts),
      });
    } else {
      waiting.push(f);
    }
  }
  await enqueueMessages(db, ready, now);
  await enqueueMessages(
    db,
    waiting.map((f) => ({
      teamId: f.teamId,
      dedupeKey: f.dedupeKey,
      kind: f.kind,
      method: f.mode === 'update' ? ('chat.update' as const) : ('chat.postMessage' as const),
      target: (known.get(f.parentKey) as ParentRow).target,
      payload: { ...f.payload, okrbot_after: f.parentKey, okrbot_mode: f.mode },
      status: WAITING,
    })),
    now,
  );
}

/** Marks unsent updates of a message as skipped: a newer rendering is on its way (or was just applied). */
export async function supersedeUpdates(db: Db, parentKey: string, _now: Date): Promise<void> {
  const prefix = `${parentKey}:update:`;
  await db
    .updateTable('outbox')
    .set({ status: 'skipped', last_error: 'superseded by a newer update', lease_until: null })
    .where('status', 'in', ['pending', 'failed', WAITING])
    .where('method', '=', 'chat.update')
    .where(sql<string>`substr(dedupe_key, 1, ${prefix.length})`, '=', prefix)
    .execute();
}

/**
 * Lets waiting follow-ups go once their message is in Slack (fills channel, ts, thread_ts), drops those
 * whose message was skipped, and records where alert messages landed. Returns how many were released.
 */
export async function releaseFollowUps(db: Kysely<Database>, teamId: string, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'payload_json'])
    .where('team_id', '=', teamId)
    .where('status', '=', WAITING)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  let released = 0;
  if (rows.length > 0) {
    const parsed = rows.map((r) => ({
      id: r.id,
      payload: JSON.parse(r.payload_json) as Record<string, unknown>,
    }));
    const known = await parents(
      db,
      parsed.map((p) => String(p.payload.okrbot_after)),
    );
    for (const p of parsed) {
      const parent = known.get(String(p.payload.okrbot_after));
      const mode = p.payload.okrbot_mode === 'update' ? 'update' : 'reply';
      if (!parent || parent.status === 'skipped') {
        await db
          .updateTable('outbox')
          .set({
            status: 'skipped',
            last_error: `the message it belongs to was not sent (${parent?.last_error ?? 'missing'})`,
          })
          .where('id', '=', p.id)
          .where('status', '=', WAITING)
          .execute();
        continue;
      }
      if (parent.status !== 'sent' || !parent.result_channel || !parent.result_ts) continue;
      const result = await db
        .updateTable('outbox')
        .set({
          status: 'pending',
          target: parent.result_channel,
          payload_json: JSON.stringify(
            filled({ mode, payload: p.payload }, parent.result_channel, parent.result_ts),
          ),
          next_attempt_at: now.toISOString(),
        })
        .where('id', '=', p.id)
        .where('status', '=', WAITING)
        .executeTakeFirst();
      released += Number(result.numUpdatedRows);
    }
  }
  await syncAlertMessageRefs(db, teamId);
  return released;
}

/** Copies the channel and ts of sent alert posts and DMs onto the alert rows (the alert record). */
export async function syncAlertMessageRefs(db: Kysely<Database>, teamId: string): Promise<void> {
  const adb = db;
  const missing = await adb
    .selectFrom('alerts')
    .select(['group_key', 'dm_key', 'channel_ts', 'dm_ts'])
    .where('team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        eb.and([eb('group_key', 'is not', null), eb('channel_ts', 'is', null)]),
        eb.and([eb('dm_key', 'is not', null), eb('dm_ts', 'is', null)]),
      ]),
    )
    .where('status', '!=', 'resolved')
    .execute();
  const channelKeys = new Set<string>();
  const dmKeys = new Set<string>();
  for (const r of missing) {
    if (r.group_key && r.channel_ts === null) channelKeys.add(channelPostKey(r.group_key));
    if (r.dm_key && r.dm_ts === null) dmKeys.add(r.dm_key);
  }
  const sent = await parents(db, [...channelKeys, ...dmKeys]);
  for (const [key, p] of sent) {
    if (p.status !== 'sent') continue;
    const where = { channel: p.result_channel, ts: p.result_ts };
    if (channelKeys.has(key))
      await recordAlertMessage(db, { groupKey: key.slice(0, -':channel'.length) }, where);
    if (dmKeys.has(key)) await recordAlertMessage(db, { dmKey: key }, where);
  }
}

/** Outbox key of the owner-channel post of an alert group. */
export function channelPostKey(groupKey: string): string {
  return `${groupKey}:channel`;
}

/**
 * Sends what KPI work queued, in the background (`ctx.track`, so shutdown waits for it): the outbox, then
 * follow-ups whose message just went out, a few rounds. The caller answers without waiting.
 */
export function kickAlertSending(ctx: AppContext, teamId: string): void {
  const work = (async () => {
    for (let round = 0; round < 4; round++) {
      await ctx.outbox.sendNow();
      if ((await releaseFollowUps(ctx.db, teamId, ctx.now())) === 0) break;
    }
  })().catch((error: unknown) => {
    ctx.log.error(`sending KPI alerts: ${error instanceof Error ? error.message : String(error)}`);
  });
  void ctx.track(work);
}

/** Sends everything due and the follow-ups it unblocks, and waits (the CLI, which exits afterwards). */
export async function sendAlertsNow(
  outbox: Outbox,
  db: Kysely<Database>,
  teamId: string,
  now: () => Date,
): Promise<{ sent: number; failed: number; skipped: number }> {
  const total = { sent: 0, failed: 0, skipped: 0 };
  for (let round = 0; round < 4; round++) {
    const report = await outbox.sendNow();
    total.sent += report.sent;
    total.failed += report.failed;
    total.skipped += report.skipped;
    if ((await releaseFollowUps(db, teamId, now())) === 0) break;
  }
  return total;
}
