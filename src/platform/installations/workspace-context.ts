import type { AppContext } from '../context.js';

/**
 * The context for one workspace: the same process-wide pieces (database, outbox, clock, logs) with that
 * workspace's id, bot user and token. Undefined when okrbot does not serve the workspace.
 */
export async function contextFor(ctx: AppContext, teamId: string): Promise<AppContext | undefined> {
  if (!ctx.workspaces.oauth) return teamId === ctx.teamId ? ctx : undefined;
  const access = await ctx.workspaces.access(teamId);
  if (!access) return undefined;
  return { ...ctx, teamId, botUserId: access.botUserId, slack: access.slack };
}

/** A context per workspace served: in single-workspace mode the one given, as it is. */
export async function workspaceContexts(ctx: AppContext): Promise<AppContext[]> {
  if (!ctx.workspaces.oauth) return [ctx];
  const contexts: AppContext[] = [];
  for (const teamId of await ctx.workspaces.list()) {
    const one = await contextFor(ctx, teamId);
    if (one) contexts.push(one);
  }
  return contexts;
}
