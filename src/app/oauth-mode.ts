import type { HTTPReceiverOptions, InstallationStore } from '@slack/bolt';
import { HTTPReceiver } from '@slack/bolt';
import { ensureWorkspace } from '../people/index.js';
import type { Config, OAuthConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { databaseInstallationStore } from '../platform/installations/installation-store.js';
import type { Authorize } from '../platform/installations/workspaces.js';
import type { SlackListeners } from '../platform/slack/listener-table.js';

/** The bot scopes okrbot asks for when a workspace installs it (manifest/manifest.yml oauth_config.scopes.bot). */
export const BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'files:write'];

/** Where a browser is sent to approve the install: Slack's authorize page next to its Web API. */
export function authorizationUrl(slackApiUrl: string): string {
  return new URL('../oauth/v2/authorize', slackApiUrl).toString();
}

/**
 * Bolt's HTTP receiver with its installer (OAuth mode): GET /slack/install sends the browser to Slack with
 * a signed state (ClearStateStore with SLACK_STATE_SECRET: any replica can check it, nothing is kept in
 * memory) and a state cookie; GET /slack/oauth_redirect exchanges the code for the workspace's tokens and
 * stores them, encrypted, in the database. Only these two paths and its installer's `authorize` are used:
 * Slack's payloads (POST /slack/events) go through okrbot's own receiver in every mode.
 */
export function oauthReceiver(
  config: Config & { oauth: OAuthConfig },
  installationStore: InstallationStore,
  logger: HTTPReceiverOptions['logger'],
): HTTPReceiver {
  return new HTTPReceiver({
    signingSecret: config.slackSigningSecret,
    endpoints: '/slack/events',
    logger,
    clientId: config.oauth.clientId,
    clientSecret: config.oauth.clientSecret,
    stateSecret: config.oauth.stateSecret,
    scopes: BOT_SCOPES,
    installationStore,
    installerOptions: {
      directInstall: true,
      installPath: '/slack/install',
      redirectUriPath: '/slack/oauth_redirect',
      authorizationUrl: authorizationUrl(config.slackApiUrl),
      clientOptions: { slackApiUrl: config.slackApiUrl },
      callbackOptions: {
        success: (installation, _options, _req, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page(`okrbot is installed in ${escapeHtml(installation.team?.name ?? 'your workspace')}.`));
        },
        failure: (error, _options, _req, res) => {
          logger?.warn(`an install did not complete: ${error.code ?? error.message}`);
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            page(
              'okrbot could not be installed: the link expired or was not started here. Try again from /slack/install.',
            ),
          );
        },
      },
    },
  });
}

function page(text: string): string {
  return `<!doctype html><html><body><p>${text}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The database installation store; storing one also records the workspace okrbot's features know. */
export function installationStoreFor(ctx: Pick<AppContext, 'db' | 'now'>, key: Buffer) {
  const store = databaseInstallationStore(ctx.db, key, ctx.now);
  return {
    ...store,
    async storeInstallation(installation: Parameters<typeof store.storeInstallation>[0]) {
      await store.storeInstallation(installation);
      const team = installation.team;
      if (team?.id)
        await ensureWorkspace(
          ctx.db,
          {
            teamId: team.id,
            name: team.name ?? null,
            botUserId: installation.bot?.userId,
            botId: installation.bot?.id,
          },
          ctx.now(),
        );
    },
  };
}

/**
 * The token of a workspace through Bolt's installer, which refreshes it (oauth.v2.access with the refresh
 * token) when it expires within two hours and stores the new one. One refresh at a time per workspace in
 * this process; jobs ask every tick, so tokens are rotated before they expire even when no one writes.
 */
export function installerAuthorize(receiver: HTTPReceiver): Authorize {
  const inFlight = new Map<string, ReturnType<Authorize>>();
  const once = async (teamId: string) => {
    const result = await receiver.installer!.authorize({
      teamId,
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    return result.botToken && result.botUserId
      ? { botToken: result.botToken, botUserId: result.botUserId }
      : undefined;
  };
  return (teamId) => {
    let running = inFlight.get(teamId);
    if (!running) {
      running = once(teamId).finally(() => inFlight.delete(teamId));
      inFlight.set(teamId, running);
    }
    return running;
  };
}

/**
 * A workspace that uninstalls okrbot (`app_uninstalled`) or revokes its bot token (`tokens_revoked`) is
 * forgotten: its installation is deleted, so no job runs and no message is sent there again.
 */
export function registerUninstallListeners(
  app: SlackListeners,
  ctx: AppContext,
  store: {
    deleteInstallation(query: {
      teamId: string;
      enterpriseId: undefined;
      isEnterpriseInstall: false;
    }): Promise<void>;
  },
): void {
  const forget = async (teamId: string | undefined, why: string) => {
    if (!teamId) return;
    await store.deleteInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    ctx.log.event('info', 'uninstalled', { workspace: teamId, reason: why });
  };
  app.event('app_uninstalled', async ({ body }) => forget(body.team_id, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ body, event }) => {
    const bots = event.tokens.bot ?? [];
    if (bots.length > 0) await forget(body.team_id, 'tokens_revoked');
  });
}

type UsersInfo = (args: { user: string }) => Promise<{ ok?: boolean; user?: { team_id?: string } }>;

/**
 * OAuth mode: whether the user a payload names is someone the named workspace's own token can see
 * (users.info). A payload that claims workspace B for a user of A is refused before anything reads B's
 * data. A confirmed member is remembered for ten minutes, so the check costs one call per person, not
 * per click.
 */
export function workspaceMembership(): (
  usersInfo: UsersInfo,
  teamId: string,
  userId: string,
) => Promise<boolean> {
  const confirmed = new Map<string, number>();
  const TTL_MS = 10 * 60 * 1000;
  return async (usersInfo, teamId, userId) => {
    const key = `${teamId}:${userId}`;
    if ((confirmed.get(key) ?? 0) > Date.now()) return true;
    try {
      await usersInfo({ user: userId });
    } catch {
      return false;
    }
    if (confirmed.size > 50_000) confirmed.clear();
    confirmed.set(key, Date.now() + TTL_MS);
    return true;
  };
}
