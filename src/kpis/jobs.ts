import type { ScheduledJob } from '../platform/scheduler/tick.js';
import { kpiChecksJob } from './jobs/kpi-checks.js';
import { kpiFollowUpsJob } from './jobs/kpi-follow-ups.js';

/** KPI stale-data checks, snooze expiry and escalations, in the order a tick runs them. */
export function kpiJobs(): ScheduledJob[] {
  return [kpiFollowUpsJob, kpiChecksJob];
}
