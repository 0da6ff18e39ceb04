import type { ScheduledJob } from '../tick.js';

/** KPI stale-data checks, snooze expiry and escalations, in the order a tick runs them. */
export function kpiJobs(): ScheduledJob[] {
  return [];
}
