export { CONFIDENCE_LABELS, CONFIDENCES, type Confidence, parseConfidence } from './confidence.js';
export { keyResultProgress } from './keyResultProgress.js';
export { noMovement } from './noMovement.js';
export { progressBar } from './progressBar.js';
export { type ObjectiveScore, type ObjectiveType, scoreObjective } from './scoreObjective.js';
