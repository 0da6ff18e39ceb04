// A key result's score at the quarter close. Pure.

export type KeyResultDirection = 'higher_is_better' | 'lower_is_better';
export type ScoreSource = 'measured' | 'closing_checkin' | 'not_scored';

export interface KeyResultScoreInput {
  baseline: number | null;
  target: number | null;
  /** The last check-in's value, else the current value. */
  final: number | null;
  direction?: KeyResultDirection | null;
  /** The owner's own score (0..1) at the closing check-in, for a key result without baseline or target. */
  closingScore?: number | null;
}

export interface KeyResultScore {
  /** The grade, 0..1; null when the key result could not be scored. */
  score: number | null;
  /** How far it got before clamping: 1.2 is 120% of the way (over-achieved), -0.1 moved the wrong way. */
  achievement: number | null;
  source: ScoreSource;
}

const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * `(final − baseline) / (target − baseline)`, which honours the direction by itself (reduce 52 → 30 days:
 * 41 days is 0.5), clamped to 0..1 for the grade and kept unclamped as the achievement. A key result that
 * holds a level (baseline = target) scores 1 when the final value meets it in its direction. Without a
 * baseline, target or final value, the score given at the closing check-in (0..1) counts; else it is not
 * scored: a missing number never becomes a silent 0.
 */
export function scoreKeyResult(kr: KeyResultScoreInput): KeyResultScore {
  const { baseline, target, final } = kr;
  if (finite(baseline) && finite(target) && finite(final)) {
    let achievement: number;
    if (baseline === target) {
      const met =
        kr.direction === 'lower_is_better'
          ? final <= target
          : kr.direction === 'higher_is_better'
            ? final >= target
            : final === target;
      achievement = met ? 1 : 0;
    } else {
      achievement = (final - baseline) / (target - baseline);
    }
    return { score: round4(clamp01(achievement)), achievement: round4(achievement), source: 'measured' };
  }
  if (finite(kr.closingScore)) {
    const s = round4(clamp01(kr.closingScore));
    return { score: s, achievement: s, source: 'closing_checkin' };
  }
  return { score: null, achievement: null, source: 'not_scored' };
}

/** `0.7`, `0.68`, `1.0`: one decimal, two when the second one matters. */
export function formatScoreNumber(score: number): string {
  const r = Math.round(score * 100) / 100;
  const two = r.toFixed(2);
  return two.endsWith('0') ? r.toFixed(1) : two;
}

/**
 * The score as reports show it: `0.5`, `1.0 (120%)` when the target was beaten, `0.0 (−10%)` when the
 * value moved the wrong way, `not scored` without a score.
 */
export function formatScore(score: number | null, achievement: number | null = score): string {
  if (score === null) return 'not scored';
  const base = formatScoreNumber(score);
  if (achievement !== null && (achievement > 1.005 || achievement < -0.005)) {
    const pct = Math.round(achievement * 100);
    return `${base} (${pct < 0 ? `−${-pct}` : pct}%)`;
  }
  return base;
}

export type Movement = 'toward' | 'away' | 'none' | 'unknown';

/** Whether the value moved from its baseline, and which way relative to the target. */
export function movementOf(kr: {
  baseline: number | null;
  target: number | null;
  final: number | null;
  direction?: KeyResultDirection | null;
}): Movement {
  const { baseline, target, final } = kr;
  if (!finite(baseline) || !finite(final)) return 'unknown';
  if (final === baseline) return 'none';
  const better =
    finite(target) && target !== baseline
      ? Math.sign(target - baseline)
      : kr.direction === 'lower_is_better'
        ? -1
        : kr.direction === 'higher_is_better'
          ? 1
          : 0;
  if (better === 0) return 'unknown';
  return Math.sign(final - baseline) === better ? 'toward' : 'away';
}
