import { LogLevel, WebClient } from '@slack/web-api';

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

/**
 * A WebClient for background jobs: no hidden retries or queue pauses, so the outbox sender decides what
 * to do with 429s and 5xx and records it.
 */
export function jobSlackApi(token: string, slackApiUrl: string): SlackApi {
  const client = new WebClient(token, {
    slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    // The sender records every failure with its reason; the client's own warnings would only repeat them.
    logLevel: LogLevel.ERROR,
  });
  return {
    call: async (method, args) => (await client.apiCall(method, args)) as unknown as Record<string, unknown>,
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
