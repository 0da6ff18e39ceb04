import { checkinJobs } from './checkins/index.js';
import { kpiJobs } from './kpis/index.js';
import type { ScheduledJob } from './tick.js';

/** Every scheduled job, in the order a tick runs them. */
export function scheduledJobs(): ScheduledJob[] {
  return [...checkinJobs(), ...kpiJobs()];
}
