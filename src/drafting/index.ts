// The drafting feature: what the app wires (listeners) and what other features may call.

export * from './domain/index.js';
export {
  type CarriedDraft,
  carryOverDraftView,
  type DraftPrefill,
  prefilledDraftView,
} from './prefilled-draft.js';
export { registerDraftingListeners } from './slack/listeners/index.js';
