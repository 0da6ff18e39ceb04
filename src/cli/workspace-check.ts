import type { Config } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/db/open-database.js';
import { listInstallations } from '../platform/installations/installation-store.js';

/** OAuth mode (settings given, or workspaces installed through it): okrbot serves the installed workspaces. */
export async function servesManyWorkspaces(config: Config, database: DatabaseHandle): Promise<boolean> {
  return config.oauth !== undefined || (await listInstallations(database.db)).length > 0;
}

/**
 * Why okrbot does not serve `team`, or undefined when it does. With OAuth (settings given, or workspaces
 * installed through it) a workspace is served while it is installed; with one bot token, the workspace the
 * token belongs to (the one in the workspaces table).
 */
export async function notInstalled(
  config: Config,
  database: DatabaseHandle,
  team: string,
): Promise<string | undefined> {
  const installed = await listInstallations(database.db);
  if (config.oauth || installed.length > 0) {
    if (installed.some((w) => w.teamId === team)) return undefined;
    const known = installed.map((w) => w.teamId).join(', ') || 'none yet';
    return (
      `okrbot: workspace ${team} is not known: it has not installed okrbot (installed: ${known}); ` +
      'check the id, or install okrbot there first (/slack/install)'
    );
  }
  const row = await database.db
    .selectFrom('workspaces')
    .select('team_id')
    .where('team_id', '=', team)
    .executeTakeFirst();
  if (row) return undefined;
  return (
    `okrbot import: workspace ${team} is not known in ${database.description} (okrbot is not installed ` +
    "there: it is not in its workspaces table); leave out --team to import into the bot token's workspace, or check the id"
  );
}
