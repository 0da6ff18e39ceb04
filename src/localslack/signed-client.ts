import { randomBytes } from 'node:crypto';
import type { LocalSlack } from './local-slack.js';
import { renderBlocksAsText } from './render-text.js';
import { signRequest } from './signing.js';
import type { JsonObject } from './types.js';
import {
  buildStateValues,
  clientSideErrors,
  describeStateValue,
  findElement,
  type StateValues,
  stateValueFor,
  type ViewInputValue,
} from './view-state.js';

export interface SignedClientOptions {
  /** The app's request URL, e.g. `http://127.0.0.1:PORT/slack/events`. */
  appUrl: string;
  signingSecret: string;
  slack: LocalSlack;
  /** Defaults to the LocalSlack's team id. */
  teamId?: string;
  /** Clock in **seconds** for `X-Slack-Request-Timestamp`; default the system clock. */
  now?: () => number;
  /** The legacy verification token put in payloads; default `local-verification-token`. */
  verificationToken?: string;
}

/** The app's HTTP answer. `body` is parsed JSON when the answer is JSON, otherwise text ('' for an empty ack). */
export interface AppResponse {
  status: number;
  body: unknown;
}

export interface SlashCommandInput {
  command: string;
  text?: string;
  userId: string;
  /** Defaults to the user's DM with the bot. */
  channelId?: string;
  userName?: string;
}

export interface SlashCommandResult extends AppResponse {
  triggerId: string;
  responseUrl: string;
}

export interface BlockActionInput {
  userId: string;
  actions: Array<{
    action_id: string;
    block_id: string;
    value?: string;
    type?: string;
    selected_option?: JsonObject;
    selected_user?: string;
    [key: string]: unknown;
  }>;
  /** A modal or Home tab the action happened in. */
  viewId?: string;
  /** A message the action happened in. */
  message?: { channel: string; ts: string };
}

export interface BlockActionResult extends AppResponse {
  triggerId: string;
  responseUrl?: string;
}

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const FORM = 'application/x-www-form-urlencoded';
const STATELESS = new Set(['button', 'overflow', 'workflow_button']);
/** Fields of a block_actions action that are also the element's state value. */
const STATE_FIELDS = new Set([
  'value',
  'selected_option',
  'selected_options',
  'selected_user',
  'selected_users',
  'selected_date',
  'selected_time',
  'selected_date_time',
  'selected_conversation',
  'selected_conversations',
  'selected_channel',
  'selected_channels',
]);

/**
 * Sends what Slack sends to an app — slash commands, interactions, events — over HTTP, signed with the
 * app's signing secret, and keeps the per-view input state a Slack client keeps.
 */
export class SignedClient {
  readonly appUrl: string;
  readonly teamId: string;
  private readonly secret: string;
  private readonly slack: LocalSlack;
  private readonly clock: () => number;
  private readonly verificationToken: string;
  /** viewId → block_id → action_id → state value. */
  private readonly viewState = new Map<string, Map<string, Map<string, JsonObject>>>();

  constructor(opts: SignedClientOptions) {
    this.appUrl = opts.appUrl;
    this.secret = opts.signingSecret;
    this.slack = opts.slack;
    this.teamId = opts.teamId ?? opts.slack.teamId;
    this.clock = opts.now ?? (() => Math.floor(Date.now() / 1000));
    this.verificationToken = opts.verificationToken ?? 'local-verification-token';
  }

  /** `v0=…` signature of `body` at `timestamp` with this client's secret. */
  sign(timestamp: number | string, body: string): string {
    return signRequest(this.secret, timestamp, body);
  }

  // ---------------------------------------------------------------- slash commands

