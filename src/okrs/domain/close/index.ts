export { carryOverText } from './carry-over.js';
export { needsClosingScore, parseClosingScore } from './closing-score.js';
export {
  ASPIRATIONAL_RULE,
  ASPIRATIONAL_SUCCESS,
  gradeObjective,
  type ObjectiveGrade,
  type Verdict,
} from './grade-objective.js';
export {
  buildQuarterReport,
  carryOverLabel,
  type KeyResultReport,
  keyResultLine,
  type ObjectiveReport,
  type QuarterReport,
  type QuarterReportInput,
  type ReportKeyResultInput,
  type ReportObjectiveInput,
  type ReportTeam,
  reportDestination,
  watchLine,
} from './quarter-report.js';
export { type BlockerAnswer, type RecurringBlocker, recurringBlockers } from './recurring-blockers.js';
export {
  formatScore,
  formatScoreNumber,
  type KeyResultDirection,
  type KeyResultScore,
  type KeyResultScoreInput,
  type Movement,
  movementOf,
  type ScoreSource,
  scoreKeyResult,
} from './score-key-result.js';
