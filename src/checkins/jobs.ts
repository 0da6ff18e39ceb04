import type { ScheduledJob } from '../platform/scheduler/tick.js';
import { queueCheckinDigests } from './jobs/digests.js';
import { queueCheckinNudges } from './jobs/nudges.js';
import type { CheckinJobOptions } from './jobs/options.js';
import { queueCheckinPrompts } from './jobs/prompts.js';
import { queueOwedSummaries } from './jobs/summaries.js';
import { refreshOwnerTimeZones } from './jobs/time-zones.js';

export type { CheckinJobOptions } from './jobs/options.js';

/**
 * Check-in prompts, nudges and digests, in the order a tick runs them: time zones are refreshed before the
 * prompts that depend on them; summaries that could not be posted earlier go before the digest.
 */
export function checkinJobs(options: CheckinJobOptions = {}): ScheduledJob[] {
  return [
    { name: 'checkin-time-zones', run: (ctx, at) => refreshOwnerTimeZones(ctx, at, options) },
    { name: 'checkin-prompts', run: (ctx, at) => queueCheckinPrompts(ctx, at, options) },
    { name: 'checkin-nudges', run: (ctx, at) => queueCheckinNudges(ctx, at, options) },
    { name: 'checkin-summaries', run: (ctx, at) => queueOwedSummaries(ctx, at) },
    { name: 'checkin-digests', run: (ctx, at) => queueCheckinDigests(ctx, at) },
  ];
}
