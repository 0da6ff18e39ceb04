// The checkins feature's tables: `checkin_prompts` (prompts, nudges, summaries, rounds) and `checkins`
// (answers). Writes to other features' tables go through their stores.

export * from './answers.js';
export * from './digest-data.js';
export * from './job-statuses.js';
export * from './nudges.js';
export { outboxRowsByKey } from './outbox.js';
export * from './owners.js';
export * from './prompts.js';
export * from './rounds.js';
export * from './summaries.js';
