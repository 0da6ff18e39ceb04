import { createHash } from 'node:crypto';
import type { HomeView } from '@slack/types';
import type { AppContext } from '../platform/context.js';
import { SlackPacer } from '../platform/slack/pacer.js';
import { homeData } from './home-data.js';
import { homeView } from './slack/views/home-view.js';
import { homeViewHashes, recordHomePublished } from './store/home-views.js';

/** This person's Home tab as it stands now, and a hash of it (to tell whether it changed). */
export async function renderHome(
  ctx: AppContext,
  teamId: string,
  userId: string,
): Promise<{ view: HomeView; hash: string }> {
  const data = await homeData(ctx.db, teamId, userId, {
    now: ctx.now(),
    configuredAdmins: ctx.config.adminIds,
  });
  const view = homeView(data);
  return { view, hash: createHash('sha256').update(JSON.stringify(view)).digest('hex') };
}

/** Publishes a rendered Home tab with `views.publish` and remembers its hash. */
export async function publishHome(
  ctx: AppContext,
  teamId: string,
  userId: string,
  rendered: { view: HomeView; hash: string },
  publish: (args: { user_id: string; view: HomeView }) => Promise<unknown>,
): Promise<void> {
  await publish({ user_id: userId, view: rendered.view });
  await recordHomePublished(ctx.db, teamId, userId, rendered.hash, ctx.now());
}

/**
 * Republishes the Home tab of each of these people who has opened it, when what it shows has changed since
 * it was last published. Returns whom it published to.
 */
export async function refreshHomes(
  ctx: AppContext,
  teamId: string,
  userIds: readonly string[],
  pacer: SlackPacer = new SlackPacer(),
): Promise<string[]> {
  const known = await homeViewHashes(ctx.db, teamId, userIds);
  const published: string[] = [];
  for (const [userId, lastHash] of known) {
    const rendered = await renderHome(ctx, teamId, userId);
    if (rendered.hash === lastHash) continue;
    // Within Slack's budget for views.publish (Tier 4): a big team's refresh waits rather than hits 429s.
    await pacer.acquire('views.publish');
    await publishHome(ctx, teamId, userId, rendered, (args) =>
      ctx.slack.call('views.publish', args as unknown as Record<string, unknown>),
    );
    published.push(userId);
  }
  return published;
}
