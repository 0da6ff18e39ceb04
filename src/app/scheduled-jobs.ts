import { checkinJobs } from '../checkins/index.js';
import { kpiJobs, listFoldedAlerts } from '../kpis/index.js';
import type { ScheduledJob } from '../platform/scheduler/tick.js';

/** Every scheduled job, in the order a tick runs them. */
export function scheduledJobs(): ScheduledJob[] {
  return [...checkinJobs({ foldedAlerts: listFoldedAlerts }), ...kpiJobs()];
}
