import type { ScheduledJob } from '../tick.js';
import { kpiChecksJob } from './kpi-checks.js';
import { kpiFollowUpsJob } from './kpi-follow-ups.js';

/** KPI stale-data checks, snooze expiry and escalations, in the order a tick runs them. */
export function kpiJobs(): ScheduledJob[] {
  return [kpiFollowUpsJob, kpiChecksJob];
}
