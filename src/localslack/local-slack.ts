import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMessageTextTooLong, validateBlocks, validateView } from './block-kit-limits.js';
import { CallLog } from './call-log.js';
import { FaultInjector, type LocalRateLimits, RateLimitEnforcer } from './fault-injector.js';
import { LocalFileUploads } from './file-uploads.js';
import { type RenderOptions, renderBlocksAsText, renderViewAsText } from './render-text.js';
import { parseApiRequest, readBody } from './request-body.js';
import type {
  ApiCall,
  Fault,
  JsonObject,
  LocalChannel,
  LocalMessage,
  LocalUser,
  LocalView,
  ResponseUrlContext,
  TriggerContext,
} from './types.js';

export interface LocalSlackOptions {
  /** Port to listen on (127.0.0.1); 0 (default) picks a free one. */
  port?: number;
  teamId?: string;
  teamName?: string;
  /** Subdomain used in auth.test url and permalinks; derived from teamName by default. */
  teamDomain?: string;
  botToken?: string;
  botUserId?: string;
  botId?: string;
  /** The bot user's handle; default `okrbot`. */
  botName?: string;
  appId?: string;
  users?: LocalUser[];
  /** Known channels. When none are configured, any well-formed C…/G… id is accepted. */
  channels?: LocalChannel[];
  /** Trigger id lifetime; default 3000 ms. */
  triggerTtlMs?: number;
  /** Clock (ms) for trigger and response_url expiry, message ts and call times; default Date.now. */
  now?: () => number;
  /** The bot token's scopes, sent as X-OAuth-Scopes on every answer (as Slack does); default the manifest's. */
  scopes?: string[];
  /**
   * Slack's rate limits to enforce on the `now` clock: a call over a budget is answered 429 with
   * Retry-After. Off by default, so that nothing else is slowed or refused.
   */
  rateLimits?: LocalRateLimits;
}

interface ViewRecord {
  id: string;
  type: 'modal' | 'home';
  hash: string;
  raw: JsonObject;
  user?: string;
  closed: boolean;
  history: JsonObject[];
  rootViewId: string | null;
  previousViewId: string | null;
}

interface TriggerRecord {
  issuedAt: number;
  used: boolean;
  context: TriggerContext;
}

interface ResponseUrlRecord {
  context: ResponseUrlContext;
  issuedAt: number;
  uses: number;
}

interface TranscriptEntry {
  heading: string;
  body?: string;
}

