import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { OkrbotLogger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { sendJson } from './json.js';

/** What is known about the request being answered; Bolt's middleware fills in kind and workspace. */
export interface RequestInfo {
  requestId: string;
  kind: string;
  workspace?: string;
  outcome?: string;
  /** Slack's endpoint: the request has had its ack. */
  acknowledged?: boolean;
}

// Kept beside each request rather than in an AsyncLocalStorage: on Node 20 that installs promise hooks,
// which tax every promise the process makes (Bolt's middleware chain makes dozens per request).
const infoOf = new WeakMap<IncomingMessage, RequestInfo>();

/** What is known about this request (the one being answered), if it came through this server. */
export function requestInfoOf(req: IncomingMessage): RequestInfo | undefined {
  return infoOf.get(req);
}

/** okrbot's receiver puts the request's info in Bolt's custom properties, which Bolt hands every middleware in `context`. */
export const REQUEST_INFO_KEY = 'okrbotRequest';

/** The request's info from a Bolt middleware's `context`, where the receiver put it. */
export function requestInfoIn(context: Record<string, unknown>): RequestInfo | undefined {
  return context[REQUEST_INFO_KEY] as RequestInfo | undefined;
}

let answering = 0;

/** Requests this process has received and not yet answered: work that can wait, waits while there are any. */
export function requestsBeingAnswered(): number {
  return answering;
}

/** Slack's own payloads are small (a view submission is a few KiB); anything larger is refused unread. */
export const SLACK_BODY_LIMIT = 512 * 1024;

export interface HttpServerDeps {
  log: OkrbotLogger;
  metrics: Metrics;
  /** GET /healthz: the process is alive and its database answers. */
  health(): Promise<{ ok: boolean; database: string }>;
  /** GET /readyz: ready for traffic (database, migrations, Slack token). */
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  stopping(): boolean;
  /** okrbot's own API routes: each answers and returns true when the request is its own. */
  routes: Array<(req: IncomingMessage, res: ServerResponse) => Promise<boolean>>;
  /** Slack's endpoint (HTTP mode): okrbot's receiver. */
  slackEvents?: (req: IncomingMessage, res: ServerResponse) => void;
  /** OAuth mode: the GET paths Bolt's installer answers (/slack/install, /slack/oauth_redirect), and it. */
  slackInstall?: { paths: string[]; listener: (req: IncomingMessage, res: ServerResponse) => void };
}

function kindOfPath(method: string, path: string): string {
  if (path === '/slack/events') return 'slack';
  if (path === '/slack/install' || path === '/slack/oauth_redirect') return 'install';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/metrics') return 'metrics';
  if (path.startsWith('/api/')) return 'api';
  return `${method.toLowerCase()}_other`;
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** GET /healthz, /readyz and /metrics; true when the request was one of them. */
async function answerProbe(
  deps: HttpServerDeps,
  method: string,
  path: string,
  res: ServerResponse,
): Promise<boolean> {
  if (method === 'GET' && path === '/healthz') {
    const h = await deps.health();
    sendJson(res, h.ok ? 200 : 503, h);
    return true;
  }
  if (method === 'GET' && path === '/readyz') {
    const r = await deps.ready();
    sendJson(res, r.ok ? 200 : 503, r);
    return true;
  }
  if (method === 'GET' && path === '/metrics') {
    const text = await deps.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
    res.end(text);
    return true;
  }
  return false;
}

/** Slack's endpoint: POST only, with a declared length within SLACK_BODY_LIMIT, then Bolt's listener. */
function answerSlackEvents(
  slackEvents: NonNullable<HttpServerDeps['slackEvents']>,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  info: RequestInfo,
): void {
  if (method !== 'POST') {
    res.setHeader('allow', 'POST');
    sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    return;
  }
  const length = Number(req.headers['content-length']);
  if (!req.headers['content-length'] || !Number.isFinite(length)) {
    sendJson(res, 411, { ok: false, error: 'length_required' });
    return;
  }
  if (length > SLACK_BODY_LIMIT) {
    res.setHeader('connection', 'close');
    sendJson(res, 413, { ok: false, error: 'body_too_large' });
    return;
  }
  info.kind = 'slack';
  slackEvents(req, res);
}

async function answer(
  deps: HttpServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  info: RequestInfo,
): Promise<void> {
  const method = req.method ?? 'GET';
  const path = pathOf(req);
  if (await answerProbe(deps, method, path, res)) return;
  if (deps.stopping()) {
    res.setHeader('connection', 'close');
    sendJson(res, 503, { ok: false, error: 'shutting_down' });
    return;
  }
  for (const route of deps.routes) if (await route(req, res)) return;
  if (deps.slackInstall && method === 'GET' && deps.slackInstall.paths.includes(path)) {
    deps.slackInstall.listener(req, res);
    return;
  }
  if (deps.slackEvents && path === '/slack/events') {
    answerSlackEvents(deps.slackEvents, method, req, res, info);
    return;
  }
  sendJson(res, 404, { ok: false, error: 'not_found' });
}

// A fresh request id: this process's random prefix and a counter (unique across replicas and restarts,
// without drawing random bytes for every request).
const processPrefix = randomUUID().slice(0, 8);
let requestCount = 0;

/** The request's id: the caller's x-request-id when it is a plausible one, else a fresh one. */
function requestIdOf(req: IncomingMessage): string {
  const headerId = req.headers['x-request-id'];
  if (typeof headerId === 'string' && /^[\w.-]{1,64}$/.test(headerId)) return headerId;
  requestCount += 1;
  return `${processPrefix}-${requestCount.toString(36)}`;
}

/** When the response is sent: count it, time it and (except health and metrics) log one line. */
function recordWhenFinished(
  deps: HttpServerDeps,
  res: ServerResponse,
  info: RequestInfo,
  request: { method: string; path: string; started: bigint },
): void {
  const { log, metrics } = deps;
  const { method, path, started } = request;
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const outcome =
      info.outcome ?? (res.statusCode < 400 ? 'ok' : res.statusCode < 500 ? 'refused' : 'error');
    metrics.requests.inc({ kind: info.kind, outcome });
    metrics.ackSeconds.observe({ kind: info.kind }, seconds);
    if (info.kind === 'health' || info.kind === 'metrics') return;
    log.event(res.statusCode >= 500 ? 'error' : 'info', 'request', {
      requestId: info.requestId,
      ...(info.workspace ? { workspace: info.workspace } : {}),
      kind: info.kind,
      method,
      path,
      status: res.statusCode,
      ms: Math.round(seconds * 10_000) / 10,
    });
  });
}

/**
 * okrbot's HTTP server: /healthz, /readyz, /metrics, the API routes and Slack's endpoint. Every request gets
 * an id, one log line when answered (kind, workspace, status, time) and a place in the metrics. A route that
 * throws answers 500 without crashing the process.
 */
export function createHttpServer(deps: HttpServerDeps): Server {
  const { log } = deps;
  return createServer((req, res) => {
    const started = process.hrtime.bigint();
    const method = req.method ?? 'GET';
    const path = pathOf(req);
    const info: RequestInfo = { requestId: requestIdOf(req), kind: kindOfPath(method, path) };
    res.setHeader('x-request-id', info.requestId);
    answering++;
    let answered = false;
    const done = () => {
      if (!answered) answering--;
      answered = true;
    };
    res.once('finish', done);
    res.once('close', done);
    recordWhenFinished(deps, res, info, { method, path, started });
    infoOf.set(req, info);
    answer(deps, req, res, info).catch((error: unknown) => {
      log.child({ requestId: info.requestId }).error(`HTTP ${method} ${path} failed:`, error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error' });
      else res.end();
    });
  });
}
