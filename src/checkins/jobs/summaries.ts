import type { AppContext } from '../../platform/context.js';
import { postOwedSummaries } from '../summaries.js';

/**
 * Posts the thread summaries that could not go out when people answered (the round's thread was not in
 * Slack yet, or the process stopped before it posted them).
 */
export async function queueOwedSummaries(ctx: AppContext, at: Date): Promise<Record<string, number>> {
  return postOwedSummaries(ctx, ctx.teamId, at);
}
