import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type PacingOptions, SlackPacer } from '../slack/pacer.js';
import type { SlackApi } from '../slack/slack-api.js';
import { type SendReport, sendDueMessages } from './sender.js';
import { enqueueMessages, type OutgoingMessage } from './store.js';

/**
 * The one way anything leaves okrbot for Slack. Callers `enqueue` in their own transaction (so a message
 * exists exactly when the change that caused it does), then `kick()` to send now instead of at the next
 * tick. Every send goes through the same sender, so dead messages are logged wherever a send happens.
 */
export interface Outbox {
  /** Records messages to send, in the caller's transaction or database; returns how many were new. */
  enqueue(db: Kysely<Database>, messages: OutgoingMessage[], now: Date): Promise<number>;
  /**
   * Sends what is due and waits for it (a tick, the CLI, a listener after its ack). Calls without options
   * made while such a run is under way share one run after it (which sends what they queued), so fifty
   * check-ins saved at once make two runs, not fifty.
   */
  sendNow(options?: { stopping?: () => boolean }): Promise<SendReport>;
  /** Sends what is due in the background; shutdown waits for it; a failure is logged, never thrown. */
  kick(): void;
}

export interface OutboxDeps {
  db: Kysely<Database>;
  slack: SlackApi;
  /** Many workspaces: each message is sent with its own workspace's API (see SendOutboxDeps.slackFor). */
  slackFor?: (teamId: string) => Promise<SlackApi | undefined>;
  worker: string;
  now: () => Date;
  log: { error(message: string): void };
  /** Registers background work so shutdown waits for it. */
  track?: <T>(work: Promise<T>) => Promise<T>;
  /** Records that a person cannot be reached by DM (the people feature owns that fact). */
  onUnreachable?: (teamId: string, userId: string, reason: string, at: Date) => Promise<void>;
  /** Slack's budgets the sender keeps to (`SLACK_POST_PER_MINUTE` is `postMessagePerMinute`); defaults when unset. */
  pacing?: PacingOptions;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  // One pacer per process: every send (ticks, kicks, sendNow running at once) shares Slack's budgets.
  const pacer = new SlackPacer(deps.pacing);
  // Many workspaces: Slack's budgets are each workspace's own, so each gets a pacer of its own.
  const pacers = new Map<string, SlackPacer>();
  const pacerFor = (teamId: string) => {
    const known = pacers.get(teamId);
    if (known) return known;
    const one = new SlackPacer(deps.pacing);
    pacers.set(teamId, one);
    return one;
  };
  const sendNow = (options: { stopping?: () => boolean } = {}) =>
    sendDueMessages({
      db: deps.db,
      slack: deps.slack,
      ...(deps.slackFor ? { slackFor: deps.slackFor, pacerFor } : {}),
      worker: deps.worker,
      now: deps.now,
      pacer,
      stopping: options.stopping,
      onUnreachable: deps.onUnreachable,
      onDead: (msg, reason) =>
        deps.log.error(`gave up on message ${msg.dedupe_key} to ${msg.target}: Slack answered ${reason}`),
    });
  let running: Promise<SendReport> | undefined;
  let next: Promise<SendReport> | undefined;
  const shared = (): Promise<SendReport> => {
    if (!running) {
      const run = sendNow().finally(() => {
        if (running === run) running = undefined;
      });
      running = run;
      return run;
    }
    // A run is under way: it may have claimed before the caller's messages were queued; the next one will not.
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return shared();
      });
    return next;
  };
  return {
    enqueue: (db, messages, now) => enqueueMessages(db, messages, now),
    sendNow: (options) => (options ? sendNow(options) : shared()),
    kick() {
      const work = shared().catch((error: unknown) => {
        deps.log.error(`sending messages: ${error instanceof Error ? error.message : String(error)}`);
      });
      void (deps.track ? deps.track(work) : work);
    },
  };
}