interface Answer {
  status: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

type Handler = (args: JsonObject) => JsonObject;
type ChannelResult = { id: string } | { error: string };

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ok = (body: JsonObject = {}): JsonObject => ({ ok: true, ...body });
const fail = (error: string, extra: JsonObject = {}): JsonObject => ({ ok: false, error, ...extra });
const truthy = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const MODAL_STACK_LIMIT = 3;

function invalid(error: string, problems: string[]): JsonObject {
  return fail(error, {
    errors: problems,
    response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
  });
}

function invalidArgs(message: string): { error: JsonObject } {
  return { error: fail('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${message}`] } }) };
}

function tzInfo(tz: string, atMs: number): { offset: number; label: string } {
  const part = (style: 'longOffset' | 'long') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(new Date(atMs))
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = part('longOffset').match(/GMT([+-])(\d{2}):(\d{2})/);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  return { offset, label: part('long') };
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `    ${l}`);
}

/**
 * The project's local Slack: a real HTTP server speaking the Web API methods the bot uses, with Slack's
 * shapes, limits and errors, fault injection, a call log, readable state and a transcript.
 */
export class LocalSlack {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly botToken: string;
  /** Scopes sent in X-OAuth-Scopes; tests change them to see `okrbot doctor` complain. */
  scopes: string[];
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly appId: string;
  readonly triggerTtlMs: number;
  readonly port: number;

  private readonly server: Server;
  private readonly now: () => number;
  private readonly log = new CallLog();
  private readonly faults = new FaultInjector();
  private readonly limiter: RateLimitEnforcer | undefined;
  private readonly users = new Map<string, LocalUser>();
  private readonly channels = new Map<string, LocalChannel>();
  private readonly channelsConfigured: boolean;
  private readonly dmByUser = new Map<string, string>();
  private readonly dmOwner = new Map<string, string>();
  private readonly dmBlocked = new Map<string, string>();
  private readonly store: LocalMessage[] = [];
  private readonly views = new Map<string, ViewRecord>();
  private readonly stacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private readonly externalIds = new Map<string, string>();
  private readonly triggers = new Map<string, TriggerRecord>();
  private readonly responseUrls = new Map<string, ResponseUrlRecord>();
  private readonly entries: TranscriptEntry[] = [];
  private readonly handlers: Record<string, Handler>;
  private readonly uploads: LocalFileUploads;
  private lastTsMicros = 0;
  private seq = 0;

  private constructor(server: Server, opts: LocalSlackOptions) {
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.now = opts.now ?? Date.now;
    this.teamId = opts.teamId ?? 'T0LOCAL';
    this.teamName = opts.teamName ?? 'Local Slack';
    this.teamDomain =
      opts.teamDomain ??
      (this.teamName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') ||
        'local');
    this.botToken = opts.botToken ?? 'xoxb-local';
    this.scopes = opts.scopes ?? [
      'commands',
      'chat:write',
      'im:write',
      'im:history',
      'users:read',
      'files:write',
    ];
    this.botUserId = opts.botUserId ?? 'UBOT';
    this.botId = opts.botId ?? 'B0LOCAL';
    this.botName = opts.botName ?? 'okrbot';
    this.appId = opts.appId ?? 'A0LOCAL';
    this.triggerTtlMs = opts.triggerTtlMs ?? 3000;
    this.limiter = opts.rateLimits ? new RateLimitEnforcer(opts.rateLimits) : undefined;
    this.setUser({ id: this.botUserId, name: this.botName, realName: this.botName, isBot: true });
    for (const u of opts.users ?? []) this.setUser(u);
    for (const c of opts.channels ?? []) this.channels.set(c.id, { ...c });
    this.channelsConfigured = (opts.channels ?? []).length > 0;
    this.uploads = new LocalFileUploads({
      baseUrl: () => this.baseUrl,
      teamId: this.teamId,
      botToken: this.botToken,
      botUserId: this.botUserId,
      botId: this.botId,
      now: this.now,
      scopes: () => this.scopes,
      newId: (prefix) => this.newId(prefix),
      resolveChannel: (arg) => this.resolveChannel(arg),
      nextTs: () => this.nextTs(),
      addMessage: (msg) => this.addMessage(msg),
      record: (heading, body) => this.record(heading, body),
      where: (channel) => this.where(channel),
      log: (call) => this.log.add(call),
    });
    this.handlers = {
      'auth.test': () => this.authTest(),
      'chat.postMessage': (a) => this.chatPostMessage(a),
      'chat.update': (a) => this.chatUpdate(a),
      'chat.delete': (a) => this.chatDelete(a),
      'chat.postEphemeral': (a) => this.chatPostEphemeral(a),
      'chat.getPermalink': (a) => this.chatGetPermalink(a),
      'conversations.open': (a) => this.conversationsOpen(a),
      'conversations.history': (a) => this.conversationsHistory(a),
      'conversations.replies': (a) => this.conversationsReplies(a),
      'conversations.info': (a) => this.conversationsInfo(a),
      'users.info': (a) => this.usersInfo(a),
      'users.list': (a) => this.usersList(a),
      'users.lookupByEmail': (a) => this.usersLookupByEmail(a),
      'views.open': (a) => this.viewsOpen(a),
      'views.update': (a) => this.viewsUpdate(a),
      'views.push': (a) => this.viewsPush(a),
      'views.publish': (a) => this.viewsPublish(a),
      'files.getUploadURLExternal': (a) => this.uploads.getUploadUrl(a),
      'files.completeUploadExternal': (a) => this.uploads.complete(a),
    };
  }

  static async start(opts: LocalSlackOptions = {}): Promise<LocalSlack> {
    let instance: LocalSlack | undefined;
    const server = createServer((req, res) => {
      if (!instance) {
        res.writeHead(503).end();
        return;
      }
      void instance.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    instance = new LocalSlack(server, opts);
    return instance;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Pass as Bolt's `clientOptions.slackApiUrl` / WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------------------------------------------------------------- call log and faults

  get calls(): ApiCall[] {
    return this.log.calls;
  }

  callsTo(method: string): ApiCall[] {
    return this.log.calls.filter((c) => c.method === method);
  }

  clearCalls(): void {
    this.log.clear();
  }

  /** Resolves with the first existing or future call matching `predicate`; rejects after `timeoutMs` listing recent calls. */
  waitFor(predicate: (c: ApiCall) => boolean, timeoutMs = 5000): Promise<ApiCall> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /**
   * The call to `method` numbered `n` (from 0), once it has been made. With `n` the count of such calls taken
   * before an action, it is the call that action made (a predicate on the method alone could match an older one).
   */
  async nthCall(method: string, n: number, timeoutMs = 5000): Promise<ApiCall> {
    await this.log.waitFor(() => this.callsTo(method).length > n, timeoutMs);
    return this.callsTo(method)[n]!;
  }

  /** Resolves once no request is in flight and none arrived for `quietMs`. */
  waitForIdle(quietMs = 100, timeoutMs = 10_000): Promise<void> {
    return this.log.waitForIdle(quietMs, timeoutMs);
  }

  /** Replace the next `times` calls to `method` (or `'*'`) with `fault`. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.failNext(method, fault, times);
  }

  /** Replace every n-th call to `method` (or `'*'`), counted from now, with `fault`. */
  failEvery(method: string, n: number, fault: Fault): void {
    this.faults.failEvery(method, n, fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Calls answered 429 because they went over an enforced rate limit (`rateLimits`); injected faults are not counted. */
  get rateLimitedCount(): number {
    return this.limiter?.rejected ?? 0;
  }

  // ---------------------------------------------------------------- directory

  /** Add or replace a workspace member. */
  setUser(user: LocalUser): void {
    if (!/^[UW][A-Z0-9]+$/.test(user.id))
      throw new Error(`LocalSlack.setUser: ${user.id} is not a user id (U… or W…)`);
    if (user.tz) tzInfo(user.tz, this.now()); // throws RangeError on an unknown zone
    this.users.set(user.id, { ...user });
  }

  /** Make DMs to this user fail with `error` (conversations.open, chat.postMessage/postEphemeral to their DM). */
  blockDm(userId: string, error = 'cannot_dm_bot'): void {
    this.dmBlocked.set(userId, error);
  }

  unblockDm(userId: string): void {
    this.dmBlocked.delete(userId);
  }

  addChannel(channel: LocalChannel): void {
    this.channels.set(channel.id, { ...channel });
  }

  user(userId: string): LocalUser | undefined {
    const u = this.users.get(userId);
    return u ? { ...u } : undefined;
  }

  /** `Mina Park (U01MINA)`, or the bare id for unknown users. */
  userLabel(userId: string): string {
    const u = this.users.get(userId);
    return u ? `${u.realName ?? u.name} (${u.id})` : userId;
  }

  /** The DM channel id of a user, if one was opened. */
  dmChannelOf(userId: string): string | undefined {
    return this.dmByUser.get(userId);
  }

  /** The DM channel id of a user, opening it if needed (no checks; for clients simulating the user). */
  ensureDm(userId: string): string {
    let id = this.dmByUser.get(userId);
    if (!id) {
      id = this.newId('D');
      this.dmByUser.set(userId, id);
      this.dmOwner.set(id, userId);
    }
    return id;
  }

  channelName(channelId: string): string | undefined {
    if (channelId.startsWith('D')) return 'directmessage';
    return this.channels.get(channelId)?.name;
  }

  // ---------------------------------------------------------------- state to read

  /** Stored messages (oldest first, deleted ones left out); `channel` may be a channel id or a user id (their DM). */
  messages(channel?: string): LocalMessage[] {
    const id = channel && /^[UW]/.test(channel) ? this.dmByUser.get(channel) : channel;
    if (channel !== undefined && id === undefined) return [];
    return this.store
      .filter((m) => !m.deleted && (id === undefined || m.channel === id))
      .map((m) => structuredClone(m));
  }

  message(channel: string, ts: string): LocalMessage | undefined {
    const m = this.findMessage(channel, ts);
    return m ? structuredClone(m) : undefined;
  }

  /** A file from files.getUploadURLExternal: its metadata, its bytes once uploaded, whether it was shared. */
  uploadedFile(fileId: string): ReturnType<LocalFileUploads['file']> {
    return this.uploads.file(fileId);
  }

  /** A view's current state (also after it closed), with its stack position. */
  view(viewId: string): LocalView | undefined {
    const rec = this.views.get(viewId);
    return rec ? this.toLocalView(rec) : undefined;
  }

  /** Whether the view is closed (undefined: no such view); cheaper than `view(id)?.closed`, which copies it. */
  isViewClosed(viewId: string): boolean | undefined {
    return this.views.get(viewId)?.closed;
  }

  /** The views of the open modal stack that `viewId` is in, bottom first. */
  stackOf(viewId: string): LocalView[] {
    const rec = this.views.get(viewId);
    const stack = rec?.rootViewId ? this.stacks.get(rec.rootViewId) : undefined;
    return (stack ?? []).flatMap((id) => {
      const r = this.views.get(id);
      return r ? [this.toLocalView(r)] : [];
    });
  }

  /** The Home tab last published to a user. */
  home(userId: string): LocalView | undefined {
    const id = this.homes.get(userId);
    return id ? this.view(id) : undefined;
  }

  /** The view as Slack puts it in interaction payloads (`state.values` left empty). */
  viewPayload(viewId: string): JsonObject | undefined {
    const rec = this.views.get(viewId);
    return rec ? this.viewJson(rec) : undefined;
  }

  /** A stored message as Slack puts it in interaction payloads. */
  messagePayload(channel: string, ts: string): JsonObject | undefined {
    const m = this.findMessage(channel, ts);
    return m ? this.messageJson(m, true) : undefined;
  }

  // ---------------------------------------------------------------- things Slack hands to the app

  /** A single-use trigger id that expires after `triggerTtlMs`. */
  issueTriggerId(context: TriggerContext = {}): string {
    this.seq += 1;
    const id = `${1000 + this.seq}.${Math.floor(this.now() / 1000)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false, context });
    return id;
  }

  /** A response_url (`baseUrl/response/<id>`): up to 5 uses within 30 minutes. */
  newResponseUrl(context: ResponseUrlContext = {}): string {
    this.seq += 1;
    const id = `${this.seq}-${randomBytes(6).toString('hex')}`;
    this.responseUrls.set(id, { context, issuedAt: this.now(), uses: 0 });
    return `${this.baseUrl}/response/${id}`;
  }

  /** Store a message written by a human (e.g. for conversations.history, cant_update_message). */
  postUserMessage(input: { channel: string; user: string; text: string; thread_ts?: string }): LocalMessage {
    const channel = /^[UW]/.test(input.channel) ? this.ensureDm(input.channel) : input.channel;
    const msg: LocalMessage = {
      channel,
      ts: this.nextTs(),
      text: input.text,
      user: input.user,
      ephemeral: false,
      via: 'user',
      history: [],
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
    };
    this.addMessage(msg);
    this.record(`← ${this.userLabel(input.user)} wrote in ${this.where(channel)}:`, input.text);
    return structuredClone(msg);
  }

  /**
   * Apply an app's `view_submission` ack the way Slack does: empty → close the view; `errors` → keep it open
   * (keys must be input block_ids); `update` / `push` / `clear`. Logged as a call with method `response_action`.
   */
  applyViewSubmissionAck(viewId: string, userId: string, ack: unknown): JsonObject {
    const args: JsonObject = isObj(ack) ? ack : {};
    const result = this.applyAck(viewId, userId, args);
    this.log.add({
      method: 'response_action',
      args: { view_id: viewId, ...args },
      status: 200,
      response: result,
      at: this.now(),
    });
    return result;
  }

  /** Close a view the way the user's Close/Cancel button does (the whole stack when `clear_on_close`). */
  closeView(viewId: string, userId?: string): void {
    const rec = this.views.get(viewId);
    if (!rec || rec.closed) return;
    this.closeViews(viewId, rec.raw.clear_on_close === true);
    this.record(
      `▣ ${userId ? `${this.userLabel(userId)} closed` : 'Closed'} modal ${this.titleOf(rec)} (${viewId})`,
    );
  }

  /** Add a free-form line to the transcript (e.g. a demo narrator line). */
  annotate(heading: string, body?: string): void {
    this.record(heading, body);
  }

  /** Everything people saw, in order, as readable lines. */
  transcript(): string[] {
    return this.entries.flatMap((e) => (e.body ? [e.heading, ...indent(e.body)] : [e.heading]));
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.log.begin();
    try {
      const url = new URL(req.url ?? '/', this.baseUrl);
      if (this.uploads.handles(url.pathname)) {
        await this.uploads.handleHttp(req, res, url);
        return;
      }
      const raw = await readBody(req);
      if (url.pathname.startsWith('/api/')) {
        await this.handleApi(decodeURIComponent(url.pathname.slice(5)), raw, req, url, res);
      } else if (url.pathname.startsWith('/response/') && req.method === 'POST') {
        this.handleResponseUrl(url.pathname.slice(10), raw, req, res);
      } else {
        this.write(res, { status: 404, body: fail('not_found') });
      }
    } catch (e) {
      if (!res.headersSent)
        this.write(res, { status: 500, body: fail('fatal_error', { detail: String(e) }) });
    } finally {
      this.log.end();
    }
  }

  private write(res: ServerResponse, answer: Answer): void {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private async handleApi(
    method: string,
    raw: string,
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
  ): Promise<void> {
    const parsed = parseApiRequest(
      raw,
      req.headers['content-type'],
      req.headers.authorization,
      url.searchParams,
    );
    const answer = await this.answerApi(method, parsed);
    this.write(res, answer);
    this.log.add({ method, args: parsed.args, status: answer.status, response: answer.body, at: this.now() });
  }

  /** The channel a call is limited in; a DM is one channel whether posted to by user id or D… id. */
  private rateLimitChannel(method: string, args: JsonObject): string | undefined {
    if (method !== 'chat.postMessage') return undefined;
    const channel = str(args.channel);
    return channel?.startsWith('D') ? (this.dmOwner.get(channel) ?? channel) : channel;
  }

  private async answerApi(method: string, parsed: ReturnType<typeof parseApiRequest>): Promise<Answer> {
    const handler = this.handlers[method];
    if (!handler) return { status: 200, body: fail('unknown_method', { req_method: method }) };
    const fault = this.faults.take(method);
    if (fault) {
      if ('delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      else if ('error' in fault) return { status: 200, body: fail(fault.error) };
      else if (fault.status === 429) {
        return {
          status: 429,
          body: fail('ratelimited'),
          headers: { 'retry-after': String(fault.retryAfter) },
        };
      } else return { status: fault.status, body: fail('service_unavailable') };
    }
    if (parsed.token === undefined || parsed.token === '') return { status: 200, body: fail('not_authed') };
    if (parsed.token !== this.botToken) return { status: 200, body: fail('invalid_auth') };
    if (parsed.error) return { status: 200, body: fail(parsed.error) };
    const retryAfter = this.limiter?.check(method, this.rateLimitChannel(method, parsed.args), this.now());
    if (retryAfter !== undefined)
      return { status: 429, body: fail('ratelimited'), headers: { 'retry-after': String(retryAfter) } };
    return { status: 200, body: handler(parsed.args), headers: { 'x-oauth-scopes': this.scopes.join(',') } };
  }

  private handleResponseUrl(id: string, raw: string, req: IncomingMessage, res: ServerResponse): void {
    let args: JsonObject = {};
    let answer: Answer | undefined;
    const rec = this.responseUrls.get(id);
    try {
      const type = req.headers['content-type'] ?? '';
      const text = type.includes('x-www-form-urlencoded')
        ? (new URLSearchParams(raw).get('payload') ?? '')
        : raw;
      const parsed: unknown = JSON.parse(text);
      if (!isObj(parsed)) throw new Error('not an object');
      args = parsed;
    } catch {
      args = { raw };
      answer = { status: 400, body: fail('invalid_payload') };
    }
    if (!rec) answer = { status: 404, body: fail('invalid_url') };
    else if (rec.uses >= RESPONSE_URL_MAX_USES || this.now() - rec.issuedAt > RESPONSE_URL_TTL_MS) {
      answer = { status: 404, body: fail('expired_url') };
    } else answer ??= this.respondVia(rec, args);
    this.write(res, answer);
    this.log.add({
      method: 'response_url',
      args,
      status: answer.status,
      response: answer.body,
      at: this.now(),
    });
  }

  private respondVia(rec: ResponseUrlRecord, args: JsonObject): Answer {
    const { channelId, userId, messageTs } = rec.context;
    if (truthy(args.delete_original)) {
      const target = channelId && messageTs ? this.findMessage(channelId, messageTs) : undefined;
      if (!target) return { status: 404, body: fail('message_not_found') };
      rec.uses += 1;
      target.deleted = true;
      this.record(`✗ Deleted message ${target.ts} in ${this.where(target.channel)}`);
      return { status: 200, body: ok() };
    }
    const text = str(args.text) ?? '';
    const blocks = args.blocks;
    if (blocks !== undefined && !Array.isArray(blocks))
      return { status: 400, body: fail('invalid_blocks_format') };
    if (text === '' && !(Array.isArray(blocks) && blocks.length > 0))
      return { status: 400, body: fail('no_text') };
    if (isMessageTextTooLong(text)) return { status: 400, body: fail('msg_too_long') };
    if (Array.isArray(blocks)) {
      const problems = validateBlocks(blocks, 'message');
      if (problems.length) return { status: 400, body: invalid('invalid_blocks', problems) };
    }
    if (!channelId) return { status: 404, body: fail('channel_not_found') };
    rec.uses += 1;
    if (truthy(args.replace_original)) {
      const target = messageTs ? this.findMessage(channelId, messageTs) : undefined;
      if (!target) return { status: 404, body: fail('message_not_found') };
      this.editMessage(target, text, Array.isArray(blocks) ? blocks : undefined, userId ?? this.botUserId);
      this.record(
        `✎ Replaced message ${target.ts} in ${this.where(channelId)}:`,
        this.render(target.blocks, target.text),
      );
      return { status: 200, body: ok() };
    }
    const inChannel = args.response_type === 'in_channel';
    const msg: LocalMessage = {
      channel: channelId,
      ts: this.nextTs(),
      text,
      user: this.botUserId,
      bot_id: this.botId,
      ephemeral: !inChannel,
      via: 'response_url',
      history: [],
      ...(Array.isArray(blocks) ? { blocks } : {}),
      ...(!inChannel && userId ? { visibleTo: userId } : {}),
      ...(str(args.thread_ts) ? { thread_ts: str(args.thread_ts) } : {}),
    };
    this.addMessage(msg);
    const heading =
      !inChannel && userId ? this.ephemeralHeading(userId, channelId) : `→ ${this.where(channelId)}:`;
    this.record(heading, this.render(msg.blocks, msg.text));
    return { status: 200, body: ok() };
  }

  // ---------------------------------------------------------------- helpers

  private newId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0L${String(this.seq).padStart(6, '0')}`;
  }

  private newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(6).toString('base64url')}`;
  }

  /** Unique, strictly increasing `seconds.micros` timestamps. */
  private nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private renderOptions(): RenderOptions {
    return {
      userName: (id) => {
        const u = this.users.get(id);
        return u ? (u.realName ?? u.name) : undefined;
      },
      channelName: (id) => this.channels.get(id)?.name,
    };
  }

  private render(blocks: unknown, text?: string): string {
    return renderBlocksAsText(blocks, text, this.renderOptions());
  }

  private record(heading: string, body?: string): void {
    this.entries.push(body === undefined ? { heading } : { heading, body });
  }

  /** `DM to Mina Park (U01MINA)`, `#okrs (C0OKRS)`. */
  private where(channel: string): string {
    const owner = this.dmOwner.get(channel);
    if (owner) return `DM to ${this.userLabel(owner)}`;
    const name = this.channels.get(channel)?.name;
    return name ? `#${name} (${channel})` : channel;
  }

  private ephemeralHeading(userId: string, channel: string): string {
    const place = this.dmOwner.get(channel) === userId ? 'their DM with the app' : this.where(channel);
    return `→ Only visible to ${this.userLabel(userId)}, in ${place}:`;
  }

  private titleOf(rec: ViewRecord): string {
    const t = rec.raw.title;
    return isObj(t) && typeof t.text === 'string' ? `"${t.text}"` : '(untitled)';
  }

  private userProblem(userId: string): string | undefined {
    const u = this.users.get(userId);
    if (!u) return 'user_not_found';
    if (u.isBot || userId === this.botUserId) return 'cannot_dm_bot';
    if (u.deleted) return 'user_disabled';
    return this.dmBlocked.get(userId);
  }

  /** Where chat.* posts go: C…/G… channels, D… DMs (opened before), U… users (their DM, opened on demand). */
  private resolveChannel(arg: unknown): ChannelResult {
    const ch = str(arg)?.trim();
    if (!ch) return { error: 'channel_not_found' };
    if (/^[UW][A-Z0-9]+$/.test(ch)) {
      const problem = this.userProblem(ch);
      return problem ? { error: problem } : { id: this.ensureDm(ch) };
    }
    if (ch.startsWith('D')) {
      const owner = this.dmOwner.get(ch);
      if (!owner) return { error: 'channel_not_found' };
      const blocked = this.dmBlocked.get(owner);
      return blocked ? { error: blocked } : { id: ch };
    }
    if (ch.startsWith('#')) {
      const found = [...this.channels.values()].find((c) => c.name === ch.slice(1));
      return found ? { id: found.id } : { error: 'channel_not_found' };
    }
    if (/^[CG][A-Z0-9]{2,}$/.test(ch)) {
      if (this.channels.has(ch)) return { id: ch };
      if (this.channelsConfigured) return { error: 'channel_not_found' };
      this.channels.set(ch, { id: ch, name: ch.toLowerCase() });
      return { id: ch };
    }
    return { error: 'channel_not_found' };
  }

  private findMessage(channel: string, ts: string): LocalMessage | undefined {
    return this.store.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  private addMessage(msg: LocalMessage): void {
    this.store.push(msg);
    if (msg.thread_ts && msg.thread_ts !== msg.ts && !msg.ephemeral) {
      const parent = this.findMessage(msg.channel, msg.thread_ts);
      if (parent) parent.reply_count = (parent.reply_count ?? 0) + 1;
    }
  }

  private editMessage(
    m: LocalMessage,
    text: string | undefined,
    blocks: unknown[] | undefined,
    by: string,
  ): void {
    m.history.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}), at: this.now() });
    if (text !== undefined) m.text = text;
    if (blocks !== undefined) m.blocks = blocks;
    m.edited = { user: by, ts: this.nextTs() };
  }

  private messageJson(m: LocalMessage, withMetadata: boolean): JsonObject {
    return {
      type: 'message',
      ...(m.bot_id ? { subtype: 'bot_message', bot_id: m.bot_id, app_id: this.appId } : {}),
      user: m.user,
      text: m.text,
      ts: m.ts,
      team: this.teamId,
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.files ? { files: m.files, upload: true } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.reply_count ? { reply_count: m.reply_count } : {}),
      ...(m.edited ? { edited: m.edited } : {}),
      ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
    };
  }

  private userJson(u: LocalUser): JsonObject {
    const tz = u.tz ?? 'UTC';
    const info = tzInfo(tz, this.now());
    const realName = u.realName ?? u.name;
    return {
      id: u.id,
      team_id: this.teamId,
      name: u.name,
      deleted: u.deleted ?? false,
      real_name: realName,
      tz,
      tz_label: u.tzLabel ?? info.label,
      tz_offset: u.tzOffset ?? info.offset,
      is_bot: u.isBot ?? false,
      is_app_user: false,
      updated: Math.floor(this.now() / 1000),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: u.name,
        display_name_normalized: u.name,
        ...(u.email ? { email: u.email } : {}),
        ...(u.isBot && u.id === this.botUserId ? { bot_id: this.botId } : {}),
        team: this.teamId,
      },
    };
  }

  /** Checks shared by chat.postMessage / postEphemeral / update. */
  private messageContentProblem(args: JsonObject, requireContent: boolean): JsonObject | undefined {
    const blocks = args.blocks;
    if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
    const text = str(args.text);
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    if (requireContent && !text && !hasBlocks && args.attachments === undefined) return fail('no_text');
    if (isMessageTextTooLong(text)) return fail('msg_too_long');
    if (Array.isArray(blocks)) {
      const problems = validateBlocks(blocks, 'message');
      if (problems.length) return invalid('invalid_blocks', problems);
    }
    if (args.metadata !== undefined) {
      const md = args.metadata;
      if (
        !isObj(md) ||
        typeof md.event_type !== 'string' ||
        md.event_type === '' ||
        !isObj(md.event_payload)
      ) {
        return fail('invalid_metadata_format');
      }
    }
    return undefined;
  }

  // ---------------------------------------------------------------- Web API methods

  private authTest(): JsonObject {
    return ok({
      url: `https://${this.teamDomain}.slack.com/`,
      team: this.teamName,
      user: this.botName,
      team_id: this.teamId,
      user_id: this.botUserId,
      bot_id: this.botId,
      is_enterprise_install: false,
    });
  }

  private chatPostMessage(args: JsonObject): JsonObject {
    const ch = this.resolveChannel(args.channel);
    if ('error' in ch) return fail(ch.error);
    const problem = this.messageContentProblem(args, true);
    if (problem) return problem;
    const threadTs = str(args.thread_ts);
    const msg: LocalMessage = {
      channel: ch.id,
      ts: this.nextTs(),
      text: str(args.text) ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      ephemeral: false,
      via: 'chat.postMessage',
      history: [],
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      ...(isObj(args.metadata) ? { metadata: args.metadata } : {}),
    };
    this.addMessage(msg);
    this.record(
      `→ ${this.where(ch.id)}${threadTs ? `, in thread ${threadTs}` : ''}:`,
      this.render(msg.blocks, msg.text),
    );
    return ok({ channel: ch.id, ts: msg.ts, message: this.messageJson(msg, true) });
  }

  /** The bot's own message named by `channel` and `ts`, or the error Slack answers for it. */
  private ownMessage(
    args: JsonObject,
    notOwn: string,
  ): { channel: string; m: LocalMessage } | { error: string } {
    const channel = str(args.channel);
    if (!channel || !(this.dmOwner.has(channel) || this.channels.has(channel)))
      return { error: 'channel_not_found' };
    const m = this.findMessage(channel, str(args.ts) ?? '');
    if (!m || m.ephemeral) return { error: 'message_not_found' };
    if (m.user !== this.botUserId) return { error: notOwn };
    return { channel, m };
  }

  private chatUpdate(args: JsonObject): JsonObject {
    const found = this.ownMessage(args, 'cant_update_message');
    if ('error' in found) return fail(found.error);
    const { channel, m } = found;
    const problem = this.messageContentProblem(args, true);
    if (problem) return problem;
    this.editMessage(m, str(args.text), Array.isArray(args.blocks) ? args.blocks : undefined, this.botUserId);
    if (isObj(args.metadata)) m.metadata = args.metadata;
    this.record(`✎ Updated message ${m.ts} in ${this.where(channel)}:`, this.render(m.blocks, m.text));
    return ok({ channel, ts: m.ts, text: m.text, message: this.messageJson(m, true) });
  }

  private chatDelete(args: JsonObject): JsonObject {
    const found = this.ownMessage(args, 'cant_delete_message');
    if ('error' in found) return fail(found.error);
    const { channel, m } = found;
    m.deleted = true;
    this.record(`✗ Deleted message ${m.ts} in ${this.where(channel)}`);
    return ok({ channel, ts: m.ts });
  }

  private chatPostEphemeral(args: JsonObject): JsonObject {
    const userId = str(args.user);
    if (!userId || !this.users.has(userId)) return fail('user_not_found');
    const ch = this.resolveChannel(args.channel);
    if ('error' in ch) return fail(ch.error);
    const problem = this.messageContentProblem(args, true);
    if (problem) return problem;
    const threadTs = str(args.thread_ts);
    const msg: LocalMessage = {
      channel: ch.id,
      ts: this.nextTs(),
      text: str(args.text) ?? '',
      user: this.botUserId,
      bot_id: this.botId,
      ephemeral: true,
      visibleTo: userId,
      via: 'chat.postEphemeral',
      history: [],
      ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    this.addMessage(msg);
    this.record(this.ephemeralHeading(userId, ch.id), this.render(msg.blocks, msg.text));
    return ok({ message_ts: msg.ts });
  }

  private chatGetPermalink(args: JsonObject): JsonObject {
    const channel = str(args.channel);
    if (!channel || !(this.dmOwner.has(channel) || this.channels.has(channel)))
      return fail('channel_not_found');
    const m = this.findMessage(channel, str(args.message_ts) ?? '');
    if (!m) return fail('message_not_found');
    return ok({
      channel,
      permalink: `https://${this.teamDomain}.slack.com/archives/${channel}/p${m.ts.replace('.', '')}`,
    });
  }

  private conversationsOpen(args: JsonObject): JsonObject {
    const channel = str(args.channel);
    if (channel) {
      if (!this.dmOwner.has(channel) && !this.channels.has(channel)) return fail('channel_not_found');
      return ok({ no_op: true, already_open: true, channel: { id: channel } });
    }
    const ids = (str(args.users) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) return fail('users_list_not_supplied');
    for (const id of ids) {
      const problem = this.userProblem(id);
      if (problem) return fail(problem);
    }
    if (ids.length === 1) {
      const userId = ids[0] as string;
      const existed = this.dmByUser.has(userId);
      const id = this.ensureDm(userId);
      const full = truthy(args.return_im)
        ? { is_im: true, user: userId, created: Math.floor(this.now() / 1000) }
        : {};
      return ok({ ...(existed ? { no_op: true, already_open: true } : {}), channel: { id, ...full } });
    }
    const name = `mpdm-${[this.botName, ...ids.map((i) => this.users.get(i)?.name ?? i)].join('--')}-1`;
    let mpim = [...this.channels.values()].find((c) => c.name === name);
    if (!mpim) {
      mpim = { id: this.newId('G'), name };
      this.channels.set(mpim.id, mpim);
    }
    return ok({ channel: { id: mpim.id } });
  }

  private conversationsHistory(args: JsonObject): JsonObject {
    const channel = str(args.channel);
    if (!channel || !(this.dmOwner.has(channel) || this.channels.has(channel)))
      return fail('channel_not_found');
    const inclusive = truthy(args.inclusive);
    const oldest = Number(str(args.oldest) ?? args.oldest ?? 0) || 0;
    const latestArg = str(args.latest) ?? args.latest;
    const latest = latestArg === undefined ? Number.POSITIVE_INFINITY : Number(latestArg);
    const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
    let offset = 0;
    const cursor = str(args.cursor);
    if (cursor) {
      const m = Buffer.from(cursor, 'base64')
        .toString('utf8')
        .match(/^offset:(\d+)$/);
      if (!m) return fail('invalid_cursor');
      offset = Number(m[1]);
    }
    const all = this.store
      .filter(
        (m) => m.channel === channel && !m.ephemeral && !m.deleted && (!m.thread_ts || m.thread_ts === m.ts),
      )
      .filter((m) => {
        const t = Number(m.ts);
        return (inclusive ? t >= oldest : t > oldest) && (inclusive ? t <= latest : t < latest);
      })
      .reverse();
    const page = all.slice(offset, offset + limit);
    const hasMore = offset + limit < all.length;
    const withMetadata = truthy(args.include_all_metadata);
    return ok({
      messages: page.map((m) => this.messageJson(m, withMetadata)),
      has_more: hasMore,
      pin_count: 0,
      response_metadata: {
        next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
      },
    });
  }

  private conversationsReplies(args: JsonObject): JsonObject {
    const channel = str(args.channel);
    if (!channel || !(this.dmOwner.has(channel) || this.channels.has(channel)))
      return fail('channel_not_found');
    const ts = str(args.ts) ?? '';
    const parent = this.findMessage(channel, ts);
    if (!parent) return fail('thread_not_found');
    const replies = this.store.filter(
      (m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts && !m.ephemeral && !m.deleted,
    );
    const withMetadata = truthy(args.include_all_metadata);
    return ok({
      messages: [parent, ...replies].map((m) => this.messageJson(m, withMetadata)),
      has_more: false,
      response_metadata: { next_cursor: '' },
    });
  }

  private conversationsInfo(args: JsonObject): JsonObject {
    const channel = str(args.channel);
    if (!channel) return fail('channel_not_found');
    const owner = this.dmOwner.get(channel);
    if (owner) return ok({ channel: { id: channel, is_im: true, user: owner, is_channel: false } });
    const c = this.channels.get(channel);
    if (!c) return fail('channel_not_found');
    return ok({
      channel: {
        id: c.id,
        name: c.name,
        is_channel: c.id.startsWith('C'),
        is_mpim: c.name.startsWith('mpdm-'),
        is_im: false,
      },
    });
  }

  private usersInfo(args: JsonObject): JsonObject {
    const u = this.users.get(str(args.user) ?? '');
    return u ? ok({ user: this.userJson(u) }) : fail('user_not_found');
  }

  private usersList(args: JsonObject): JsonObject {
    const all = [...this.users.values()];
    const limit = Number(args.limit ?? 0) || 0;
    let start = 0;
    const cursor = str(args.cursor);
    if (cursor) {
      const m = Buffer.from(cursor, 'base64')
        .toString('utf8')
        .match(/^user:(.+)$/);
      const idx = m ? all.findIndex((u) => u.id === m[1]) : -1;
      if (idx < 0) return fail('invalid_cursor');
      start = idx;
    }
    const page = limit > 0 ? all.slice(start, start + limit) : all.slice(start);
    const next = limit > 0 ? all[start + limit] : undefined;
    return ok({
      members: page.map((u) => this.userJson(u)),
      cache_ts: Math.floor(this.now() / 1000),
      response_metadata: { next_cursor: next ? Buffer.from(`user:${next.id}`).toString('base64') : '' },
    });
  }

  private usersLookupByEmail(args: JsonObject): JsonObject {
    const email = str(args.email)?.toLowerCase();
    const u = [...this.users.values()].find((x) => x.email?.toLowerCase() === email);
    return u && email ? ok({ user: this.userJson(u) }) : fail('users_not_found');
  }

  // ---------------------------------------------------------------- views

  private viewJson(rec: ViewRecord): JsonObject {
    const r = rec.raw;
    return {
      id: rec.id,
      team_id: this.teamId,
      type: rec.type,
      blocks: Array.isArray(r.blocks) ? r.blocks : [],
      private_metadata: str(r.private_metadata) ?? '',
      callback_id: str(r.callback_id) ?? '',
      state: { values: {} },
      hash: rec.hash,
      title: r.title ?? null,
      clear_on_close: r.clear_on_close === true,
      notify_on_close: r.notify_on_close === true,
      close: r.close ?? null,
      submit: r.submit ?? null,
      previous_view_id: rec.previousViewId,
      root_view_id: rec.rootViewId,
      app_id: this.appId,
      external_id: str(r.external_id) ?? '',
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
  }

  private toLocalView(rec: ViewRecord): LocalView {
    const r = rec.raw;
    const stack = rec.rootViewId ? (this.stacks.get(rec.rootViewId) ?? []) : [rec.id];
    const pos = stack.indexOf(rec.id);
    const view = structuredClone({
      id: rec.id,
      type: rec.type,
      hash: rec.hash,
      callback_id: str(r.callback_id) ?? '',
      external_id: str(r.external_id) ?? '',
      private_metadata: str(r.private_metadata) ?? '',
      ...(isObj(r.title) ? { title: r.title } : {}),
      ...(isObj(r.submit) ? { submit: r.submit } : {}),
      ...(isObj(r.close) ? { close: r.close } : {}),
      blocks: Array.isArray(r.blocks) ? r.blocks : [],
      clear_on_close: r.clear_on_close === true,
      notify_on_close: r.notify_on_close === true,
      root_view_id: rec.rootViewId,
      previous_view_id: rec.previousViewId,
      ...(rec.user ? { user: rec.user } : {}),
      position: Math.max(pos, 0),
      stackSize: rec.closed ? 0 : stack.length,
      closed: rec.closed,
    }) as Omit<LocalView, 'history'>;
    // Every earlier version of the view, copied only when read: cloning them all on every look grew with each update.
    const history = rec.history.slice();
    return Object.defineProperty(view, 'history', {
      enumerable: true,
      get: () => structuredClone(history),
    }) as LocalView;
  }

  /** Trigger id checks; returns the record or a Slack error. */
  private checkTrigger(id: unknown): { trigger: TriggerRecord } | { error: JsonObject } {
    const triggerId = str(id);
    if (!triggerId) {
      return invalidArgs('missing required field: trigger_id');
    }
    const t = this.triggers.get(triggerId);
    if (!t) return { error: fail('invalid_trigger_id') };
    if (t.used) return { error: fail('exchanged_trigger_id') };
    if (this.now() - t.issuedAt > this.triggerTtlMs) return { error: fail('expired_trigger_id') };
    return { trigger: t };
  }

  /** View validation for views.*; Slack answers `invalid_arguments` with messages for bad views. */
  private viewProblem(view: unknown, type: 'modal' | 'home'): JsonObject | undefined {
    if (!isObj(view)) return invalid('invalid_arguments', ['must be a view object [json-pointer:/view]']);
    const problems = validateView(view);
    if (problems.length) return invalid('invalid_arguments', problems);
    if (view.type !== type)
      return invalid('invalid_arguments', [`must be ${type} [json-pointer:/view/type]`]);
    return undefined;
  }

  private externalIdTaken(view: JsonObject, exceptViewId?: string): boolean {
    const ext = str(view.external_id);
    if (!ext) return false;
    const owner = this.externalIds.get(ext);
    return owner !== undefined && owner !== exceptViewId && this.views.get(owner)?.closed === false;
  }

  private newViewRecord(
    view: JsonObject,
    user: string | undefined,
    rootViewId: string | null,
    previousViewId: string | null,
  ): ViewRecord {
    const id = this.newId('V');
    const type = view.type === 'home' ? 'home' : 'modal';
    const rec: ViewRecord = {
      id,
      type,
      hash: this.newHash(),
      raw: view,
      closed: false,
      history: [],
      rootViewId: rootViewId ?? (type === 'modal' ? id : null),
      previousViewId,
      ...(user ? { user } : {}),
    };
    this.views.set(id, rec);
    const ext = str(view.external_id);
    if (ext) this.externalIds.set(ext, id);
    return rec;
  }

  private replaceView(rec: ViewRecord, view: JsonObject): void {
    rec.history.push(rec.raw);
    const oldExt = str(rec.raw.external_id);
    if (oldExt && this.externalIds.get(oldExt) === rec.id) this.externalIds.delete(oldExt);
    rec.raw = view;
    rec.hash = this.newHash();
    const ext = str(view.external_id);
    if (ext) this.externalIds.set(ext, rec.id);
  }

  private viewHeading(verb: string, rec: ViewRecord): string {
    const who = rec.user ? ` for ${this.userLabel(rec.user)}` : '';
    return `▣ Modal ${verb}${who}: ${this.titleOf(rec)} (${rec.id})`;
  }

  private recordView(verb: string, rec: ViewRecord): void {
    this.record(this.viewHeading(verb, rec), renderViewAsText(rec.raw, this.renderOptions()));
  }

  private viewsOpen(args: JsonObject): JsonObject {
    const checked = this.checkTrigger(args.trigger_id);
    if ('error' in checked) return checked.error;
    const { trigger } = checked;
    const problem = this.viewProblem(args.view, 'modal');
    if (problem) return problem;
    const view = args.view as JsonObject;
    if (this.externalIdTaken(view)) return fail('duplicate_external_id');
    trigger.used = true;
    const rec = this.newViewRecord(view, trigger.context.userId, null, null);
    this.stacks.set(rec.id, [rec.id]);
    this.recordView('opened', rec);
    return ok({ view: this.viewJson(rec) });
  }

  private openStackFor(context: TriggerContext): string[] | undefined {
    if (context.viewId) {
      const rec = this.views.get(context.viewId);
      if (rec && !rec.closed && rec.rootViewId) return this.stacks.get(rec.rootViewId);
    }
    const open = [...this.stacks.values()].filter((s) => s.length > 0);
    const mine = context.userId
      ? open.filter((s) => this.views.get(s[0] as string)?.user === context.userId)
      : open;
    return mine.at(-1);
  }

  private pushOnto(
    stack: string[],
    view: JsonObject,
    user: string | undefined,
  ): { rec: ViewRecord } | { error: JsonObject } {
    if (stack.length >= MODAL_STACK_LIMIT) return { error: fail('push_limit_reached') };
    if (this.externalIdTaken(view)) return { error: fail('duplicate_external_id') };
    const root = stack[0] as string;
    const top = stack.at(-1) as string;
    const rec = this.newViewRecord(view, user ?? this.views.get(root)?.user, root, top);
    stack.push(rec.id);
    this.recordView('pushed', rec);
    return { rec };
  }

  private viewsPush(args: JsonObject): JsonObject {
    const checked = this.checkTrigger(args.trigger_id);
    if ('error' in checked) return checked.error;
    const { trigger } = checked;
    const problem = this.viewProblem(args.view, 'modal');
    if (problem) return problem;
    const stack = this.openStackFor(trigger.context);
    if (!stack) return fail('not_found');
    const pushed = this.pushOnto(stack, args.view as JsonObject, trigger.context.userId);
    if ('error' in pushed) return pushed.error;
    trigger.used = true;
    return ok({ view: this.viewJson(pushed.rec) });
  }

  private viewsUpdate(args: JsonObject): JsonObject {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    if (!viewId && !externalId) {
      return invalidArgs('missing view_id or external_id').error;
    }
    const id = viewId ?? this.externalIds.get(externalId as string);
    const rec = id ? this.views.get(id) : undefined;
    if (!rec || rec.closed) return fail('not_found');
    const hash = str(args.hash);
    if (hash !== undefined && hash !== '' && hash !== rec.hash) return fail('hash_conflict');
    const problem = this.viewProblem(args.view, rec.type);
    if (problem) return problem;
    const view = args.view as JsonObject;
    if (this.externalIdTaken(view, rec.id)) return fail('duplicate_external_id');
    this.replaceView(rec, view);
    if (rec.type === 'home')
      this.record(
        `⌂ Home tab updated for ${rec.user ? this.userLabel(rec.user) : '?'}:`,
        renderViewAsText(view, this.renderOptions()),
      );
    else this.recordView('updated', rec);
    return ok({ view: this.viewJson(rec) });
  }

  private viewsPublish(args: JsonObject): JsonObject {
    const userId = str(args.user_id);
    if (!userId || !this.users.has(userId)) return fail('user_not_found');
    const problem = this.viewProblem(args.view, 'home');
    if (problem) return problem;
    const view = args.view as JsonObject;
    const existingId = this.homes.get(userId);
    const existing = existingId ? this.views.get(existingId) : undefined;
    const hash = str(args.hash);
    if (existing && hash !== undefined && hash !== '' && hash !== existing.hash) return fail('hash_conflict');
    let rec: ViewRecord;
    if (existing) {
      this.replaceView(existing, view);
      rec = existing;
    } else {
      rec = this.newViewRecord(view, userId, null, null);
      this.homes.set(userId, rec.id);
    }
    this.record(
      `⌂ Home tab published for ${this.userLabel(userId)}:`,
      renderViewAsText(view, this.renderOptions()),
    );
    return ok({ view: this.viewJson(rec) });
  }

  /** Close `viewId` and every view above it (or the whole stack). */
  private closeViews(viewId: string, all: boolean): void {
    const rec = this.views.get(viewId);
    if (!rec?.rootViewId) return;
    const stack = this.stacks.get(rec.rootViewId) ?? [];
    const from = all ? 0 : Math.max(stack.indexOf(viewId), 0);
    for (const id of stack.splice(from)) {
      const r = this.views.get(id);
      if (r) r.closed = true;
    }
  }

  private inputBlockIds(view: JsonObject): Set<string> {
    const ids = new Set<string>();
    for (const b of Array.isArray(view.blocks) ? view.blocks : []) {
      if (isObj(b) && b.type === 'input' && typeof b.block_id === 'string') ids.add(b.block_id);
    }
    return ids;
  }

  private applyAck(viewId: string, userId: string, ack: JsonObject): JsonObject {
    const rec = this.views.get(viewId);
    if (!rec || rec.closed || rec.type !== 'modal') return fail('not_found');
    const action = ack.response_action;
    const who = this.userLabel(userId);
    switch (action) {
      case undefined:
        this.closeViews(viewId, false);
        this.record(`▣ Modal closed after ${who} submitted it: ${this.titleOf(rec)} (${viewId})`);
        return ok({ closed: [viewId] });
      case 'clear': {
        const stack = rec.rootViewId ? [...(this.stacks.get(rec.rootViewId) ?? [])] : [viewId];
        this.closeViews(viewId, true);
        this.record(`▣ All modals closed for ${who} (${stack.join(', ')})`);
        return ok({ closed: stack });
      }
      case 'errors': {
        const errors = ack.errors;
        if (!isObj(errors) || Object.keys(errors).length === 0) {
          return invalid('invalid_response_action', [
            'errors must be an object of block_id → message [json-pointer:/errors]',
          ]);
        }
        const inputs = this.inputBlockIds(rec.raw);
        const unknown = Object.keys(errors).filter((k) => !inputs.has(k));
        if (unknown.length) {
          return invalid(
            'invalid_response_action',
            unknown.map(
              (k) =>
                `errors key ${JSON.stringify(k)} is not the block_id of an input block in the view [json-pointer:/errors/${k}]`,
            ),
          );
        }
        const lines = Object.entries(errors).map(([k, v]) => `${k}: ${String(v)}`);
        this.record(`⚠ Modal ${this.titleOf(rec)} (${viewId}) shows errors to ${who}:`, lines.join('\n'));
        return ok();
      }
      case 'update': {
        const problem = this.viewProblem(ack.view, 'modal');
        if (problem) return problem;
        this.replaceView(rec, ack.view as JsonObject);
        this.recordView('updated', rec);
        return ok({ view: this.viewJson(rec) });
      }
      case 'push': {
        const problem = this.viewProblem(ack.view, 'modal');
        if (problem) return problem;
        const stack = rec.rootViewId ? this.stacks.get(rec.rootViewId) : undefined;
        if (!stack) return fail('not_found');
        const pushed = this.pushOnto(stack, ack.view as JsonObject, userId);
        return 'error' in pushed ? pushed.error : ok({ view: this.viewJson(pushed.rec) });
      }
      default:
        return invalid('invalid_response_action', [`unknown response_action ${JSON.stringify(action)}`]);
    }
  }
}
