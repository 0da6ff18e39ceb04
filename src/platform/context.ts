import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import type { Workspaces } from './installations/workspaces.js';
import type { OkrbotLogger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Outbox } from './outbox/outbox.js';
import type { SlackApi } from './slack/slack-api.js';

/** What listeners and jobs need from the running bot. Passed in, never imported, so tests can build one. */
export interface AppContext {
  db: Kysely<Database>;
  /**
   * The workspace this context acts for: the bot token's (single-workspace mode), or, in OAuth mode, the
   * one `contextFor` derived it for (the process-wide context has '' here: it acts for no workspace).
   */
  teamId: string;
  botUserId: string;
  /** The only clock: listeners and jobs read time here. */
  now: () => Date;
  config: Config;
  log: OkrbotLogger;
  metrics: Metrics;
  /** Web API access for jobs and the outbox (no hidden retries), with this context's workspace's token. */
  slack: SlackApi;
  /** Every workspace served and its token (src/platform/installations/workspaces.ts: contextFor). */
  workspaces: Workspaces;
  /** Everything sent goes through here: enqueue in the caller's transaction, kick() to send now. */
  outbox: Outbox;
  /** Identifies this process in job and message claims. */
  worker: string;
  /** Work started outside a request (e.g. debounced view updates) registers here so shutdown waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
}
