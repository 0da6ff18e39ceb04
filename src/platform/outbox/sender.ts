import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type PacingOptions, SlackPacer } from '../slack/pacer.js';
import { classifySlackError, type SlackApi, type SlackFailure } from '../slack/slack-api.js';
import { SentMarks } from './sent-marks.js';
import {
  type ClaimedMessage,
  claimDueMessages,
  markDead,
  markFailed,
  markSent,
  markSkipped,
  OUTBOX_LEASE_MS,
  renewClaim,
} from './store.js';

export interface SendOutboxDeps {
  db: Kysely<Database>;
  /** The API every message is sent with, unless `slackFor` is given. */
  slack: SlackApi;
  /**
   * Many workspaces: the API with the token of the message's own workspace (its `team_id`), or undefined
   * when that workspace has uninstalled okrbot (the message is skipped, never sent with another token).
   */
  slackFor?: (teamId: string) => Promise<SlackApi | undefined>;
  /** Identifies this process in claims. */
  worker: string;
  now: () => Date;
  /** Waits between retries of a 5xx or a timeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Messages in flight at once. */
  concurrency?: number;
  /** Messages claimed at a time; the outbox is read in batches of this size, never all at once. */
  batchSize?: number;
  /** Tries for one message within this run before it is kept as failed for the next tick. */
  maxTries?: number;
  /** Longest Retry-After this run waits out; longer ones leave the message for a later tick. */
  maxRetryAfterMs?: number;
  /** Slack's budgets this run keeps to; ignored when `pacer` is given. */
  pacing?: PacingOptions;
  /** A pacer shared by every run of one process (the outbox keeps one), so budgets carry over between runs. */
  pacer?: SlackPacer;
  /** Many workspaces: each workspace's own pacer (Slack's budgets are per workspace); else `pacer` for all. */
  pacerFor?: (teamId: string) => SlackPacer;
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

/** A claimed message on its way: its call, and how many times this run has tried it. */
interface Pending {
  msg: ClaimedMessage;
  /** The Slack channel the pacer keys it by (a user id for a DM: one user, one DM channel). */
  channel: string | undefined;
  /** The budgets of the message's workspace. */
  pacer: SlackPacer;
  tries: number;
}

/** One run of the sender: its settings, the claimed messages not yet sent, and what it has done so far. */
interface SendRun {
  deps: SendOutboxDeps;
  pacer: SlackPacer;
  pacerOf: (teamId: string) => SlackPacer;
  sleep: (ms: number) => Promise<void>;
  concurrency: number;
  batchSize: number;
  maxTries: number;
  maxRetryAfterMs: number;
  report: SendReport;
  /** Claimed and not yet settled: new ones, and ones a 429 sent back to wait for their key. */
  pending: Pending[];
  /** The claim under way, so lanes share one. */
  claiming: Promise<void> | undefined;
  /** The last claim found nothing due. */
  exhausted: boolean;
  /** Posts Slack accepted, their marks written in batches. */
  sent: SentMarks;
}

/**
 * Sends every due outbox message once, paced below Slack's limits (src/platform/slack/pacer.ts) rather
 * than as fast as possible. A 429 pauses only the method (and channel) it limits, and the message waits
 * for it while the others go on; 5xx and timeouts are retried with backoff; a recipient who cannot be
 * reached is recorded and skipped; anything that still fails stays in the outbox as failed, with its
 * reason, for the next run. The outbox is claimed in batches as lanes need more, so a 10,000-owner round is
 * never held in memory at once.
 */
export async function sendDueMessages(deps: SendOutboxDeps): Promise<SendReport> {
  const concurrency = deps.concurrency ?? 4;
  const pacer = deps.pacer ?? new SlackPacer(deps.pacing);
  const batchSize = deps.batchSize ?? concurrency * 8;
  const run: SendRun = {
    deps,
    pacer,
    pacerOf: deps.pacerFor ?? (() => pacer),
    sleep: deps.sleep ?? defaultSleep,
    concurrency,
    batchSize,
    maxTries: deps.maxTries ?? 4,
    maxRetryAfterMs: deps.maxRetryAfterMs ?? 60_000,
    report: { sent: 0, failed: 0, skipped: 0, rateLimitedWaits: 0, retries: 0 },
    pending: [],
    claiming: undefined,
    exhausted: false,
    sent: new SentMarks(deps.db, deps.worker, batchSize),
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, () => lane(run)));
  } finally {
    await run.sent.close();
  }
  return run.report;
}

