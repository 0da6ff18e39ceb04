import type { ScheduledJob } from '../../platform/scheduler/tick.js';
import { releaseFollowUps } from '../alert-outbox.js';

/**
 * Alert updates and thread replies whose message was still queued (Slack was down, rate limits) go out once
 * it is sent. Safe on every tick and on several replicas: each row is released with a compare-and-set.
 */
export const kpiFollowUpsJob: ScheduledJob = {
  name: 'kpi-follow-ups',
  async run(ctx, at) {
    return { released: await releaseFollowUps(ctx.db, ctx.teamId, at) };
  },
};
