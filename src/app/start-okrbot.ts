import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { App, ErrorCode, type HTTPReceiver, type LogLevel } from '@slack/bolt';
import cron from 'node-cron';
import { ensureWorkspace, setDmBlocked } from '../people/index.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { pendingMigrations } from '../platform/db/migrate.js';
import type { DatabaseHandle } from '../platform/db/open-database.js';
import { createHttpServer, requestInfoIn } from '../platform/http/server.js';
import { isInstalled } from '../platform/installations/installation-store.js';
import {
  installedWorkspaces,
  singleWorkspace,
  type Workspaces,
} from '../platform/installations/workspaces.js';
import { createLogger, type OkrbotLogger, registerSecrets } from '../platform/logger.js';
import { createMetrics } from '../platform/metrics.js';
import { createOutbox, type Outbox, type OutboxDeps } from '../platform/outbox/outbox.js';
import { countByStatus } from '../platform/outbox/store.js';
import type { ScheduledJob, TickReport } from '../platform/scheduler/tick.js';
import { runTick } from '../platform/scheduler/tick.js';
import { firstDelivery } from '../platform/slack/event-dedupe.js';
import { SlackEventsReceiver } from '../platform/slack/events-receiver.js';
import { ListenerTable } from '../platform/slack/listener-table.js';
import { jobSlackApi, meteredSlackApi, type SlackApi } from '../platform/slack/slack-api.js';
import { homeRefresherFor, refreshHomesAfterTick } from './home-refresh.js';
import { type HttpRoute, httpRoutes } from './http-routes.js';
import {
  installationStoreFor,
  installerAuthorize,
  oauthReceiver,
  registerUninstallListeners,
  workspaceMembership,
} from './oauth-mode.js';
import { installPayloadGuard, parseSlackPayload } from './payload-guard.js';
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
  /** Receives each JSON log line instead of stderr (tests). */
  logSink?: (line: string) => void;
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
    const e = error as { data?: { error?: string }; message?: string; code?: string };
    if (e.data?.error) throw new Error(`Slack did not accept SLACK_BOT_TOKEN at ${apiUrl} (${e.data.error})`);
    throw new Error(
      `could not reach Slack at ${apiUrl} (${e.message ?? e.code ?? 'no answer'}): a network problem, not the token`,
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
  log: OkrbotLogger;
}): Promise<{
  ctx: AppContext;
  bot: Awaited<ReturnType<typeof identifyBot>>;
  inFlight: Set<Promise<unknown>>;
  /** OAuth mode: Bolt's receiver with the installer, and the installation store it uses. */
  oauth?: OAuthPieces;
}> {
  const { config, database, now, log } = args;
  registerSecrets([
    config.slackBotToken,
    config.slackSigningSecret,
    config.slackAppToken,
    config.apiTokenPepper,
    config.oauth?.clientSecret,
    config.oauth?.stateSecret,
    config.oauth?.encryptionKey.toString('base64'),
    config.oauth?.encryptionKey.toString('base64url'),
    config.oauth?.encryptionKey.toString('hex'),
  ]);
  const oauth = config.oauth ? oauthPieces(config as OAuthSettings, database, now, log) : undefined;
  const bot = oauth ? NO_BOT : await identifyBot(args.slack, config.slackApiUrl);
  if (!oauth)
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
  const metrics = createMetrics(() => countByStatus(database.db));
  const slack = oauth ? NO_WORKSPACE_API : meteredSlackApi(args.slack, metrics.slackCalls);
  const workspaces: Workspaces = oauth
    ? installedWorkspaces(database.db, installerAuthorize(oauth.receiver), (token) =>
        meteredSlackApi(jobSlackApi(token, config.slackApiUrl), metrics.slackCalls),
      )
    : singleWorkspace({ teamId: bot.teamId, botUserId: bot.botUserId, slack });
  const worker = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const ctx: AppContext = {
    db: database.db,
    teamId: bot.teamId,
    botUserId: bot.botUserId,
    now,
    config,
    log,
    slack,
    workspaces,
    worker,
    track,
    outbox: outboxFor({
      db: database.db,
      slack,
      ...(oauth ? { slackFor: async (teamId: string) => (await workspaces.access(teamId))?.slack } : {}),
      worker,
      now,
      log,
      track,
      pacing: { postMessagePerMinute: config.slackPostPerMinute },
    }),
    metrics,
  };
  return { ctx, bot, inFlight, ...(oauth ? { oauth } : {}) };
}