/** One lane: takes whichever claimed message may go soonest, sends it, and again, until none is left. */
async function lane(run: SendRun): Promise<void> {
  for (;;) {
    const next = await takeNext(run);
    if (!next) return;
    if (next.wait > run.maxRetryAfterMs) await keepForLater(run, next.item.msg, next.wait);
    else await sendOne(run, next.item);
  }
}

/**
 * The claimed message whose method and channel may be called soonest, its slot reserved with the pacer
 * (`wait` 0), or one held longer than this run waits (`wait` > maxRetryAfterMs). Claims another batch when
 * few are left, or when every one left waits for a paused key while others may be due in the outbox.
 */
async function takeNext(run: SendRun): Promise<{ item: Pending; wait: number } | undefined> {
  for (;;) {
    if (run.pending.length < run.concurrency && !run.exhausted) await claimMore(run);
    if (run.pending.length === 0) {
      if (run.exhausted || run.deps.stopping?.()) return undefined;
      continue;
    }
    let best = 0;
    let bestWait = Number.POSITIVE_INFINITY;
    for (let i = 0; i < run.pending.length && bestWait > 0; i++) {
      const item = run.pending[i]!;
      const wait = item.pacer.readyIn(item.msg.method, item.channel);
      if (wait < bestWait) {
        best = i;
        bestWait = wait;
      }
    }
    if (bestWait <= 0 || bestWait > run.maxRetryAfterMs) {
      const [item] = run.pending.splice(best, 1);
      if (bestWait <= 0) item!.pacer.reserve(item!.msg.method, item!.channel);
      return { item: item!, wait: bestWait };
    }
    // Everything claimed waits for a paused channel or method: others in the outbox may be free to go.
    if (bestWait > PAUSED_MS && !run.exhausted && run.pending.length < run.batchSize * MAX_BATCHES_HELD) {
      await claimMore(run);
      if (!run.exhausted) continue;
    }
    await run.pacer.sleep(Math.min(bestWait, MAX_IDLE_MS));
  }
}

/** A wait longer than this is a 429's pause, not pacing: worth claiming more to find others that may go. */
const PAUSED_MS = 250;
/** A lane waiting for a paused key looks again this often, for messages that came due meanwhile. */
const MAX_IDLE_MS = 1_000;
/** At most this many batches are held claimed while their keys are paused. */
const MAX_BATCHES_HELD = 4;

async function claimMore(run: SendRun): Promise<void> {
  if (!run.claiming) {
    run.claiming = (async () => {
      // A sent mark that could not be written stops the run: the database is in trouble.
      if (run.deps.stopping?.() || run.sent.failure !== undefined) {
        run.exhausted = true;
        return;
      }
      const { deps } = run;
      const batch = await claimDueMessages(deps.db, deps.worker, deps.now(), run.batchSize);
      if (batch.length === 0) run.exhausted = true;
      for (const msg of batch)
        run.pending.push({
          msg,
          channel: msg.method === 'chat.postMessage' ? msg.target : undefined,
          pacer: run.pacerOf(msg.team_id),
          tries: 0,
        });
    })().finally(() => {
      run.claiming = undefined;
    });
  }
  await run.claiming;
}

/** A message whose method or channel Slack holds longer than this run waits: retried on a later tick. */
async function keepForLater(run: SendRun, msg: ClaimedMessage, waitMs: number): Promise<void> {
  const { deps } = run;
  await markFailed(deps.db, msg.id, deps.worker, 'ratelimited', new Date(deps.now().getTime() + waitMs));
  run.report.failed++;
}

