import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifySlackError, type SlackApi } from '../slack/slack-api.js';
import {
  type ClaimedMessage,
  claimDueMessages,
  markDead,
  markFailed,
  markSent,
  markSkipped,
} from './store.js';

export interface SendOutboxDeps {
  db: Kysely<Database>;
  slack: SlackApi;
  /** Identifies this process in claims. */
  worker: string;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Messages in flight at once. */
  concurrency?: number;
  /** Tries for one message within this run before it is kept as failed for the next tick. */
  maxTries?: number;
  /** Longest Retry-After this run waits out; longer ones leave the message for a later tick. */
  maxRetryAfterMs?: number;
  /** Lets a shutdown stop claiming new messages while in-flight ones finish. */
  stopping?: () => boolean;
  /** Told when a message is given up as dead (logged by the caller). */
  onDead?: (msg: ClaimedMessage, reason: string) => void;
  /** Told when a person cannot be reached by DM (they blocked the bot, left…), so the caller can record it. */
  onUnreachable?: (teamId: string, userId: string, reason: string, at: Date) => Promise<void>;
}

export interface SendReport {
  sent: number;
  failed: number;
  skipped: number;
  rateLimitedWaits: number;
  retries: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends every due outbox message once. 429s are waited out per Retry-After (the whole sender pauses, as
 * Slack asks), 5xx and timeouts are retried with backoff, a recipient who cannot be reached is recorded and
 * skipped, and anything that still fails stays in the outbox as failed, with its reason, for the next run.
 */
export async function sendDueMessages(deps: SendOutboxDeps): Promise<SendReport> {
  const sleep = deps.sleep ?? defaultSleep;
  const concurrency = deps.concurrency ?? 4;
  const maxTries = deps.maxTries ?? 4;
  const maxRetryAfterMs = deps.maxRetryAfterMs ?? 60_000;
  const report: SendReport = { sent: 0, failed: 0, skipped: 0, rateLimitedWaits: 0, retries: 0 };
  let pausedUntil = 0;

  const waitForPause = async () => {
    for (;;) {
      const wait = pausedUntil - Date.now();
      if (wait <= 0) return;
      await sleep(wait);
    }
  };

  const sendOne = async (msg: ClaimedMessage): Promise<void> => {
    const payload = JSON.parse(msg.payload_json) as Record<string, unknown>;
    if (msg.recovered && msg.method === 'chat.postMessage') {
      const found = await findAlreadyPosted(deps.slack, msg, payload);
      if (found) {
        await markSent(deps.db, msg.id, deps.worker, found, deps.now());
        report.sent++;
        return;
      }
    }
    const args =
      msg.method === 'chat.update'
        ? payload
        : { channel: msg.target, ...payload, metadata: outboxMetadata(msg) };
    for (let attempt = 1; ; attempt++) {
      await waitForPause();
      try {
        const result = await deps.slack.call(msg.method, args);
        const channel =
          (result.channel as string | undefined) ?? (args.channel as string | undefined) ?? null;
        const ts = (result.ts as string | undefined) ?? (result.message_ts as string | undefined) ?? null;
        await markSent(deps.db, msg.id, deps.worker, { channel, ts }, deps.now());
        report.sent++;
        return;
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind === 'recipient') {
          await markSkipped(deps.db, msg.id, deps.worker, failure.reason);
          if (/^[UW]/.test(msg.target))
            await deps.onUnreachable?.(msg.team_id, msg.target, failure.reason, deps.now());
          report.skipped++;
          return;
        }
        if (failure.kind === 'rejected' || attempt >= maxTries) {
          const reason = failure.kind === 'rate_limited' ? 'ratelimited' : failure.reason;
          // Slack refused the message itself (invalid_blocks, msg_too_long…): retrying the same payload will
          // not help forever. After a few ticks it is kept as dead, with its reason, for an operator to see.
          if (failure.kind === 'rejected' && msg.attempts + 1 >= MAX_REJECTED_ATTEMPTS) {
            await markDead(deps.db, msg.id, deps.worker, reason);
            deps.onDead?.(msg, reason);
            report.failed++;
            return;
          }
          const retryIn =
            failure.kind === 'rate_limited' ? failure.retryAfterMs : nextTickBackoffMs(msg.attempts + 1);
          await markFailed(deps.db, msg.id, deps.worker, reason, new Date(deps.now().getTime() + retryIn));
          report.failed++;
          return;
        }
        if (failure.kind === 'rate_limited') {
          if (failure.retryAfterMs > maxRetryAfterMs) {
            await markFailed(
              deps.db,
              msg.id,
              deps.worker,
              'ratelimited',
              new Date(deps.now().getTime() + failure.retryAfterMs),
            );
            report.failed++;
            return;
          }
          report.rateLimitedWaits++;
          pausedUntil = Math.max(pausedUntil, Date.now() + failure.retryAfterMs);
        } else {
          report.retries++;
          await sleep(backoffMs(attempt));
        }
      }
    }
  };

  for (;;) {
    if (deps.stopping?.()) break;
    const batch = await claimDueMessages(deps.db, deps.worker, deps.now(), concurrency * 8);
    if (batch.length === 0) break;
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, batch.length) }, async () => {
      while (next < batch.length) {
        const msg = batch[next++]!;
        await sendOne(msg);
      }
    });
    await Promise.all(lanes);
  }
  return report;
}

/** A message Slack keeps refusing is given up (status `dead`, reason kept) after this many tries. */
export const MAX_REJECTED_ATTEMPTS = 5;

/** Across ticks: 30 s, 1 min, 2 min, … up to an hour. */
export function nextTickBackoffMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
}

function backoffMs(attempt: number): number {
  return Math.min(100 * 2 ** (attempt - 1), 5_000);
}

function outboxMetadata(msg: ClaimedMessage) {
  return { event_type: 'okrbot_message', event_payload: { dedupe_key: msg.dedupe_key } };
}

/**
 * A message whose sender died mid-send may already be in Slack. Look for it by the dedupe key carried in
 * its metadata before sending again, so a crash never produces a duplicate.
 */
async function findAlreadyPosted(
  slack: SlackApi,
  msg: ClaimedMessage,
  payload: Record<string, unknown>,
): Promise<{ channel: string; ts: string } | undefined> {
  try {
    let channel = msg.target;
    if (/^[UW]/.test(channel)) {
      const opened = await slack.call('conversations.open', { users: channel });
      channel = ((opened.channel as { id?: string } | undefined)?.id ?? channel) as string;
    }
    const oldest = (Date.parse(msg.created_at) / 1000 - 60).toFixed(6);
    const threadTs = payload.thread_ts as string | undefined;
    const history = threadTs
      ? await slack.call('conversations.replies', {
          channel,
          ts: threadTs,
          oldest,
          limit: 200,
          include_all_metadata: true,
        })
      : await slack.call('conversations.history', {
          channel,
          oldest,
          limit: 200,
          include_all_metadata: true,
        });
    const messages =
      (history.messages as Array<{ ts: string; metadata?: { event_payload?: { dedupe_key?: string } } }>) ??
      [];
    const hit = messages.find((m) => m.metadata?.event_payload?.dedupe_key === msg.dedupe_key);
    return hit ? { channel, ts: hit.ts } : undefined;
  } catch {
    // If history cannot be read, sending again is the lesser evil: a missed prompt is worse than a repeat.
    return undefined;
  }
}