type OAuthSettings = Config & { oauth: NonNullable<Config['oauth']> };
interface OAuthPieces {
  receiver: HTTPReceiver;
  store: ReturnType<typeof installationStoreFor>;
}

function oauthPieces(
  config: OAuthSettings,
  database: DatabaseHandle,
  now: () => Date,
  log: OkrbotLogger,
): OAuthPieces {
  const store = installationStoreFor({ db: database.db, now }, config.oauth.encryptionKey);
  return { store, receiver: oauthReceiver(config, store, log) };
}

/** OAuth mode has no bot of its own: each workspace's bot comes with its installation. */
const NO_BOT = { teamId: '', teamName: null, botUserId: '', botId: null };

/** The process-wide context's API in OAuth mode: a call must go through a workspace's context. */
const NO_WORKSPACE_API: SlackApi = {
  call: async (method) => {
    throw new Error(`${method} was called for no workspace: in OAuth mode use contextFor(ctx, teamId)`);
  },
};

/** The outbox every part of okrbot sends through; a person who cannot be reached is recorded in people. */
export function outboxFor(deps: Omit<OutboxDeps, 'onUnreachable'>): Outbox {
  return createOutbox({
    ...deps,
    onUnreachable: (teamId, userId, reason, at) => setDmBlocked(deps.db, teamId, userId, reason, at),
  });
}