/**
 * One try of one message, its pacer slot already reserved: found already posted (after a crash), sent, or
 * settled as skipped, failed or dead; after a 429 it goes back to wait for its key; after a 5xx it is
 * retried here after a backoff.
 */
async function sendOne(run: SendRun, item: Pending): Promise<void> {
  const { deps } = run;
  const { msg } = item;
  const slack = deps.slackFor ? await deps.slackFor(msg.team_id) : deps.slack;
  if (!slack) {
    await markSkipped(deps.db, msg.id, deps.worker, 'not_installed');
    run.report.skipped++;
    return;
  }
  const payload = JSON.parse(msg.payload_json) as Record<string, unknown>;
  // A message whose sender died mid-send, or whose last call got no answer, may be in Slack already.
  const mayBePosted = item.tries === 0 && (msg.recovered || unanswered(msg));
  const args =
    msg.method === 'chat.update'
      ? payload
      : { channel: msg.target, ...payload, metadata: outboxMetadata(msg) };
  for (;;) {
    // Another replica took it over after our lease ran out: it sends it (after looking for it), not us.
    if (!(await holdClaim(deps, msg))) return;
    if (mayBePosted && msg.method === 'chat.postMessage') {
      const found = await findAlreadyPosted(item.pacer, slack, msg, payload);
      if (found) return recordSent(run, msg, found);
    }
    item.tries++;
    try {
      const result = await slack.call(msg.method, args);
      const channel = (result.channel as string | undefined) ?? (args.channel as string | undefined) ?? null;
      const ts = (result.ts as string | undefined) ?? (result.message_ts as string | undefined) ?? null;
      return recordSent(run, msg, { channel, ts });
    } catch (error) {
      const failure = classifySlackError(error);
      if (msg.method === 'chat.postMessage' && failure.kind === 'transient' && noAnswer(error)) {
        // Slack may still post it: try again on a later tick, looking for it first.
        await giveUpForThisRun(run, msg, { kind: 'transient', reason: `${NO_ANSWER}${failure.reason}` });
        return;
      }
      if (failure.kind === 'rate_limited') item.pacer.pause(msg.method, item.channel, failure.retryAfterMs);
      const outcome = await settleFailure(run, msg, failure, item.tries);
      if (outcome === 'settled') return;
      if (outcome === 'wait_for_key') {
        run.pending.push(item);
        return;
      }
      await item.pacer.acquire(msg.method, item.channel);
    }
  }
}

/**
 * Marks a message sent. A post's mark joins the run's batch (see sent-marks.ts: after a crash it is found in
 * Slack before any re-post); an update's or an ephemeral's, which cannot be looked up, is written at once.
 */
async function recordSent(
  run: SendRun,
  msg: ClaimedMessage,
  result: { channel: string | null; ts: string | null },
): Promise<void> {
  const { deps } = run;
  run.report.sent++;
  if (msg.method === 'chat.postMessage') await run.sent.add({ id: msg.id, ...result, sentAt: deps.now() });
  else await markSent(deps.db, msg.id, deps.worker, result, deps.now());
}

/**
 * What a failed call means for the message: `settled` (skipped, failed for a later tick, or dead), worth
 * another try once the 429's pause on its key is over (`wait_for_key`), or now, after a backoff (`retry`).
 */
async function settleFailure(
  run: SendRun,
  msg: ClaimedMessage,
  failure: SlackFailure,
  attempt: number,
): Promise<'settled' | 'wait_for_key' | 'retry'> {
  const { deps, report } = run;
  if (failure.kind === 'recipient') {
    await markSkipped(deps.db, msg.id, deps.worker, failure.reason);
    if (/^[UW]/.test(msg.target))
      await deps.onUnreachable?.(msg.team_id, msg.target, failure.reason, deps.now());
    report.skipped++;
    return 'settled';
  }
  if (failure.kind === 'rejected' || attempt >= run.maxTries) {
    await giveUpForThisRun(run, msg, failure);
    return 'settled';
  }
  if (failure.kind === 'rate_limited') {
    if (failure.retryAfterMs > run.maxRetryAfterMs) {
      await keepForLater(run, msg, failure.retryAfterMs);
      return 'settled';
    }
    report.rateLimitedWaits++;
    return 'wait_for_key';
  }
  report.retries++;
  await run.sleep(backoffMs(attempt));
  return 'retry';
}

