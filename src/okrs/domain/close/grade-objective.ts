// An objective's grade at the quarter close, judged by its type. Pure.
import { type ObjectiveType, scoreObjective } from '../progress/score-objective.js';
import { formatScoreNumber } from './score-key-result.js';

export type Verdict = 'delivered' | 'shortfall' | 'success' | 'learning' | 'shared' | 'not_scored';

export interface ObjectiveGrade {
  /** Mean of the scored key results (0..1, two decimals); null when none could be scored. */
  score: number | null;
  verdict: Verdict;
  /** One sentence for the report; names no person. */
  verdictText: string;
  /** A committed objective below 1.0: its owner is asked "What got in the way?". */
  needsReflection: boolean;
  /** Offered as "Carry over to the next quarter": committed < 1.0, aspirational < 0.7, cross-team < 1.0, or not scored. */
  unfinished: boolean;
  /** How many key results had no score and were left out of the mean. */
  notScored: number;
}

export const ASPIRATIONAL_SUCCESS = 0.7;
export const ASPIRATIONAL_RULE = '0.7 or more is success for an aspirational OKR';

/**
 * Grades an objective from its key results' scores (`null`: not scored, left out of the mean). Committed:
 * 1.0 is expected and a shortfall is flagged for a reflection; aspirational: 0.7 and up is success, below is
 * a miss to learn from; cross-team: a shared result of the contributing teams, with no single scorer.
 */
export function gradeObjective(type: ObjectiveType, keyResultScores: Array<number | null>): ObjectiveGrade {
  const scored = keyResultScores.filter((s): s is number => s !== null && Number.isFinite(s));
  const notScored = keyResultScores.length - scored.length;
  if (scored.length === 0) {
    return {
      score: null,
      verdict: 'not_scored',
      verdictText:
        keyResultScores.length === 0
          ? 'not scored: it has no key results'
          : 'not scored: no key result had a baseline and a target, or a score from the closing check-in',
      needsReflection: false,
      unfinished: true,
      notScored,
    };
  }
  const score = scoreObjective(type, scored).score;
  const s = formatScoreNumber(score);
  const base = { score, notScored };
  switch (type) {
    case 'committed':
      return score >= 1
        ? {
            ...base,
            verdict: 'delivered',
            verdictText: `delivered as committed (${s}; 1.0 is expected)`,
            needsReflection: false,
            unfinished: false,
          }
        : {
            ...base,
            verdict: 'shortfall',
            verdictText: `committed, reached ${s} of the 1.0 expected: a shortfall to explain, and its owner is asked what got in the way`,
            needsReflection: true,
            unfinished: true,
          };
    case 'aspirational':
      return score >= ASPIRATIONAL_SUCCESS
        ? {
            ...base,
            verdict: 'success',
            verdictText: `success at ${s}: ${ASPIRATIONAL_RULE}`,
            needsReflection: false,
            unfinished: false,
          }
        : {
            ...base,
            verdict: 'learning',
            verdictText: `${s}: a miss to learn from, not a failure (${ASPIRATIONAL_RULE})`,
            needsReflection: false,
            unfinished: true,
          };
    case 'cross-team':
      return {
        ...base,
        verdict: 'shared',
        verdictText:
          score >= 1
            ? `achieved together at ${s}: a shared result of the contributing teams`
            : `a shared result at ${s}: responsibility lies with all contributing teams together`,
        needsReflection: false,
        unfinished: score < 1,
      };
  }
}
