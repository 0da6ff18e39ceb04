import http from 'node:http';
import https from 'node:https';
/** The narrow view of Slack's Web API that jobs need: tests and benchmarks point it at the local Slack. */
export interface SlackApi {
  call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** How a failed Slack call should be handled. */
export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'transient'; reason: string }
  | { kind: 'recipient'; reason: string }
  | { kind: 'rejected'; reason: string };

/** Errors that mean this recipient can never get the message; retrying does not help. */
const RECIPIENT_ERRORS = new Set([
  'cannot_dm_bot',
  'user_not_found',
  'user_disabled',
  'account_inactive',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'messages_tab_disabled',
]);

/** Classifies an error thrown by @slack/web-api (or our SlackApi) into what the sender should do. */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e?.code === 'slack_webapi_rate_limited_error') {
    return { kind: 'rate_limited', retryAfterMs: Math.max(0, (e.retryAfter ?? 1) * 1000) };
  }
  if (e?.code === 'slack_webapi_platform_error') {
    const reason = e.data?.error ?? 'unknown_error';
    if (reason === 'ratelimited') return { kind: 'rate_limited', retryAfterMs: 1000 };
    if (RECIPIENT_ERRORS.has(reason)) return { kind: 'recipient', reason };
    if (reason === 'internal_error' || reason === 'fatal_error' || reason === 'service_unavailable') {
      return { kind: 'transient', reason };
    }
    return { kind: 'rejected', reason };
  }
  return { kind: 'transient', reason: e?.message ?? String(error) };
}

/** A failed call, shaped as @slack/web-api's errors are, so one classifier serves Bolt's client and ours. */
function slackError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

/** Slack's form encoding for Web API arguments: strings as they are, everything else as JSON. */
function formBody(args: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    form.append(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return form;
}

/** One answer of Slack's, as it came: status, Retry-After, body. */
interface RawAnswer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/**
 * Keep-alive connections for the jobs' client. Idle ones are closed after 4 s, before a Node server's
 * default keep-alive timeout (5 s) would close them under a request.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4_000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4_000 }),
};

/** One POST with `node:http(s)`; rejects with a request error when no full answer came within `timeoutMs`. */
function post(url: URL, token: string, form: string, timeoutMs: number): Promise<RawAnswer> {
  const secure = url.protocol === 'https:';
  return new Promise<RawAnswer>((resolve, reject) => {
    const fail = (reason: string) =>
      reject(slackError('slack_webapi_request_error', `A request error occurred: ${reason}`));
    const req = (secure ? https : http).request(
      url,
      {
        method: 'POST',
        agent: agents[secure ? 'https:' : 'http:'],
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
        res.on('end', () => {
          clearTimeout(timer);
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    const timer = setTimeout(() => {
      fail(`no answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(error.code ?? error.message);
    });
    req.end(form);
  });
}

/**
 * The Web API client for background jobs and the outbox: one form-encoded POST per call, no hidden retries
 * or queue pauses, so the sender decides what to do with 429s and 5xx and records it. Errors carry
 * @slack/web-api's codes (`slack_webapi_platform_error` with `data.error`, `slack_webapi_rate_limited_error`
 * with `retryAfter` seconds, `slack_webapi_http_error`, `slack_webapi_request_error` when no answer came).
 * Bolt's listeners keep Bolt's WebClient; this one costs a fraction of its CPU and memory per message,
 * which matters in a 10,000-owner round: it calls `node:http` on kept-alive connections, about half the CPU
 * of `fetch` per call (test/bench/checkin-round.bench.ts).
 */
export function jobSlackApi(
  token: string,
  slackApiUrl: string,
  options: { timeoutMs?: number } = {},
): SlackApi {
  const base = slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    call: async (method, args) => {
      const res = await post(new URL(`${base}${method}`), token, formBody(args).toString(), timeoutMs);
      if (res.status === 429) {
        const retryAfter = Number(res.retryAfter ?? '1');
        throw slackError(
          'slack_webapi_rate_limited_error',
          `A rate limit was exceeded (retry after ${retryAfter} s)`,
          {
            retryAfter: Number.isFinite(retryAfter) ? retryAfter : 1,
          },
        );
      }
      if (res.status < 200 || res.status >= 300) {
        throw slackError(
          'slack_webapi_http_error',
          `An HTTP protocol error occurred: statusCode = ${res.status}`,
          {
            statusCode: res.status,
          },
        );
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(res.body) as Record<string, unknown>;
      } catch {
        throw slackError('slack_webapi_http_error', `Slack's answer to ${method} was not JSON`);
      }
      if (body.ok !== true) {
        throw slackError('slack_webapi_platform_error', `An API error occurred: ${String(body.error)}`, {
          data: body,
        });
      }
      return body;
    },
  };
}

/** Counts every call by method and outcome in `okrbot_slack_calls_total`. */
export function meteredSlackApi(
  slack: SlackApi,
  calls: { inc(labels: { method: string; outcome: string }): void },
): SlackApi {
  return {
    call: async (method, args) => {
      try {
        const result = await slack.call(method, args);
        calls.inc({ method, outcome: 'ok' });
        return result;
      } catch (error) {
        const failure = classifySlackError(error);
        calls.inc({ method, outcome: failure.kind === 'rate_limited' ? 'rate_limited' : 'error' });
        throw error;
      }
    },
  };
}
