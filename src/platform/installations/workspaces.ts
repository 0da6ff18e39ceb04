import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SlackApi } from '../slack/slack-api.js';
import { isInstalled, listInstallations } from './installation-store.js';

/** What okrbot needs to act for one workspace: which it is, its bot user, and the API with its token. */
export interface WorkspaceAccess {
  teamId: string;
  botUserId: string;
  slack: SlackApi;
}

/** The workspaces okrbot serves: the bot token's one, or (OAuth mode) every one that installed it. */
export interface Workspaces {
  readonly oauth: boolean;
  /** Every workspace served, for jobs to run in. */
  list(): Promise<string[]>;
  /** Access for one workspace, or undefined when okrbot does not serve it (never installed, uninstalled). */
  access(teamId: string): Promise<WorkspaceAccess | undefined>;
}

/** Single-workspace mode: SLACK_BOT_TOKEN's workspace and no other. */
export function singleWorkspace(access: WorkspaceAccess): Workspaces {
  return {
    oauth: false,
    list: async () => [access.teamId],
    access: async (teamId) => (teamId === access.teamId ? access : undefined),
  };
}

/** A workspace's bot token (refreshed first when it is about to expire), or undefined when not installed. */
export type Authorize = (teamId: string) => Promise<{ botToken: string; botUserId: string } | undefined>;

/**
 * OAuth mode: the workspaces in the installations table, each with its own token. One API client per
 * workspace is kept, and replaced when the token is rotated.
 */
export function installedWorkspaces(
  db: Kysely<Database>,
  authorize: Authorize,
  apiFor: (token: string) => SlackApi,
): Workspaces {
  const clients = new Map<string, { token: string; slack: SlackApi }>();
  return {
    oauth: true,
    list: async () => (await listInstallations(db)).map((w) => w.teamId),
    async access(teamId) {
      if (!(await isInstalled(db, teamId))) {
        clients.delete(teamId);
        return undefined;
      }
      const auth = await authorize(teamId);
      if (!auth) return undefined;
      let client = clients.get(teamId);
      if (client?.token !== auth.botToken) {
        client = { token: auth.botToken, slack: apiFor(auth.botToken) };
        clients.set(teamId, client);
      }
      return { teamId, botUserId: auth.botUserId, slack: client.slack };
    },
  };
}
