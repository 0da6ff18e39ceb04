import { parse as parseQuery } from 'node:querystring';
import type { App } from '@slack/bolt';
import type { AppContext } from '../platform/context.js';
import { requestInfoIn } from '../platform/http/server.js';
import type { ParsedPayload } from '../platform/slack/events-receiver.js';

/**
 * The payload guard, in one place, for Slack's payloads:
 *
 * 1. `parseSlackPayload`, which okrbot's receiver (platform/slack/events-receiver.ts) runs on every signed
 *    body: a payload whose shape Bolt or a listener cannot handle (a view_submission without a view, an
 *    interaction without a user, an event whose `event` is not an object, block_actions whose actions are
 *    not a list, a command without user_id, a type okrbot does not know, a workspace id that is not Slack's)
 *    is answered `400 {"ok":false,"error":"malformed_payload"}` and goes no further.
 * 2. Inside Bolt, after every other middleware and listener: a request nobody acknowledged is acknowledged
 *    (so nothing waits for the 3-second timeout), and a listener that failed before acknowledging gets a
 *    short apology instead of a 500.
 */
export function installPayloadGuard(app: App, ctx: AppContext): void {
  app.use(async (args) => {
    let failure: unknown;
    try {
      await args.next();
    } catch (error) {
      failure = error;
      ctx.log.error('unhandled error in a listener:', error);
    }
    const ack = (args as { ack?: (r?: unknown) => Promise<void> }).ack;
    if (typeof ack !== 'function') return;
    // Already answered by its listener (the usual case): nothing to do, and no second ack to refuse.
    const info = requestInfoIn(args.context);
    if (info?.acknowledged) return;
    const body = args.body as { command?: unknown };
    try {
      await ack(
        failure !== undefined && typeof body.command === 'string'
          ? { response_type: 'ephemeral', text: 'Sorry, that did not work: okrbot ran into a problem.' }
          : undefined,
      );
      if (info && failure !== undefined) info.outcome = 'error';
    } catch {
      // Already acknowledged by its listener.
    }
  });
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);

/** The JSON text of a form body that is only `payload=…`, or undefined for any other form. */
function onlyPayload(raw: string): string | undefined {
  if (!raw.startsWith('payload=') || raw.includes('&')) return undefined;
  try {
    return decodeURIComponent(raw.slice('payload='.length).replace(/\+/g, ' '));
  } catch {
    return undefined; // a stray % sign: the form parser is more forgiving
  }
}

/** A signed Slack body parsed as Bolt parses it, or why it cannot be handled. */
export function parseSlackPayload(contentType: string | undefined, raw: string): ParsedPayload {
  let body: unknown;
  let problem: string | undefined;
  try {
    // An interaction is one field, `payload=<JSON>`: decoded natively, it costs a quarter of a form parse.
    const alone = contentType === 'application/x-www-form-urlencoded' ? onlyPayload(raw) : undefined;
    const form =
      contentType === 'application/x-www-form-urlencoded' && alone === undefined
        ? parseQuery(raw)
        : undefined;
    if (alone !== undefined) {
      body = JSON.parse(alone);
      problem = interactionProblem(body);
    } else if (form && 'payload' in form) {
      if (typeof form.payload !== 'string') return { problem: 'payload is not one JSON text' };
      body = JSON.parse(form.payload);
      problem = interactionProblem(body);
    } else if (form) {
      body = form;
      problem = form.ssl_check === '1' ? undefined : commandProblem(form);
    } else {
      body = JSON.parse(raw);
      problem = eventProblem(body);
    }
  } catch {
    return { problem: 'not valid JSON' };
  }
  return problem === undefined ? { body: body as Record<string, unknown> } : { problem };
}

/**
 * Slack's workspace and enterprise ids are upper-case letters and digits (T0…, E0…). Bolt keeps a client per
 * workspace in a plain object, so an id such as `constructor` or `__proto__` would reach Object's own
 * properties and crash it: only Slack-shaped ids get through.
 */
const isSlackId = (v: unknown): v is string => typeof v === 'string' && /^[A-Z0-9]{1,32}$/.test(v);
const idOrNull = (v: unknown) => v === null || isSlackId(v);

