// Scoring at the quarter close, the cases close.test.ts leaves out: each direction under- and over-achieved
// and moved the wrong way, missing numbers, the closing check-in's score, the grade of each type at its
// boundaries, and which round is a quarter's closing check-in.
import { describe, expect, it } from 'vitest';
import {
  formatScore,
  gradeObjective,
  isClosingRound,
  needsClosingScore,
  parseClosingScore,
  roundInsideQuarter,
  scoreKeyResult,
} from '../../../src/okrs/domain/index.js';

const scoreText = (kr: Parameters<typeof scoreKeyResult>[0]) => {
  const s = scoreKeyResult(kr);
  return formatScore(s.score, s.achievement);
};

describe('a key result’s score, by direction', () => {
  it('higher is better: under-achieved, over-achieved and moved the wrong way', () => {
    // Raise offer acceptance from 72% to 88%.
    expect(scoreText({ baseline: 72, target: 88, final: 80 })).toBe('0.5');
    expect(scoreText({ baseline: 72, target: 88, final: 84 })).toBe('0.75');
    expect(scoreKeyResult({ baseline: 72, target: 88, final: 92 })).toMatchObject({
      score: 1,
      achievement: 1.25,
    });
    expect(scoreText({ baseline: 72, target: 88, final: 92 })).toBe('1.0 (125%)');
    expect(scoreKeyResult({ baseline: 72, target: 88, final: 68 })).toMatchObject({
      score: 0,
      achievement: -0.25,
    });
    expect(scoreText({ baseline: 72, target: 88, final: 68 })).toBe('0.0 (−25%)');
  });

  it('lower is better: under-achieved, over-achieved and moved the wrong way', () => {
    // Reduce time-to-hire from 52 to 30 days.
    expect(scoreText({ baseline: 52, target: 30, final: 34, direction: 'lower_is_better' })).toBe('0.82');
    expect(scoreText({ baseline: 52, target: 30, final: 24, direction: 'lower_is_better' })).toBe(
      '1.0 (127%)',
    );
    expect(scoreText({ baseline: 52, target: 30, final: 60, direction: 'lower_is_better' })).toBe(
      '0.0 (−36%)',
    );
  });

  it('no baseline, target or final value: not scored, never a silent 0', () => {
    for (const kr of [
      { baseline: null, target: 30, final: 34 },
      { baseline: 52, target: null, final: 34 },
      { baseline: 52, target: 30, final: null },
    ]) {
      expect(scoreKeyResult(kr)).toEqual({ score: null, achievement: null, source: 'not_scored' });
      expect(scoreText(kr)).toBe('not scored');
    }
  });

  it('no baseline or target: the owner’s closing score grades it; measured numbers win when there are any', () => {
    expect(scoreKeyResult({ baseline: null, target: null, final: 12, closingScore: 0.6 })).toEqual({
      score: 0.6,
      achievement: 0.6,
      source: 'closing_checkin',
    });
    expect(scoreKeyResult({ baseline: 52, target: 30, final: 41, closingScore: 0.1 })).toMatchObject({
      score: 0.5,
      source: 'measured',
    });
    expect(needsClosingScore({ baseline: null, target: 30 })).toBe(true);
    expect(needsClosingScore({ baseline: 52, target: null })).toBe(true);
    expect(needsClosingScore({ baseline: 52, target: 30 })).toBe(false);
  });
});

describe('the closing check-in’s score box', () => {
  it('takes 0.0 to 1.0, written as people write it', () => {
    for (const [text, score] of [
      ['0.7', 0.7],
      ['.7', 0.7],
      ['0,7', 0.7],
      [' 1 ', 1],
      ['1.0', 1],
      ['0', 0],
      ['0.75', 0.75],
    ] as const)
      expect(parseClosingScore(text)).toEqual({ ok: true, score });
  });

  it('refuses 1.3, a negative score, "abc" and an empty box, each in words', () => {
    expect(parseClosingScore('1.3')).toEqual({
      ok: false,
      error: '1.3 is outside 0.0–1.0: a score runs from 0.0 (none of it) to 1.0 (all of it).',
    });
    expect(parseClosingScore('-0.2')).toMatchObject({ ok: false, error: expect.stringMatching(/outside/) });
    expect(parseClosingScore('70%')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a number/),
    });
    expect(parseClosingScore('abc')).toEqual({
      ok: false,
      error: '"abc" is not a number: give a score from 0.0 to 1.0, e.g. 0.7 when it got most of the way.',
    });
    expect(parseClosingScore('  ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Give a score/),
    });
  });
});

describe('an objective’s grade, by type', () => {
  it('uses the clamped scores: an over-achieved key result does not hide a short one', () => {
    expect(gradeObjective('committed', [1, 0.5])).toMatchObject({ score: 0.75, verdict: 'shortfall' });
  });

  it('committed: exactly 1.0 is delivered, 0.99 is a shortfall that asks for a reflection', () => {
    expect(gradeObjective('committed', [1, 1, 1])).toMatchObject({
      verdict: 'delivered',
      needsReflection: false,
    });
    expect(gradeObjective('committed', [1, 0.98])).toMatchObject({
      score: 0.99,
      verdict: 'shortfall',
      needsReflection: true,
    });
  });

  it('aspirational: 0.7 is success, 0.69 is learning and is carried over', () => {
    const hit = gradeObjective('aspirational', [0.7]);
    expect(hit).toMatchObject({ verdict: 'success', unfinished: false, needsReflection: false });
    expect(hit.verdictText).toContain('0.7 or more is success for an aspirational OKR');
    expect(gradeObjective('aspirational', [0.69])).toMatchObject({
      verdict: 'learning',
      unfinished: true,
      needsReflection: false,
    });
  });

  it('cross-team: shared at any score, never a reflection; unfinished below 1.0', () => {
    expect(gradeObjective('cross-team', [1, 1])).toMatchObject({ verdict: 'shared', unfinished: false });
    expect(gradeObjective('cross-team', [0.2, 0.4])).toMatchObject({
      verdict: 'shared',
      needsReflection: false,
      unfinished: true,
    });
  });
});

describe('quarter boundaries of a check-in round', () => {
  it('a round inside the quarter, and one that starts after its last day', () => {
    expect(roundInsideQuarter('2026Q4', '2026-12-28')).toBe(true);
    expect(roundInsideQuarter('2026Q4', '2026-12-31')).toBe(true);
    expect(roundInsideQuarter('2026Q4', '2027-01-04')).toBe(false);
  });

  it('the closing check-in is the last round that starts inside the quarter, in the owner’s zone', () => {
    const last = { key: '2026-12-28', endsAt: new Date('2027-01-04T01:00:00Z') }; // Mon 10:00 in Seoul
    expect(isClosingRound('2026Q4', last, 'Asia/Seoul')).toBe(true);
    const before = { key: '2026-12-21', endsAt: new Date('2026-12-28T01:00:00Z') };
    expect(isClosingRound('2026Q4', before, 'Asia/Seoul')).toBe(false);
    const after = { key: '2027-01-04', endsAt: new Date('2027-01-11T01:00:00Z') };
    expect(isClosingRound('2026Q4', after, 'Asia/Seoul')).toBe(false);
    // A round ending at 23:30 UTC on 31 December ends on 1 January in Seoul, but not in London.
    const lateDec = { key: '2026-12-24', endsAt: new Date('2026-12-31T23:30:00Z') };
    expect(isClosingRound('2026Q4', lateDec, 'Asia/Seoul')).toBe(true);
    expect(isClosingRound('2026Q4', lateDec, 'Europe/London')).toBe(false);
  });
});
