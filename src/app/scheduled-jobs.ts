import { checkinJobs } from '../checkins/index.js';
import { kpiJobs, listFoldedAlerts } from '../kpis/index.js';
import { okrJobs } from '../okrs/index.js';
import type { ScheduledJob } from '../platform/scheduler/tick.js';
import { forgetEventsBefore } from '../platform/slack/event-dedupe.js';

/** Every scheduled job, in the order a tick runs them. */
export function scheduledJobs(): ScheduledJob[] {
  return [...okrJobs(), ...checkinJobs({ foldedAlerts: listFoldedAlerts }), ...kpiJobs(), housekeeping];
}

/** Forgets handled Events API ids after a day (Slack retries within minutes), at minute 17 of each hour. */
const housekeeping: ScheduledJob = {
  name: 'forget-slack-events',
  run: async (ctx, at) => {
    if (at.getUTCMinutes() !== 17) return { forgotten: 0 };
    return { forgotten: await forgetEventsBefore(ctx.db, new Date(at.getTime() - 24 * 3600_000)) };
  },
};