/** Out of tries, or refused: kept as failed for a later tick, or as dead once Slack has refused it enough. */
async function giveUpForThisRun(run: SendRun, msg: ClaimedMessage, failure: SlackFailure): Promise<void> {
  const { deps } = run;
  const reason = failure.kind === 'rate_limited' ? 'ratelimited' : failure.reason;
  // Slack refused the message itself (invalid_blocks, msg_too_long…): retrying the same payload will
  // not help forever. After a few ticks it is kept as dead, with its reason, for an operator to see.
  if (failure.kind === 'rejected' && msg.attempts + 1 >= MAX_REJECTED_ATTEMPTS) {
    await markDead(deps.db, msg.id, deps.worker, reason);
    deps.onDead?.(msg, reason);
    run.report.failed++;
    return;
  }
  const retryIn =
    failure.kind === 'rate_limited' ? failure.retryAfterMs : nextTickBackoffMs(msg.attempts + 1);
  await markFailed(deps.db, msg.id, deps.worker, reason, new Date(deps.now().getTime() + retryIn));
  run.report.failed++;
}

/**
 * Reason kept for a post that got no answer (timeout, connection lost): it may have reached Slack anyway, so
 * it is not retried at once, and the next try first looks for it in the channel.
 */
const NO_ANSWER = 'no answer: ';

/** The call got no answer (a timeout, a dropped connection): Slack may have posted the message anyway. */
function noAnswer(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === undefined || code === 'slack_webapi_request_error';
}

function unanswered(msg: ClaimedMessage): boolean {
  return msg.last_error?.startsWith(NO_ANSWER) === true;
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

/**
 * Before the claim has less than a call's worth of time left (the Slack call times out after 10 s), no
 * other replica can take the message: only then is the lease renewed (one write saved per message).
 */
const RENEW_WHEN_LEFT_MS = 15_000;

/** True while this worker holds the message's claim for at least one more call, renewing it when it must. */
async function holdClaim(deps: SendOutboxDeps, msg: ClaimedMessage): Promise<boolean> {
  const now = deps.now();
  const until = msg.lease_until ? Date.parse(msg.lease_until) : 0;
  if (until - now.getTime() > RENEW_WHEN_LEFT_MS) return true;
  if (!(await renewClaim(deps.db, msg.id, deps.worker, now))) return false;
  msg.lease_until = new Date(now.getTime() + OUTBOX_LEASE_MS).toISOString();
  return true;
}

function outboxMetadata(msg: ClaimedMessage) {
  return { event_type: 'okrbot_message', event_payload: { dedupe_key: msg.dedupe_key } };
}

/**
 * A message whose sender died mid-send may already be in Slack. Look for it by the dedupe key carried in
 * its metadata before sending again, so a crash never produces a duplicate.
 */
async function findAlreadyPosted(
  pacer: SlackPacer,
  slack: SlackApi,
  msg: ClaimedMessage,
  payload: Record<string, unknown>,
): Promise<{ channel: string; ts: string } | undefined> {
  try {
    let channel = msg.target;
    if (/^[UW]/.test(channel)) {
      await pacer.acquire('conversations.open');
      const opened = await slack.call('conversations.open', { users: channel });
      channel = ((opened.channel as { id?: string } | undefined)?.id ?? channel) as string;
    }
    const oldest = (Date.parse(msg.created_at) / 1000 - 60).toFixed(6);
    const threadTs = payload.thread_ts as string | undefined;
    await pacer.acquire(threadTs ? 'conversations.replies' : 'conversations.history');
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
