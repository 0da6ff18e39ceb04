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

/**
 * The Web API client for background jobs and the outbox: one form-encoded POST per call, no hidden retries
 * or queue pauses, so the sender decides what to do with 429s and 5xx and records it. Errors carry
 * @slack/web-api's codes (`slack_webapi_platform_error` with `data.error`, `slack_webapi_rate_limited_error`
 * with `retryAfter` seconds, `slack_webapi_http_error`, `slack_webapi_request_error` when no answer came).
 * Bolt's listeners keep Bolt's WebClient; this one costs a fraction of its CPU and memory per message,
 * which matters in a 10,000-owner round.
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
      let res: Response;
      try {
        res = await fetch(`${base}${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
          body: formBody(args),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = error as {
          name?: string;
          cause?: { code?: string; message?: string };
          message?: string;
        };
        const reason =
          cause.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : (cause.cause?.code ?? cause.cause?.message ?? cause.message ?? 'no answer');
        throw slackError('slack_webapi_request_error', `A request error occurred: ${reason}`);
      }
      if (res.status === 429) {
        await res.body?.cancel();
        const retryAfter = Number(res.headers.get('retry-after') ?? '1');
        throw slackError(
          'slack_webapi_rate_limited_error',
          `A rate limit was exceeded (retry after ${retryAfter} s)`,
          {
            retryAfter: Number.isFinite(retryAfter) ? retryAfter : 1,
          },
        );
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
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
        body = (await res.json()) as Record<string, unknown>;
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
