import { describe, expect, it } from 'vitest';
import {
  ASPIRATIONAL_RULE,
  carryOverText,
  defaultQuarterToClose,
  formatScore,
  gradeObjective,
  movementOf,
  quarterBounds,
  quarterPhase,
  recurringBlockers,
  scoreKeyResult,
} from '../../../src/okrs/domain/index.js';
import { closeReminderQuarter } from '../../../src/okrs/jobs.js';

describe('scoreKeyResult', () => {
  it('higher is better: under, exact and over-achievement', () => {
    expect(scoreKeyResult({ baseline: 3.3, target: 4.0, final: 3.65 })).toMatchObject({
      score: 0.5,
      source: 'measured',
    });
    expect(scoreKeyResult({ baseline: 40, target: 70, final: 70 })).toMatchObject({
      score: 1,
      achievement: 1,
    });
    const over = scoreKeyResult({ baseline: 40, target: 70, final: 76 });
    expect(over).toMatchObject({ score: 1, achievement: 1.2 });
    expect(formatScore(over.score, over.achievement)).toBe('1.0 (120%)');
  });

  it('lower is better: reduce time-to-hire from 52 to 30 days', () => {
    expect(scoreKeyResult({ baseline: 52, target: 30, final: 41, direction: 'lower_is_better' }).score).toBe(
      0.5,
    );
    const over = scoreKeyResult({ baseline: 52, target: 30, final: 25.6 });
    expect(over).toMatchObject({ score: 1, achievement: 1.2 });
    const worse = scoreKeyResult({ baseline: 52, target: 30, final: 54.2 });
    expect(worse).toMatchObject({ score: 0, achievement: -0.1 });
    expect(formatScore(worse.score, worse.achievement)).toBe('0.0 (−10%)');
  });

  it('holding a level honours the direction', () => {
    expect(scoreKeyResult({ baseline: 85, target: 85, final: 90, direction: 'higher_is_better' }).score).toBe(
      1,
    );
    expect(scoreKeyResult({ baseline: 85, target: 85, final: 80, direction: 'higher_is_better' }).score).toBe(
      0,
    );
    expect(scoreKeyResult({ baseline: 30, target: 30, final: 28, direction: 'lower_is_better' }).score).toBe(
      1,
    );
  });

  it('without baseline or target: the closing check-in score, else not scored', () => {
    expect(scoreKeyResult({ baseline: null, target: 1, final: 1, closingScore: 0.6 })).toEqual({
      score: 0.6,
      achievement: 0.6,
      source: 'closing_checkin',
    });
    const none = scoreKeyResult({ baseline: null, target: null, final: null });
    expect(none).toEqual({ score: null, achievement: null, source: 'not_scored' });
    expect(formatScore(none.score)).toBe('not scored');
  });

  it('formats scores with one decimal, two when they matter', () => {
    expect(formatScore(0.7)).toBe('0.7');
    expect(formatScore(0.68)).toBe('0.68');
    expect(formatScore(1)).toBe('1.0');
  });

  it('tells what moved', () => {
    expect(movementOf({ baseline: 52, target: 30, final: 41 })).toBe('toward');
    expect(movementOf({ baseline: 52, target: 30, final: 55 })).toBe('away');
    expect(movementOf({ baseline: 52, target: 30, final: 52 })).toBe('none');
    expect(movementOf({ baseline: null, target: 30, final: 41 })).toBe('unknown');
  });
});

describe('gradeObjective', () => {
  it('committed: 1.0 expected; a shortfall is flagged for a reflection', () => {
    expect(gradeObjective('committed', [1, 1])).toMatchObject({
      score: 1,
      verdict: 'delivered',
      needsReflection: false,
      unfinished: false,
    });
    const short = gradeObjective('committed', [1, 0.6]);
    expect(short).toMatchObject({
      score: 0.8,
      verdict: 'shortfall',
      needsReflection: true,
      unfinished: true,
    });
  });

  it('aspirational: 0.7 and up is success, in those words', () => {
    const hit = gradeObjective('aspirational', [0.6, 0.8]);
    expect(hit).toMatchObject({ score: 0.7, verdict: 'success', needsReflection: false, unfinished: false });
    expect(hit.verdictText).toContain('0.7 or more is success for an aspirational OKR');
    const miss = gradeObjective('aspirational', [0.5, 0.6]);
    expect(miss).toMatchObject({ verdict: 'learning', needsReflection: false, unfinished: true });
    expect(miss.verdictText).toContain(ASPIRATIONAL_RULE);
  });

  it('cross-team: a shared result with no single scorer', () => {
    const g = gradeObjective('cross-team', [0.5, 1]);
    expect(g).toMatchObject({ score: 0.75, verdict: 'shared', needsReflection: false, unfinished: true });
    expect(g.verdictText).toMatch(/shared/);
  });

  it('leaves unscored key results out of the mean; none scored is "not scored"', () => {
    expect(gradeObjective('committed', [1, null])).toMatchObject({
      score: 1,
      notScored: 1,
      verdict: 'delivered',
    });
    expect(gradeObjective('aspirational', [null])).toMatchObject({
      score: null,
      verdict: 'not_scored',
      unfinished: true,
    });
  });
});

