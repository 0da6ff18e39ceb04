import { checkinJobs } from '../checkins/jobs.js';
import { kpiJobs } from '../kpis/jobs.js';
import type { ScheduledJob } from '../platform/scheduler/tick.js';

/** Every scheduled job, in the order a tick runs them. */
export function scheduledJobs(): ScheduledJob[] {
  return [...checkinJobs(), ...kpiJobs()];
}
