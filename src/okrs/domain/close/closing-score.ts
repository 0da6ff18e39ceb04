// The score a key result's owner gives at the closing check-in, when it has no baseline or target. Pure.

/** A key result is graded by its owner's closing score when its baseline or target is missing. */
export function needsClosingScore(kr: {
  baseline: number | string | null;
  target: number | string | null;
}): boolean {
  return kr.baseline === null || kr.target === null;
}

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/;
const EXAMPLE = 'e.g. 0.7 when it got most of the way';

/**
 * `0.7`, `.7`, `0,7`, `1`, `1.0` → a score from 0.0 to 1.0 (kept to two decimals); anything else is an
 * error in words: `1.3` is outside 0.0–1.0, `abc` is not a number, an empty box asks for one.
 */
export function parseClosingScore(text: string): { ok: true; score: number } | { ok: false; error: string } {
  const raw = text.trim();
  if (raw === '') return { ok: false, error: `Give a score from 0.0 to 1.0, ${EXAMPLE}.` };
  const shown = raw.slice(0, 20);
  const n = NUMBER.test(raw) ? Number(raw.replace(',', '.')) : Number.NaN;
  if (!Number.isFinite(n))
    return { ok: false, error: `"${shown}" is not a number: give a score from 0.0 to 1.0, ${EXAMPLE}.` };
  if (n < 0 || n > 1)
    return {
      ok: false,
      error: `${shown} is outside 0.0–1.0: a score runs from 0.0 (none of it) to 1.0 (all of it).`,
    };
  return { ok: true, score: Math.round(n * 100) / 100 };
}
