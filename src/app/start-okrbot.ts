import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { App, HTTPReceiver } from '@slack/bolt';
import cron from 'node-cron';
import { ensureWorkspace, setDmBlocked } from '../people/index.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import type { DatabaseHandle } from '../platform/db/open-database.js';
import { createLogger } from '../platform/logger.js';
import { createOutbox, type Outbox, type OutboxDeps } from '../platform/outbox/outbox.js';
import type { ScheduledJob, TickReport } from '../platform/scheduler/tick.js';
import { runTick } from '../platform/scheduler/tick.js';
import { jobSlackApi, type SlackApi } from '../platform/slack/slack-api.js';
import { type HttpRoute, httpRoutes } from './http-routes.js';
import { registerListeners } from './register-listeners.js';
import { scheduledJobs } from './scheduled-jobs.js';

export interface StartOptions {
  config: Config;
  database: DatabaseHandle;
  /** Run the every-minute scheduler (`serve --no-scheduler` turns it off). */
  scheduler: boolean;
  now?: () => Date;
  /** Override for tests: the API used by jobs. */
  slack?: SlackApi;
  jobs?: ScheduledJob[];
  /** Extra HTTP routes (the readings API registers here), tried before Slack's endpoint. */
  routes?: HttpRoute[];
}

export interface RunningOkrbot {
  ctx: AppContext;
  app: App;
  /** The HTTP server (health, API, and Slack's endpoint in HTTP mode). */
  server: Server;
  port: number;
  /** Runs the scheduled jobs once for `at` (what a cron wake-up does). */
  tick(at: Date): Promise<TickReport>;
  /** Stops taking work, lets in-flight work finish, closes the database. */
  stop(): Promise<void>;
}

/** Checks the bot token against Slack and learns which workspace it belongs to. */
export async function identifyBot(
  slack: SlackApi,
  apiUrl: string,
): Promise<{ teamId: string; teamName: string | null; botUserId: string; botId: string | null }> {
  let auth: Record<string, unknown>;
  try {
    auth = await slack.call('auth.test', {});
  } catch (error) {
    const e = error as { data?: { error?: string }; message?: string };
    throw new Error(
      `Slack did not accept SLACK_BOT_TOKEN at ${apiUrl} (${e.data?.error ?? e.message ?? 'no answer'})`,
    );
  }
  return {
    teamId: String(auth.team_id),
    teamName: (auth.team as string | undefined) ?? null,
    botUserId: String(auth.user_id),
    botId: (auth.bot_id as string | undefined) ?? null,
  };
}

/** Identifies the bot, records its workspace and builds the context listeners and jobs share. */
export async function createAppContext(args: {
  config: Config;
  database: DatabaseHandle;
  slack: SlackApi;
  now: () => Date;
  log: AppContext['log'];
}): Promise<{
  ctx: AppContext;
  bot: Awaited<ReturnType<typeof identifyBot>>;
  inFlight: Set<Promise<unknown>>;
}> {
  const { config, database, slack, now, log } = args;
  const bot = await identifyBot(slack, config.slackApiUrl);
  await ensureWorkspace(
    database.db,
    { teamId: bot.teamId, name: bot.teamName, botUserId: bot.botUserId, botId: bot.botId },
    now(),
  );
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  };
  const worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const ctx: AppContext = {
    db: database.db,
    teamId: bot.teamId,
    botUserId: bot.botUserId,
    now,
    config,
    log,
    slack,
    worker,
    track,
    outbox: outboxFor({ db: database.db, slack, worker, now, log, track }),
  };
  return { ctx, bot, inFlight };
}

/** The outbox every part of okrbot sends through; a person who cannot be reached is recorded in people. */
export function outboxFor(deps: Omit<OutboxDeps, 'onUnreachable'>): Outbox {
  return createOutbox({
    ...deps,
    onUnreachable: (teamId, userId, reason, at) => setDmBlocked(deps.db, teamId, userId, reason, at),
  });
}

/** Starts okrbot: Bolt (HTTP or Socket Mode), /healthz, extra routes, and the scheduler. */
export async function startOkrbot(options: StartOptions): Promise<RunningOkrbot> {
  const { config, database } = options;
  const log = createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const slack = options.slack ?? jobSlackApi(config.slackBotToken, config.slackApiUrl);
  const { ctx, bot, inFlight } = await createAppContext({ config, database, slack, now, log });
  const socketMode = Boolean(config.slackAppToken);
  const clientOptions = {
    slackApiUrl: config.slackApiUrl,
    // Interactive calls (views.open within 3 s of a click) gain nothing from long retry schedules.
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
  };
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({ signingSecret: config.slackSigningSecret, endpoints: '/slack/events', logger: log });
  const app = new App({
    token: config.slackBotToken,
    botId: bot.botId ?? undefined,
    botUserId: bot.botUserId,
    logger: log,
    clientOptions,
    deferInitialization: true,
    ...(socketMode ? { socketMode: true, appToken: config.slackAppToken } : { receiver }),
  });
  await app.init();
  registerListeners(app, ctx);
  app.error(async (error) => {
    log.error(`unhandled error in a listener: ${error.message}`);
  });

  let stopping = false;
  const routes = options.routes ?? httpRoutes();
  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error(`HTTP ${req.method} ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'internal_error' }));
    });
  });
  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      const up = !stopping && (await database.ping());
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ ok: up, database: up ? 'reachable' : stopping ? 'shutting down' : 'unreachable' }),
      );
      return;
    }
    if (stopping) {
      res.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ ok: false, error: 'shutting_down' }));
      return;
    }
    for (const route of routes) {
      if (await route(ctx, req, res)) return;
    }
    if (receiver && path === '/slack/events') {
      receiver.requestListener(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'not_found' }));
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  if (socketMode) await app.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const jobs = options.jobs ?? scheduledJobs();
  let ticking: Promise<TickReport> | undefined;
  const tick = (at: Date) => {
    if (ticking) return ticking;
    ticking = ctx.track(runTick(ctx, jobs, at, { stopping: () => stopping })).finally(() => {
      ticking = undefined;
    });
    return ticking;
  };
  const task = options.scheduler
    ? cron.schedule('* * * * *', () => void tick(now()).catch((e) => log.error(String(e))))
    : undefined;
  log.info(
    `okrbot serving workspace ${bot.teamId} on port ${port} (${socketMode ? 'Socket Mode' : 'HTTP, /slack/events'}; ${database.description}; scheduler ${task ? 'on' : 'off'})`,
  );

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      await task?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      if (socketMode) await app.stop();
      await database.close();
      log.info('okrbot stopped');
    })();
    return stopped;
  };
  return { ctx, app, server, port, tick, stop };
}