/** Starts okrbot: Bolt (HTTP or Socket Mode), /healthz, /readyz, /metrics, extra routes, and the scheduler. */
export async function startOkrbot(options: StartOptions): Promise<RunningOkrbot> {
  const { config, database } = options;
  const log = createLogger(config.logLevel, 'okrbot', options.logSink);
  const now = options.now ?? (() => new Date());
  const slack = options.slack ?? jobSlackApi(config.slackBotToken, config.slackApiUrl);
  const { ctx, bot, inFlight, oauth } = await createAppContext({ config, database, slack, now, log });
  const socketMode = Boolean(config.slackAppToken);
  const { app, receiver } = await createBoltApp(ctx, bot, socketMode, oauth);

  let stopping = false;
  const routes = options.routes ?? httpRoutes();
  const readiness = slackTokenCheck(ctx);
  const server = createHttpServer({
    log,
    metrics: ctx.metrics,
    stopping: () => stopping,
    health: async () => {
      const up = !stopping && (await database.ping());
      return { ok: up, database: up ? 'reachable' : stopping ? 'shutting down' : 'unreachable' };
    },
    ready: async () => readyChecks(database, readiness, () => stopping),
    routes: routes.map((route) => (req, res) => route(ctx, req, res)),
    ...(receiver ? { slackEvents: (req, res) => void receiver.handle(req, res) } : {}),
    ...(oauth
      ? {
          slackInstall: {
            paths: ['/slack/install', '/slack/oauth_redirect'],
            listener: (req, res) => oauth.receiver.requestListener(req, res),
          },
        }
      : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  if (socketMode) await app.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const tick = ticker(ctx, options.jobs ?? scheduledJobs(), () => stopping);
  const task = options.scheduler
    ? cron.schedule('* * * * *', () => void tick(now()).catch((e) => log.error('tick failed:', e)))
    : undefined;
  log.info(
    `okrbot serving ${oauth ? 'every workspace that installs it (/slack/install)' : `workspace ${bot.teamId}`} on port ${port} (${socketMode ? 'Socket Mode' : 'HTTP, /slack/events'}; ${database.description}; scheduler ${task ? 'on' : 'off'})`,
  );

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      stopping = true;
      homeRefresherFor(ctx).stop();
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

/** Bolt, over HTTP (our server hands it /slack/events) or Socket Mode, with every listener registered. */
async function createBoltApp(
  ctx: AppContext,
  bot: Awaited<ReturnType<typeof identifyBot>>,
  socketMode: boolean,
  oauth?: OAuthPieces,
): Promise<{ app: App; receiver: SlackEventsReceiver | undefined }> {
  const { config, log } = ctx;
  const receiver = socketMode
    ? undefined
    : new SlackEventsReceiver({ signingSecret: config.slackSigningSecret, log, parse: parseSlackPayload });
  const installer = oauth?.receiver.installer;
  const app = new App({
    // OAuth mode: Bolt's installer authorizes each payload with its own workspace's token.
    ...(installer
      ? { authorize: (source) => installer.authorize(source) }
      : { token: config.slackBotToken, botId: bot.botId ?? undefined, botUserId: bot.botUserId }),
    logger: log,
    logLevel: config.logLevel as LogLevel,
    clientOptions: {
      slackApiUrl: config.slackApiUrl,
      // Interactive calls (views.open within 3 s of a click) gain nothing from long retry schedules.
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    },
    deferInitialization: true,
    // okrbot keeps no conversation state in Bolt: no store to read on every request.
    convoStore: false,
    ...(socketMode ? { socketMode: true, appToken: config.slackAppToken } : { receiver }),
  });
  await app.init();
  const isMember = workspaceMembership();
  // Names each request in its log line and metrics: what kind of payload, for which workspace.
  app.use(async (args) => {
    const info = requestInfoIn(args.context);
    const b = args.body as {
      type?: string;
      command?: string;
      team_id?: string;
      team?: { id?: string } | null;
      user?: { team_id?: string } | string;
      view?: { team_id?: string };
    };
    const workspace = b.team?.id ?? b.team_id;
    if (info) {
      info.kind = b.command ? 'command' : b.type === 'event_callback' ? 'event' : (b.type ?? 'slack');
      if (workspace) info.workspace = workspace;
    }
    // A payload names its workspace; one this bot does not serve is answered and dropped, never acted on.
    if (workspace && !(await serves(ctx, workspace, b, args, isMember))) {
      if (info) info.outcome = 'refused';
      log.warn(`refused a request for workspace ${workspace}, which this okrbot does not serve`);
      const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
      if (typeof ack === 'function') {
        await ack(
          b.command
            ? { response_type: 'ephemeral', text: 'This okrbot does not serve your workspace.' }
            : undefined,
        );
      }
      return;
    }
    // Slack retries an event it thinks was lost; one handled already (here or on another replica) is dropped.
    const event = args.body as { type?: string; event_id?: string };
    if (event.type === 'event_callback' && typeof event.event_id === 'string' && workspace) {
      if (!(await firstDelivery(ctx.db, workspace, event.event_id, ctx.now()))) {
        if (info) info.outcome = 'duplicate';
        return;
      }
    }
    await args.next();
  });
  const table = new ListenerTable();
  if (oauth) registerUninstallListeners(table.listeners, ctx, oauth.store);
  registerListeners(app, table.listeners, ctx);
  installPayloadGuard(app, ctx); // whatever no listener acknowledged is acknowledged
  table.install(app); // last: inside every middleware above
  app.error(listenerErrorHandler(log));
  return { app, receiver };
}

/** Logs a listener's unhandled error; a payload from a workspace with no installation is answered 401. */
function listenerErrorHandler(log: OkrbotLogger): (error: Error & { code?: string }) => Promise<void> {
  return async (error) => {
    if (error.code === ErrorCode.AuthorizationError) {
      // Bolt answers it 401, which the request's log line counts as refused.
      log.warn(`refused a request from a workspace that has not installed okrbot: ${error.message}`);
      throw error;
    }
    log.error('unhandled error in a listener:', error);
  };
}

/**
 * Whether okrbot serves the workspace a payload names: the bot token's (single-workspace mode) or an
 * installed one (OAuth mode, where the user it names must be a member of it), and a view in it was opened there.
 */
async function serves(
  ctx: AppContext,
  workspace: string,
  b: { user?: { id?: string; team_id?: string } | string; user_id?: string; view?: { team_id?: string } },
  args: { client: { users: { info: (a: { user: string }) => Promise<unknown> } }; body: unknown },
  isMember: ReturnType<typeof workspaceMembership>,
): Promise<boolean> {
  // A user's own team_id may differ on Enterprise Grid and in shared channels: membership is asked of Slack.
  if (b.view?.team_id && b.view.team_id !== workspace) return false;
  if (!ctx.workspaces.oauth) return workspace === ctx.teamId;
  if (!(await isInstalled(ctx.db, workspace))) return false;
  const event = (args.body as { event?: { user?: unknown } }).event;
  const userId =
    (typeof b.user === 'object' ? b.user.id : undefined) ??
    b.user_id ??
    (typeof event?.user === 'string' ? event.user : undefined);
  const usersInfo = (a: { user: string }) =>
    args.client.users.info(a) as ReturnType<Parameters<typeof isMember>[0]>;
  return userId === undefined || (await isMember(usersInfo, workspace, userId));
}

/** Runs the scheduled jobs for one instant, one run at a time, with one log line per tick. */
function ticker(
  ctx: AppContext,
  jobs: ScheduledJob[],
  stopping: () => boolean,
): (at: Date) => Promise<TickReport> {
  let ticking: Promise<TickReport> | undefined;
  return (at: Date) => {
    if (ticking) return ticking;
    ticking = ctx
      .track(runTick(ctx, jobs, at, { stopping }))
      .then(async (report) => {
        logTick(ctx, report);
        await refreshHomesAfterTick(ctx, at).catch((e) => ctx.log.warn('Home tab refresh failed:', e));
        return report;
      })
      .finally(() => {
        ticking = undefined;
      });
    return ticking;
  };
}

/** One line per tick: what each job did, and what the outbox sent, failed and skipped. */
export function logTick(ctx: AppContext, report: TickReport): void {
  const failedJobs = Object.entries(report.jobs)
    .filter(([, r]) => 'error' in r)
    .map(([n]) => n);
  ctx.log.event(failedJobs.length > 0 ? 'warn' : 'info', 'tick', {
    job: 'tick',
    workspace: report.workspaces ? Object.keys(report.workspaces).join(',') : ctx.teamId,
    at: report.at,
    sent: report.outbox.sent,
    failed: report.outbox.failed,
    skipped: report.outbox.skipped,
    jobs: report.jobs,
    ...(failedJobs.length > 0 ? { failedJobs } : {}),
  });
}

/**
 * Remembers whether Slack accepted the bot token, checking again at most once a minute. In OAuth mode
 * the first installed workspace's token is checked; with none installed yet there is nothing to refuse.
 */
function slackTokenCheck(ctx: AppContext): () => Promise<string> {
  let checkedAt = 0;
  let verdict = 'not checked';
  return async () => {
    if (Date.now() - checkedAt < 60_000) return verdict;
    checkedAt = Date.now();
    try {
      const [first] = ctx.workspaces.oauth ? await ctx.workspaces.list() : [ctx.teamId];
      const slack = first === undefined ? undefined : (await ctx.workspaces.access(first))?.slack;
      if (slack) await slack.call('auth.test', {});
      verdict = 'valid';
    } catch (error) {
      const e = error as { data?: { error?: string }; message?: string };
      verdict = `refused: ${e.data?.error ?? e.message ?? 'no answer'}`;
    }
    return verdict;
  };
}

async function readyChecks(
  database: DatabaseHandle,
  slackToken: () => Promise<string>,
  stopping: () => boolean,
): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const reachable = await database.ping();
  const pending = reachable ? await pendingMigrations(database.db).catch(() => ['(unreadable)']) : [];
  const token = await slackToken();
  const checks = {
    database: reachable ? 'reachable' : 'unreachable',
    migrations: !reachable ? 'unknown' : pending.length === 0 ? 'current' : `pending: ${pending.join(', ')}`,
    slack_token: token,
    ...(stopping() ? { process: 'shutting down' } : {}),
  };
  const ok = !stopping() && reachable && pending.length === 0 && token === 'valid';
  return { ok, checks };
}
