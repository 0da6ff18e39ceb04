import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { publishHome, renderHome } from '../../publish-home.js';

/** The part of `app_home_opened` the Home tab needs (Bolt acks events itself). */
const homeOpened = z.object({ user: z.string().min(1), tab: z.string().optional() });

/**
 * Publishes the Home tab whenever someone opens it: parse, read the person's data, render, publish, and
 * remember that they use it (so later changes refresh it).
 */
export function registerAppHomeOpened(app: SlackListeners, ctx: AppContext): void {
  app.event(
    'app_home_opened',
    async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
      const parsed = homeOpened.safeParse(event);
      if (!parsed.success) return;
      const { user, tab } = parsed.data;
      if (tab && tab !== 'home') return;
      const teamId = context.teamId ?? ctx.teamId;
      // Tracked: Bolt acks the event first, and shutdown waits for the publish and its record.
      await ctx.track(
        renderHome(ctx, teamId, user).then((rendered) =>
          publishHome(ctx, teamId, user, rendered, (args) => client.views.publish(args)),
        ),
      );
    },
  );
}
