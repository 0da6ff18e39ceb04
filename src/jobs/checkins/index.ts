import type { ScheduledJob } from '../tick.js';

/** Check-in prompts, nudges and digests, in the order a tick runs them. */
export function checkinJobs(): ScheduledJob[] {
  return [];
}
