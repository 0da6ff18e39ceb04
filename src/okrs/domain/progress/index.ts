export { CONFIDENCE_LABELS, CONFIDENCES, type Confidence, parseConfidence } from './confidence.js';
export { keyResultProgress } from './key-result-progress.js';
export { noMovement } from './no-movement.js';
export { progressBar } from './progress-bar.js';
export {
  formatCount,
  type ProgressNumbers,
  progressBarOf,
  progressLineOf,
  progressText,
  unitFor,
} from './progress-text.js';
export { type ObjectiveScore, type ObjectiveType, scoreObjective } from './score-objective.js';
