import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { HttpError, readBodyLimited, sendJson } from '../http/json.js';
import { REQUEST_INFO_KEY, requestInfoOf, SLACK_BODY_LIMIT } from '../http/server.js';
import type { OkrbotLogger } from '../logger.js';

/** A signed payload read once: its parsed body, or why okrbot cannot handle it. */
export type ParsedPayload = { body: Record<string, unknown> } | { problem: string };

export interface EventsReceiverOptions {
  signingSecret: string;
  log: OkrbotLogger;
  /** Parses a signed body (by its content type) and checks its shape. */
  parse(contentType: string | undefined, raw: string): ParsedPayload;
  /** A request no listener acknowledged is answered 404 after this long (Slack gives up at 3 s). */
  unhandledMs?: number;
}

class MultipleAckError extends Error {
  readonly code = 'slack_bolt_receiver_ack_multiple_error';
  constructor() {
    super('The receiver cannot ack an event multiple times.');
  }
}

/**
 * okrbot's receiver for Slack's HTTP endpoint (`POST /slack/events`), in place of Bolt's HTTPReceiver: the
 * body is read and parsed once (Bolt's receiver parses a form body twice, and okrbot's shape check would
 * have been a third time), the signature is Slack's `v0` HMAC with a five-minute window, and the ack writes
 * the response directly. Answers as Bolt's does: 401 for a bad signature, 400 `malformed_payload` for a
 * signed body okrbot cannot handle (Bolt would crash on some, see app/payload-guard.ts), the SSL check and
 * URL verification, 401 when the workspace has no installation, 500 when processing failed before the ack,
 * and 404 for a request nobody acknowledged in time.
 */
export class SlackEventsReceiver implements Receiver {
  private app: App | undefined;
  private readonly unhandledMs: number;

  constructor(private readonly options: EventsReceiverOptions) {
    this.unhandledMs = options.unhandledMs ?? 3001;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The HTTP server is okrbot's own (platform/http/server.ts): nothing to start or stop here. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** Answers one request to Slack's endpoint. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.options;
    let raw: string;
    try {
      raw = await readBodyLimited(req, SLACK_BODY_LIMIT);
    } catch (error) {
      if (error instanceof HttpError) sendJson(res, error.status, error.body);
      else sendJson(res, 400, { ok: false, error: 'unreadable_body' });
      return;
    }
    const info = requestInfoOf(req);
    if (!signedBySlack(req, raw, this.options.signingSecret)) {
      log.warn('refused a Slack request whose signature is missing, wrong or too old');
      res.writeHead(401);
      res.end();
      return;
    }
    const contentType = req.headers['content-type']?.split(';')[0]?.trim();
    const parsed = this.options.parse(contentType, raw);
    if ('problem' in parsed) {
      if (info) info.outcome = 'refused';
      log.warn(`refused a malformed Slack payload: ${parsed.problem}`);
      sendJson(res, 400, { ok: false, error: 'malformed_payload' });
      return;
    }
    const { body } = parsed;
    if (body.ssl_check === '1') {
      res.writeHead(200);
      res.end();
      return;
    }
    if (body.type === 'url_verification') {
      sendJson(res, 200, { challenge: body.challenge });
      return;
    }
    await this.process(req, res, body);
  }

  private async process(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) {
    const { log } = this.options;
    const info = requestInfoOf(req);
    let acknowledged = false;
    const timer = setTimeout(() => {
      if (acknowledged) return;
      acknowledged = true;
      log.error('A Slack request was not acknowledged within 3 seconds: answered 404.');
      if (!res.headersSent) {
        res.writeHead(404);
        res.end();
      }
    }, this.unhandledMs);
    const ack = async (response?: unknown): Promise<void> => {
      if (acknowledged) throw new MultipleAckError();
      acknowledged = true;
      clearTimeout(timer);
      if (info) info.acknowledged = true;
      if (!response) {
        res.writeHead(200);
        res.end();
      } else if (typeof response === 'string') {
        res.writeHead(200);
        res.end(response);
      } else {
        const text = JSON.stringify(response);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(text);
      }
    };
    const retryNum = Number.parseInt(String(req.headers['x-slack-retry-num'] ?? ''), 10);
    const retryReason = req.headers['x-slack-retry-reason'];
    const event: ReceiverEvent = {
      body,
      ack,
      ...(Number.isFinite(retryNum) ? { retryNum } : {}),
      ...(typeof retryReason === 'string' ? { retryReason } : {}),
      customProperties: info ? { [REQUEST_INFO_KEY]: info } : {},
    };
    try {
      if (!this.app) throw new Error('the receiver was not given its app (init)');
      await this.app.processEvent(event);
    } catch (error) {
      clearTimeout(timer);
      if (res.headersSent || acknowledged) {
        log.error('an error in a listener after its ack:', error);
        return;
      }
      acknowledged = true;
      if ((error as { code?: string }).code === 'slack_bolt_authorization_error') {
        res.writeHead(401);
        res.end();
        return;
      }
      log.error('processing a Slack request failed before its ack:', error);
      res.writeHead(500);
      res.end();
    }
  }
}

/** Slack's request signature: `v0=` HMAC-SHA256 of `v0:timestamp:body`, the timestamp not older than five minutes (as Bolt checks it). */
function signedBySlack(req: IncomingMessage, body: string, secret: string): boolean {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || ts < Math.floor(Date.now() / 1000) - 300) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