  async slashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    if (!input.command.startsWith('/'))
      throw new Error(`slashCommand: command must start with "/" (got ${input.command})`);
    const channelId = input.channelId ?? this.slack.ensureDm(input.userId);
    const triggerId = this.slack.issueTriggerId({ userId: input.userId });
    const responseUrl = this.slack.newResponseUrl({ channelId, userId: input.userId });
    const text = input.text ?? '';
    const body = new URLSearchParams({
      token: this.verificationToken,
      team_id: this.teamId,
      team_domain: this.slack.teamDomain,
      channel_id: channelId,
      channel_name: this.slack.channelName(channelId) ?? channelId.toLowerCase(),
      user_id: input.userId,
      user_name: input.userName ?? this.slack.user(input.userId)?.name ?? input.userId,
      command: input.command,
      text,
      api_app_id: this.slack.appId,
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: triggerId,
    }).toString();
    this.slack.annotate(`← ${this.slack.userLabel(input.userId)}: ${input.command}${text ? ` ${text}` : ''}`);
    const res = await this.post(body, FORM);
    // A command answered in its ack shows the reply right away, like Slack does.
    if (isObj(res.body) && (typeof res.body.text === 'string' || Array.isArray(res.body.blocks))) {
      const visibility =
        res.body.response_type === 'in_channel'
          ? 'in the channel'
          : `only visible to ${this.slack.userLabel(input.userId)}`;
      this.slack.annotate(
        `→ reply ${visibility}:`,
        renderBlocksAsText(res.body.blocks, res.body.text as string | undefined),
      );
    }
    return { ...res, triggerId, responseUrl };
  }

  // ---------------------------------------------------------------- interactivity

  async blockAction(input: BlockActionInput): Promise<BlockActionResult> {
    const { userId, viewId, message } = input;
    const triggerId = this.slack.issueTriggerId({ userId, ...(viewId ? { viewId } : {}) });
    const actionTs = `${this.clock()}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    let blocks: unknown;
    const payload: JsonObject = {
      type: 'block_actions',
      user: this.userJson(userId),
      api_app_id: this.slack.appId,
      token: this.verificationToken,
      trigger_id: triggerId,
      team: { id: this.teamId, domain: this.slack.teamDomain },
      enterprise: null,
      is_enterprise_install: false,
    };
    let responseUrl: string | undefined;
    if (viewId) {
      const local = this.slack.view(viewId);
      if (!local || local.closed) throw new Error(`blockAction: view ${viewId} is not open`);
      blocks = local.blocks;
    } else if (message) {
      const msg = this.slack.messagePayload(message.channel, message.ts);
      if (!msg) throw new Error(`blockAction: no message ${message.ts} in ${message.channel}`);
      const stored = this.slack.message(message.channel, message.ts);
      blocks = msg.blocks;
      responseUrl = this.slack.newResponseUrl({ channelId: message.channel, userId, messageTs: message.ts });
      payload.container = {
        type: 'message',
        message_ts: message.ts,
        channel_id: message.channel,
        is_ephemeral: stored?.ephemeral ?? false,
      };
      payload.channel = {
        id: message.channel,
        name: this.slack.channelName(message.channel) ?? message.channel,
      };
      if (!stored?.ephemeral) payload.message = msg;
      payload.state = { values: {} };
      payload.response_url = responseUrl;
    }
    payload.actions = input.actions.map((a) => {
      const found = blocks === undefined ? undefined : findElement(blocks, a.block_id, a.action_id);
      if (blocks !== undefined && !found) {
        throw new Error(
          `blockAction: no element block_id=${a.block_id} action_id=${a.action_id} in ${viewId ? `view ${viewId}` : 'the message'}`,
        );
      }
      const el = found?.element;
      const type = a.type ?? (typeof el?.type === 'string' ? el.type : 'button');
      const extra: JsonObject = {};
      if (type === 'button' && el) {
        extra.text = el.text;
        if (a.value === undefined && typeof el.value === 'string') extra.value = el.value;
        if (el.style !== undefined) extra.style = el.style;
      }
      if (viewId && el && type === el.type && !STATELESS.has(type)) {
        // a select / picker changed inside a view: the view's state carries the new value too
        const held = Object.fromEntries(Object.entries(a).filter(([k]) => STATE_FIELDS.has(k)));
        if (Object.keys(held).length > 0) this.track(viewId, a.block_id, a.action_id, { type, ...held });
      }
      this.slack.annotate(
        `← ${this.slack.userLabel(userId)} ${describeAction(type, a, el, (id) => this.name(id))}`,
      );
      return { ...extra, ...a, type, action_ts: actionTs };
    });
    if (viewId) {
      const view = this.currentView(viewId, 'blockAction');
      payload.container = { type: 'view', view_id: viewId };
      payload.view = view;
      payload.state = view.state;
    }
    const res = await this.postPayload(payload);
    return { ...res, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  /** Record what the user entered in a view element without sending anything. */
  setViewValue(viewId: string, blockId: string, actionId: string, value: ViewInputValue): void {
    const view = this.slack.view(viewId);
    if (!view || view.closed) throw new Error(`setViewValue: view ${viewId} is not open`);
    const found = findElement(view.blocks, blockId, actionId);
    if (!found)
      throw new Error(`setViewValue: no element block_id=${blockId} action_id=${actionId} in view ${viewId}`);
    this.track(
      viewId,
      blockId,
      actionId,
      stateValueFor(found.element, value, `setViewValue(${blockId}/${actionId})`),
    );
  }

  private track(viewId: string, blockId: string, actionId: string, v: JsonObject): void {
    let byBlock = this.viewState.get(viewId);
    if (!byBlock) {
      byBlock = new Map();
      this.viewState.set(viewId, byBlock);
    }
    let byAction = byBlock.get(blockId);
    if (!byAction) {
      byAction = new Map();
      byBlock.set(blockId, byAction);
    }
    byAction.set(actionId, v);
  }

  /** The `state.values` this client would send for the view now. */
  stateValues(viewId: string): StateValues {
    return buildStateValues(this.slack.view(viewId)?.blocks, this.viewState.get(viewId));
  }

  /**
   * The user types `value` into a `dispatch_action` input: records it and sends the `block_actions`
   * that `on_character_entered` produces. Throws if the input block has no `dispatch_action: true`
   * (Slack would send nothing).
   */
  async typeInView(
    viewId: string,
    blockId: string,
    actionId: string,
    value: string,
    userId: string,
  ): Promise<BlockActionResult> {
    const view = this.slack.view(viewId);
    const found = view ? findElement(view.blocks, blockId, actionId) : undefined;
    if (!view || view.closed || !found) {
      throw new Error(`typeInView: no open view ${viewId} with block_id=${blockId} action_id=${actionId}`);
    }
    if (found.block.type !== 'input' || found.block.dispatch_action !== true) {
      throw new Error(
        `typeInView: input block ${blockId} has no dispatch_action: true, so Slack would send nothing`,
      );
    }
    this.setViewValue(viewId, blockId, actionId, value);
    return this.blockAction({
      userId,
      viewId,
      actions: [{ action_id: actionId, block_id: blockId, type: String(found.element.type), value }],
    });
  }

  /**
   * The user presses Submit. Returns the app's parsed ack (`{}` for an empty ack), after applying it to the
   * LocalSlack (close / errors / update / push / clear). If the Slack client itself would refuse the
   * submission (required field empty, length, number format), nothing is sent and
   * `{response_action:'errors', errors, client_side: true}` is returned.
   */
  async submitView(
    viewId: string,
    userId: string,
    opts: { skipClientValidation?: boolean } = {},
  ): Promise<JsonObject> {
    const view = this.currentView(viewId, 'submitView');
    if (view.type !== 'modal') throw new Error(`submitView: view ${viewId} is not a modal`);
    const values = (view.state as { values: StateValues }).values;
    const who = this.slack.userLabel(userId);
    if (!opts.skipClientValidation) {
      const errors = clientSideErrors(view.blocks, values);
      if (Object.keys(errors).length > 0) {
        const lines = Object.entries(errors).map(([k, v]) => `${k}: ${v}`);
        this.slack.annotate(
          `⚠ Slack refused ${who}'s submission of ${viewId} before sending it:`,
          lines.join('\n'),
        );
        return { response_action: 'errors', errors, client_side: true };
      }
    }
    // Show each answer under the label the person saw, as they would read it back.
    const labels = new Map<string, string>();
    for (const b of (Array.isArray(view.blocks) ? view.blocks : []) as JsonObject[]) {
      const label = isObj(b.label) ? String(b.label.text) : undefined;
      if (typeof b.block_id === 'string' && label) labels.set(b.block_id, label);
    }
    const summary = Object.entries(values).flatMap(([bid, byAction]) =>
      Object.values(byAction).map(
        (v) => `${labels.get(bid) ?? bid}: ${describeStateValue(v, (id) => this.name(id))}`,
      ),
    );
    const title = isObj(view.title) ? String(view.title.text) : viewId;
    this.slack.annotate(`← ${who} submitted "${title}" (${viewId})`, summary.join('\n') || undefined);
    const res = await this.postPayload({
      type: 'view_submission',
      team: { id: this.teamId, domain: this.slack.teamDomain },
      user: this.userJson(userId),
      api_app_id: this.slack.appId,
      token: this.verificationToken,
      trigger_id: this.slack.issueTriggerId({ userId, viewId }),
      view,
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
    if (res.status !== 200) {
      throw new Error(
        `submitView: the app answered HTTP ${res.status} (Slack would show a connection error)`,
      );
    }
    const ack: JsonObject = isObj(res.body) ? res.body : {};
    const applied = this.slack.applyViewSubmissionAck(viewId, userId, ack);
    if (applied.ok !== true) {
      this.slack.annotate(
        `⚠ Slack could not apply the app's response to ${viewId}: ${String(applied.error)}`,
      );
    }
    for (const id of this.viewState.keys()) {
      if (this.slack.isViewClosed(id)) this.viewState.delete(id);
    }
    return ack;
  }

  /** The user closes a modal; sends `view_closed` when the view has `notify_on_close`. */
  async closeView(viewId: string, userId: string): Promise<AppResponse | undefined> {
    const view = this.currentView(viewId, 'closeView');
    let res: AppResponse | undefined;
    if (view.notify_on_close === true) {
      res = await this.postPayload({
        type: 'view_closed',
        team: { id: this.teamId, domain: this.slack.teamDomain },
        user: this.userJson(userId),
        api_app_id: this.slack.appId,
        token: this.verificationToken,
        view,
        is_cleared: view.clear_on_close === true,
        is_enterprise_install: false,
      });
    }
    this.slack.closeView(viewId, userId);
    this.viewState.delete(viewId);
    return res;
  }

  // ---------------------------------------------------------------- Events API

  /** Sends an `event_callback` envelope around `event` as signed JSON. */
  async event(input: object): Promise<AppResponse> {
    const event = input as JsonObject;
    const now = this.clock();
    const envelope = {
      token: this.verificationToken,
      team_id: this.teamId,
      api_app_id: this.slack.appId,
      event: { event_ts: `${now}.000100`, ...event },
      type: 'event_callback',
      event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
      event_time: now,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.slack.botUserId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: randomBytes(8).toString('hex'),
    };
    if (event.type === 'app_home_opened' && typeof event.user === 'string') {
      this.slack.annotate(`← ${this.slack.userLabel(event.user)} opened the app's Home tab`);
    }
    return this.post(JSON.stringify(envelope), 'application/json');
  }

  async urlVerification(
    challenge = randomBytes(12).toString('hex'),
  ): Promise<AppResponse & { challenge: string }> {
    const res = await this.post(
      JSON.stringify({ token: this.verificationToken, challenge, type: 'url_verification' }),
      'application/json',
    );
    return { ...res, challenge };
  }

  /** POST exactly `body` with exactly `headers` (content-type defaults to form) — for forged / stale / unsigned requests. */
  async rawPost(body: string, headers: Record<string, string> = {}): Promise<AppResponse> {
    const h: Record<string, string> = { ...headers };
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = FORM;
    return this.send(body, h);
  }

  // ---------------------------------------------------------------- internals

  private name(userId: string): string {
    const u = this.slack.user(userId);
    return u?.realName ?? u?.name ?? userId;
  }

  private userJson(userId: string): JsonObject {
    const u = this.slack.user(userId);
    return { id: userId, username: u?.name ?? userId, name: u?.name ?? userId, team_id: this.teamId };
  }

  /** The open view as Slack puts it in payloads, with this client's state values. */
  private currentView(viewId: string, where: string): JsonObject {
    const local = this.slack.view(viewId);
    const view = this.slack.viewPayload(viewId);
    if (!local || !view || local.closed) throw new Error(`${where}: view ${viewId} is not open`);
    view.state = { values: this.stateValues(viewId) };
    return view;
  }

  private postPayload(payload: JsonObject): Promise<AppResponse> {
    return this.post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM);
  }

  private post(body: string, contentType: string): Promise<AppResponse> {
    const ts = this.clock();
    return this.send(body, {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': this.sign(ts, body),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    });
  }

  private async send(body: string, headers: Record<string, string>): Promise<AppResponse> {
    const res = await fetch(this.appUrl, { method: 'POST', headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (type.includes('json') && text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, body: parsed };
  }
}

function describeAction(
  type: string,
  a: BlockActionInput['actions'][number],
  el: JsonObject | undefined,
  name: (id: string) => string,
): string {
  if (type === 'button') {
    const label = el ? renderBlocksAsText([{ type: 'actions', elements: [el] }]) : `[ ${a.action_id} ]`;
    return `clicked ${label}`;
  }
  if (a.selected_option && isObj(a.selected_option.text))
    return `chose "${String(a.selected_option.text.text)}"`;
  if (a.selected_user) return `chose @${name(a.selected_user)}`;
  if (type === 'plain_text_input') return `typed "${String(a.value ?? '')}" into ${a.block_id}`;
  return `used ${a.action_id} (${type})`;
}