describe('quarters in a time zone', () => {
  it('runs from the first to the last day in the given zone', () => {
    const { start, end } = quarterBounds({ year: 2026, q: 4 }, 'Asia/Seoul');
    expect(start.toISOString()).toBe('2026-09-30T15:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it('closes the quarter that ended last by default', () => {
    expect(defaultQuarterToClose(new Date('2027-01-02T00:00:00Z'), 'UTC')).toBe('2026Q4');
    // 2026-12-31T16:00Z is already 2027-01-01 in Seoul.
    expect(defaultQuarterToClose(new Date('2026-12-31T16:00:00Z'), 'Asia/Seoul')).toBe('2026Q4');
    expect(defaultQuarterToClose(new Date('2026-12-31T16:00:00Z'), 'UTC')).toBe('2026Q3');
  });

  it('tells planned, active and ended quarters apart', () => {
    const now = new Date('2026-11-23T00:00:00Z');
    expect(quarterPhase({ year: 2027, q: 1 }, now)).toBe('planned');
    expect(quarterPhase({ year: 2026, q: 4 }, now)).toBe('active');
    expect(quarterPhase({ year: 2026, q: 3 }, now)).toBe('ended');
  });

  it('reminds leads from 09:00 the day after the quarter ends, for a week', () => {
    expect(closeReminderQuarter(new Date('2026-12-31T12:00:00Z'), 'UTC')).toBeUndefined();
    expect(closeReminderQuarter(new Date('2027-01-01T08:59:00Z'), 'UTC')).toBeUndefined();
    expect(closeReminderQuarter(new Date('2027-01-01T09:00:00Z'), 'UTC')).toBe('2026Q4');
    expect(closeReminderQuarter(new Date('2027-01-01T00:30:00Z'), 'Asia/Seoul')).toBe('2026Q4');
    expect(closeReminderQuarter(new Date('2027-01-08T09:00:00Z'), 'UTC')).toBeUndefined();
  });
});

describe('carry-over wording', () => {
  it('starts where the quarter ended and moves the deadline', () => {
    expect(
      carryOverText('Reduce engineering time-to-hire from 52 to 30 days by end of Q4', {
        final: 41,
        target: 30,
        endDate: '2027-03-31',
      }),
    ).toBe('Reduce engineering time-to-hire from 41 to 30 days by 2027-03-31');
    expect(
      carryOverText('Raise offer acceptance from 70% to 85% by 2026-12-31', {
        final: 78.5,
        target: 85,
        endDate: '2027-03-31',
      }),
    ).toBe('Raise offer acceptance from 78.5% to 85% by 2027-03-31');
  });

  it('keeps wording without a from–to and adds the deadline', () => {
    expect(
      carryOverText('Launch the careers page', { final: null, target: null, endDate: '2027-03-31' }),
    ).toBe('Launch the careers page by 2027-03-31');
  });
});

describe('recurringBlockers', () => {
  it('keeps key results blocked in two or more rounds, latest first', () => {
    const out = recurringBlockers([
      { keyResultId: 'kr1', roundKey: '2026-10-05', blockers: 'No sourcer' },
      { keyResultId: 'kr1', roundKey: '2026-10-12', blockers: 'none' },
      { keyResultId: 'kr1', roundKey: '2026-10-19', blockers: 'no sourcer ' },
      { keyResultId: 'kr1', roundKey: '2026-10-26', blockers: 'Budget freeze' },
      { keyResultId: 'kr2', roundKey: '2026-10-05', blockers: 'Once only' },
    ]);
    expect(out).toEqual([{ keyResultId: 'kr1', rounds: 3, blockers: ['Budget freeze', 'no sourcer'] }]);
  });
});
