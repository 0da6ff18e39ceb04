export type ObjectiveType = 'committed' | 'aspirational' | 'cross-team';

export interface ObjectiveScore {
  /** Mean key-result progress, 0..1, to two decimals. */
  score: number;
  /** One line for the owner and the digest, judged by the objective's type. */
  judgement: string;
  /** Committed objectives below 1.0 need an explanation. */
  needsExplanation: boolean;
}

/**
 * Scores an objective as the mean of its key results' progress (each clamped to 0..1) and judges it by type:
 * committed expects 1.0 (below needs an explanation); aspirational counts about 0.7 as success;
 * cross-team is a shared result, not a score for one team.
 */
export function scoreObjective(type: ObjectiveType, krProgress: number[]): ObjectiveScore {
  if (krProgress.length === 0) {
    return { score: 0, judgement: 'no key results to score', needsExplanation: false };
  }
  const clamped = krProgress.map((p) => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0));
  const mean = clamped.reduce((a, b) => a + b, 0) / clamped.length;
  const score = Math.round(mean * 100) / 100;
  const pct = `${Math.round(score * 100)}%`;
  switch (type) {
    case 'committed':
      return score >= 1
        ? { score, judgement: 'delivered as committed', needsExplanation: false }
        : { score, judgement: `committed but at ${pct}: needs an explanation`, needsExplanation: true };
    case 'aspirational':
      if (score >= 1) {
        return { score, judgement: 'fully achieved: the next one can aim higher', needsExplanation: false };
      }
      if (score >= 0.7)
        return { score, judgement: `success at ${pct} (about 70% is the aim)`, needsExplanation: false };
      return {
        score,
        judgement: `${pct}, below the ~70% aim: a miss to learn from, not a failure`,
        needsExplanation: false,
      };
    case 'cross-team':
      return score >= 1
        ? { score, judgement: 'achieved together by the contributing teams', needsExplanation: false }
        : {
            score,
            judgement: `shared result at ${pct}: review it with all contributing teams`,
            needsExplanation: false,
          };
  }
}