/** The fields Bolt reads to authorize any payload: workspace, enterprise, app, authorizations. */
function teamProblem(b: Json): string | undefined {
  if (!optional(b.team, (t) => t === null || (isObject(t) && optional(t.id, isSlackId)))) return 'team';
  if (!optional(b.team_id, isSlackId)) return 'team_id';
  if (!optional(b.enterprise, (e) => e === null || (isObject(e) && optional(e.id, isSlackId))))
    return 'enterprise';
  if (!optional(b.enterprise_id, idOrNull)) return 'enterprise_id';
  if (!optional(b.is_enterprise_install, (v) => typeof v === 'boolean' || v === 'true' || v === 'false'))
    return 'is_enterprise_install';
  if (!optional(b.api_app_id, (v) => typeof v === 'string')) return 'api_app_id';
  if (!optional(b.token, (v) => typeof v === 'string')) return 'token';
  if (
    !optional(
      b.authorizations,
      (list) =>
        Array.isArray(list) &&
        list.every(
          (a) =>
            isObject(a) &&
            optional(a.team_id, idOrNull) &&
            optional(a.enterprise_id, idOrNull) &&
            optional(a.user_id, idOrNull) &&
            optional(a.is_bot, (v) => typeof v === 'boolean') &&
            optional(a.is_enterprise_install, (v) => typeof v === 'boolean'),
        ),
    )
  )
    return 'authorizations';
  return undefined;
}

function commandProblem(form: Record<string, string | string[] | undefined>): string | undefined {
  if (typeof form.command !== 'string' || !form.command.startsWith('/')) return 'command';
  if (!isText(form.user_id)) return 'command without user_id';
  if (!isText(form.team_id)) return 'command without team_id';
  const team = teamProblem(form);
  if (team) return `command ${team}`;
  for (const field of ['text', 'channel_id', 'trigger_id', 'response_url', 'user_name']) {
    if (!optional(form[field], (v) => typeof v === 'string')) return `command ${field}`;
  }
  return undefined;
}

const INTERACTIONS = new Set([
  'block_actions',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'block_suggestion',
]);

function interactionProblem(b: unknown): string | undefined {
  if (!isObject(b)) return 'interaction is not an object';
  if (typeof b.type !== 'string' || !INTERACTIONS.has(b.type)) return 'interaction type';
  if (!isObject(b.user) || !isText(b.user.id)) return 'interaction without a user';
  const team = teamProblem(b);
  if (team) return `interaction ${team}`;
  // Bolt reads `channel.id` whenever `channel` is present, so a null channel would crash it (a 500).
  if (!optional(b.channel, isObject)) return 'interaction channel';
  for (const field of ['message', 'container']) {
    if (!optional(b[field], (v) => v === null || isObject(v))) return `interaction ${field}`;
  }
  if (!optional(b.trigger_id, (v) => typeof v === 'string')) return 'trigger_id';
  if (!optional(b.response_url, (v) => typeof v === 'string')) return 'response_url';
  if (b.view !== undefined && b.view !== null && viewProblem(b.view)) return viewProblem(b.view);
  switch (b.type) {
    case 'block_actions':
      if (!Array.isArray(b.actions) || b.actions.length === 0)
        return 'block_actions without a list of actions';
      for (const a of b.actions) {
        if (!isObject(a) || !isText(a.action_id)) return 'action without action_id';
        if (!optional(a.block_id, (v) => typeof v === 'string')) return 'action block_id';
        if (!optional(a.value, (v) => typeof v === 'string')) return 'action value';
      }
      return undefined;
    case 'view_submission':
    case 'view_closed':
      if (!isObject(b.view)) return `${b.type} without a view`;
      return undefined;
    case 'block_suggestion':
      return isText(b.action_id) && typeof b.value === 'string' ? undefined : 'block_suggestion';
    default:
      return isText(b.callback_id) ? undefined : `${b.type} without callback_id`;
  }
}

function viewProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'view is not an object';
  if (!isText(v.id)) return 'view without id';
  if (!optional(v.callback_id, (x) => typeof x === 'string')) return 'view callback_id';
  if (!optional(v.private_metadata, (x) => typeof x === 'string')) return 'view private_metadata';
  if (!optional(v.hash, (x) => typeof x === 'string')) return 'view hash';
  if (!optional(v.blocks, Array.isArray)) return 'view blocks';
  if (!optional(v.state, (s) => isObject(s) && optional(s.values, isObject))) return 'view state';
  if (isObject(v.state) && isObject(v.state.values)) {
    for (const block of Object.values(v.state.values)) {
      if (!isObject(block)) return 'view state block';
      for (const element of Object.values(block)) if (!isObject(element)) return 'view state element';
    }
  }
  return undefined;
}

function eventProblem(b: unknown): string | undefined {
  if (!isObject(b)) return 'body is not an object';
  switch (b.type) {
    case 'url_verification':
      return isText(b.challenge) ? undefined : 'url_verification without challenge';
    case 'app_rate_limited':
      return undefined;
    case 'event_callback': {
      if (!isObject(b.event)) return 'event is not an object';
      const e = b.event;
      if (!isText(e.type)) return 'event without type';
      const team = teamProblem(b);
      if (team) return `event ${team}`;
      for (const field of ['user', 'channel', 'tab', 'subtype', 'text', 'ts', 'event_ts']) {
        if (!optional(e[field], (v) => typeof v === 'string')) return `event ${field}`;
      }
      return undefined;
    }
    default:
      return 'unknown payload type';
  }
}
