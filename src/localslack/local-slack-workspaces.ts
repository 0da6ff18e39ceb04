import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalSlack, type LocalSlackOptions } from './local-slack.js';
import { readBody } from './request-body.js';
import type { JsonObject } from './types.js';

/** One workspace of a multi-workspace local Slack: a LocalSlack of its own (users, channels, messages, views). */
export type LocalWorkspaceOptions = Omit<LocalSlackOptions, 'port' | 'now'> & { teamId: string };

export interface LocalSlackWorkspacesOptions {
  workspaces: LocalWorkspaceOptions[];
  clientId?: string;
  clientSecret?: string;
  /** Token rotation: bot tokens expire after this many seconds and come with a refresh token. Off by default. */
  tokenLifetimeSec?: number;
  /** The app's redirect URL (its manifest's oauth_config.redirect_urls), used when the authorize link names none. */
  redirectUri?: string;
  /** Clock in ms for code and token expiry; default Date.now. */
  now?: () => number;
  port?: number;
}

/** A token okrbot was given for a workspace, and until when it works. */
interface IssuedToken {
  teamId: string;
  expiresAt: number | undefined;
}

/** What the local Slack did for OAuth, for tests to count (installs, refreshes, refused exchanges). */
export interface OAuthEvent {
  kind: 'authorize' | 'code_exchange' | 'refresh' | 'refused';
  teamId?: string;
  error?: string;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const json = (
  res: ServerResponse,
  status: number,
  body: JsonObject,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * A local Slack for many workspaces, as an app distributed with OAuth sees it: one Web API address; each
 * token belongs to one workspace and every call with it is answered by that workspace alone (a token of A
 * cannot see or act on B's users, channels or views); `/oauth/v2/authorize` plays the browser's approval
 * and redirects with a code; `oauth.v2.access` exchanges the code for a bot token (and, with rotation, a
 * refresh token that `grant_type=refresh_token` exchanges for a fresh token); `uninstall` revokes them.
 */
export class LocalSlackWorkspaces {
  readonly clientId: string;
  readonly clientSecret: string;
  redirectUri: string | undefined;
  readonly oauthEvents: OAuthEvent[] = [];
  private readonly server: Server;
  private readonly now: () => number;
  private readonly lifetimeSec: number | undefined;
  private readonly byTeam = new Map<string, LocalSlack>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly revoked = new Set<string>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly codes = new Map<string, { teamId: string; issuedAt: number; redirectUri?: string }>();

  private constructor(server: Server, opts: LocalSlackWorkspacesOptions, workspaces: LocalSlack[]) {
    this.server = server;
    this.now = opts.now ?? Date.now;
    this.clientId = opts.clientId ?? '1111.2222';
    this.clientSecret = opts.clientSecret ?? 'local-client-secret';
    this.redirectUri = opts.redirectUri;
    this.lifetimeSec = opts.tokenLifetimeSec;
    for (const ws of workspaces) this.byTeam.set(ws.teamId, ws);
  }

  static async start(opts: LocalSlackWorkspacesOptions): Promise<LocalSlackWorkspaces> {
    const workspaces = await Promise.all(
      opts.workspaces.map((w, i) =>
        LocalSlack.start({
          botToken: `xoxb-local-${w.teamId.toLowerCase()}`,
          botUserId: `UBOT${i}`,
          botId: `B0LOCAL${i}`,
          ...w,
          ...(opts.now ? { now: opts.now } : {}),
        }),
      ),
    );
    let instance: LocalSlackWorkspaces | undefined;
    const server = createServer((req, res) => {
      if (!instance) res.writeHead(503).end();
      else
        instance
          .handle(req, res)
          .catch((e) => json(res, 500, { ok: false, error: 'fatal_error', detail: String(e) }));
    });
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
    instance = new LocalSlackWorkspaces(server, opts, workspaces);
    return instance;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The one Web API address for every workspace (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** The workspace's own local Slack: its users, messages and views, and SignedClients for it. */
  workspace(teamId: string): LocalSlack {
    const ws = this.byTeam.get(teamId);
    if (!ws) throw new Error(`no local workspace ${teamId}`);
    return ws;
  }

  /** The tokens issued for a workspace that still work. */
  tokensOf(teamId: string): string[] {
    return [...this.tokens]
      .filter(([t, v]) => v.teamId === teamId && this.tokenProblem(t) === undefined)
      .map(([t]) => t);
  }

  /** What Slack does when a workspace removes the app: every token and refresh token of it stops working. */
  uninstall(teamId: string): void {
    for (const [token, issued] of this.tokens) if (issued.teamId === teamId) this.revoked.add(token);
    for (const [refresh, team] of this.refreshTokens) if (team === teamId) this.refreshTokens.delete(refresh);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await Promise.all([...this.byTeam.values()].map((ws) => ws.stop()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'GET' && url.pathname === '/oauth/v2/authorize') return this.authorize(url, res);
    const raw = await readBody(req);
    if (url.pathname === '/api/oauth.v2.access') return json(res, 200, this.oauthAccess(raw, req));
    if (url.pathname.startsWith('/api/')) return this.forward(url, raw, req, res);
    json(res, 404, { ok: false, error: 'not_found' });
  }

  /** The browser approving the install, in the workspace `team` names (default the first): back with a code. */
  private authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const teamId = q.get('team') ?? [...this.byTeam.keys()][0]!;
    const redirect = q.get('redirect_uri') ?? this.redirectUri;
    if (q.get('client_id') !== this.clientId || !this.byTeam.has(teamId) || !redirect) {
      this.oauthEvents.push({ kind: 'refused', teamId, error: 'invalid_client_id_or_team' });
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid client_id, team or redirect_uri');
      return;
    }
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    this.codes.set(code, {
      teamId,
      issuedAt: this.now(),
      ...(q.get('redirect_uri') ? { redirectUri: redirect } : {}),
    });
    this.oauthEvents.push({ kind: 'authorize', teamId });
    const back = new URL(redirect);
    back.searchParams.set('code', code);
    if (q.get('state')) back.searchParams.set('state', q.get('state')!);
    res.writeHead(302, { location: back.toString() }).end();
  }

  /** oauth.v2.access: a code (once, within ten minutes) or a refresh token, for the workspace's bot token. */
  private oauthAccess(raw: string, req: IncomingMessage): JsonObject {
    const args = new URLSearchParams(raw);
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = args.get('client_id') ?? basicId;
    const secret = args.get('client_secret') ?? basicSecret;
    const refuse = (error: string): JsonObject => {
      this.oauthEvents.push({ kind: 'refused', error });
      return { ok: false, error };
    };
    if (clientId !== this.clientId) return refuse('invalid_client_id');
    if (secret !== this.clientSecret) return refuse('bad_client_secret');
    if (args.get('grant_type') === 'refresh_token') {
      const teamId = this.refreshTokens.get(args.get('refresh_token') ?? '');
      if (!teamId) return refuse('invalid_refresh_token');
      this.oauthEvents.push({ kind: 'refresh', teamId });
      return this.grant(teamId, args.get('refresh_token')!);
    }
    const code = this.codes.get(args.get('code') ?? '');
    if (!code) return refuse('invalid_code');
    this.codes.delete(args.get('code')!);
    if (this.now() - code.issuedAt > CODE_TTL_MS) return refuse('invalid_code');
    if (code.redirectUri && args.get('redirect_uri') !== code.redirectUri) return refuse('bad_redirect_uri');
    this.oauthEvents.push({ kind: 'code_exchange', teamId: code.teamId });
    return this.grant(code.teamId, undefined);
  }

  /** A fresh bot token for the workspace, in oauth.v2.access's shape (with rotation: its refresh token). */
  private grant(teamId: string, refreshToken: string | undefined): JsonObject {
    const ws = this.workspace(teamId);
    const token = `xoxb-${teamId.toLowerCase()}-${randomBytes(12).toString('hex')}`;
    const rotation = this.lifetimeSec !== undefined;
    this.tokens.set(token, {
      teamId,
      expiresAt: rotation ? this.now() + this.lifetimeSec! * 1000 : undefined,
    });
    const refresh = rotation ? (refreshToken ?? `xoxe-1-${randomBytes(16).toString('hex')}`) : undefined;
    if (refresh) this.refreshTokens.set(refresh, teamId);
    return {
      ok: true,
      app_id: ws.appId,
      authed_user: { id: 'UINSTALLER' },
      scope: ws.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: ws.botUserId,
      team: { id: teamId, name: ws.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...(refresh ? { refresh_token: refresh, expires_in: this.lifetimeSec } : {}),
    };
  }

  private tokenProblem(token: string | undefined): string | undefined {
    if (!token) return 'not_authed';
    const issued = this.tokens.get(token);
    if (!issued) return 'invalid_auth';
    if (this.revoked.has(token)) return 'token_revoked';
    if (issued.expiresAt !== undefined && this.now() >= issued.expiresAt) return 'token_expired';
    return undefined;
  }

  /** Any other Web API call: answered by the token's own workspace, as if made with its bot token there. */
  private async forward(url: URL, raw: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
    const form = !String(type).startsWith('application/json');
    const body = form ? new URLSearchParams(raw) : undefined;
    const token =
      /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? body?.get('token') ?? undefined;
    const problem = this.tokenProblem(token);
    if (problem) return json(res, 200, { ok: false, error: problem });
    body?.delete('token');
    const ws = this.workspace(this.tokens.get(token!)!.teamId);
    const answer = await fetch(new URL(url.pathname.slice(1) + url.search, `${ws.baseUrl}/`), {
      method: 'POST',
      headers: { 'content-type': String(type), authorization: `Bearer ${ws.botToken}` },
      body: body ? body.toString() : raw,
    });
    const headers: Record<string, string> = {};
    for (const h of ['retry-after', 'x-oauth-scopes']) {
      const v = answer.headers.get(h);
      if (v) headers[h] = v;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(await answer.text());
  }
}
