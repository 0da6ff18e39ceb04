import type { App } from '@slack/bolt';
import {
  directMessageRecipientsSince,
  HomeRefresher,
  homeAudience,
  kpiOwnersWithReadingsSince,
  refreshHomes,
} from '../home/index.js';
import type { AppContext } from '../platform/context.js';
import type { HttpRoute } from '../platform/http/routes.js';
import { requestsBeingAnswered } from '../platform/http/server.js';
import { contextFor, workspaceContexts } from '../platform/installations/workspace-context.js';
import { SlackPacer } from '../platform/slack/pacer.js';

// Wiring of the Home refresher: one per running bot (its context), fed by every interaction (after its
// listener ran) and by every tick (the people it sent messages to, e.g. a round's prompts).

const refreshers = new WeakMap<AppContext, HomeRefresher>();

/** The running bot's Home refresher. */
export function homeRefresherFor(ctx: AppContext): HomeRefresher {
  let refresher = refreshers.get(ctx);
  if (!refresher) {
    // Slack's budget for views.publish is per workspace, so is the pacer.
    const pacers = new Map<string, SlackPacer>();
    refresher = new HomeRefresher({
      refresh: async (teamId, actors) => {
        const workspace = await contextFor(ctx, teamId);
        if (!workspace) return;
        const pacer = pacers.get(teamId) ?? new SlackPacer();
        pacers.set(teamId, pacer);
        await refreshHomes(workspace, teamId, await homeAudience(ctx.db, teamId, actors), pacer);
      },
      track: (work) => void ctx.track(work),
      onError: (error) => ctx.log.warn('Home tab refresh failed:', error),
      // A refresh waits while a burst of requests waits for its acks.
      busy: () => requestsBeingAnswered() > 0,
    });
    refreshers.set(ctx, refresher);
  }
  return refresher;
}

/** The person who acted in a command, button or modal (events are left out: opening Home publishes it). */
function actorOf(body: unknown): { teamId?: string; userId?: string } {
  const b = body as {
    type?: string;
    user_id?: string;
    team_id?: string;
    user?: { id?: string; team_id?: string };
    team?: { id?: string } | null;
  };
  if (b.type === 'event_callback') return {};
  return { teamId: b.team?.id ?? b.team_id ?? b.user?.team_id, userId: b.user?.id ?? b.user_id };
}

/** After each command, button or modal has been handled, the Home tabs it concerns are refreshed (debounced). */
export function installHomeRefresh(app: App, ctx: AppContext): void {
  const refresher = homeRefresherFor(ctx);
  app.use(async ({ body, next }) => {
    await next();
    const { teamId, userId } = actorOf(body);
    if (userId) refresher.touch(teamId ?? ctx.teamId, [userId]);
  });
}

/** After a tick: the people it sent a direct message to (a round opened, an alert) may see a new Home tab. */
export async function refreshHomesAfterTick(ctx: AppContext, at: Date): Promise<void> {
  for (const workspace of await workspaceContexts(ctx)) {
    const recipients = await directMessageRecipientsSince(ctx.db, workspace.teamId, at);
    homeRefresherFor(ctx).touch(workspace.teamId, recipients);
  }
}

/** An HTTP route (the readings API) after which the owners of the KPIs it recorded readings for see them on Home. */
export function refreshingHomes(route: HttpRoute): HttpRoute {
  return async (ctx, req, res) => {
    const since = ctx.now();
    const handled = await route(ctx, req, res);
    if (handled) {
      const owners = await kpiOwnersWithReadingsSince(ctx.db, since).catch((e) => {
        ctx.log.warn('Home tab refresh failed:', e);
        return new Map<string, string[]>();
      });
      for (const [teamId, ids] of owners) homeRefresherFor(ctx).touch(teamId, ids);
    }
    return handled;
  };
}
