// What other features may use of okrs: objectives and key results (store), and the pure rules; and what
// the app wires for the quarter close (use cases, views, ids, the job).
export { type CarryOverDraft, carryOverDraft } from './carry-over.js';
export {
  type CloseQuarterDeps,
  type CloseQuarterInput,
  type CloseQuarterResult,
  closeQuarter,
  quarterCloseMessages,
  workspaceTimeZone,
} from './close-quarter.js';
export { type CloseAsResult, closeQuarterAs } from './close-quarter-as.js';
export * from './domain/index.js';
export { closeReminderQuarter, okrJobs, quarterCloseJob } from './jobs.js';
export { loadQuarterReports } from './quarter-report-data.js';
export {
  REFLECTION_MAX,
  reflectionFor,
  reflectionModalFor,
  type SubmitReflectionResult,
  submitReflection,
} from './reflections.js';
export {
  carryOverBlockId,
  closeButtonValue,
  OKR_BLOCKS,
  OKR_IDS,
  parseCloseButtonValue,
} from './slack/ids.js';
export type { CarryOverViewSource } from './slack/listeners/carry-over.js';
export { registerOkrListeners } from './slack/listeners/index.js';
export {
  closeQuarterPromptMessage,
  quarterReportMessage,
  reflectionForLeadMessage,
  reflectionModal,
  shortfallMessage,
} from './slack/views/quarter-messages.js';
export { activatePlannedObjectives, getObjective, setClosingScore } from './store/quarters.js';
export type { Reflection } from './store/reflections.js';
export * from './store.js';
