// The checkins feature: what the app wires (listeners, jobs).

export type { FoldedAlert, FoldedAlertSource } from './jobs/options.js';
export { type CheckinJobOptions, checkinJobs } from './jobs.js';
export { CHECKIN_IDS } from './slack/ids.js';
export { registerCheckinListeners } from './slack/listeners/index.js';
