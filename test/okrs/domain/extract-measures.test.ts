import { describe, expect, it } from 'vitest';
import { extractMeasures, hasAnyNumber } from '../../../src/okrs/domain/extract-measures.js';

describe('reading baseline, target and unit from a key result', () => {
  it.each([
    ['Reduce engineering time-to-hire from 52 to 30 days by end of Q4', 52, 30, 'days'],
    ['Raise offer acceptance from 72% to 88% by end of Q4', 72, 88, '%'],
    ['Increase manager effectiveness scores from 3.3 to 4.0', 3.3, 4, null],
    ['Grow weekly active users from 1,200 to 2,500 by Dec 31', 1200, 2500, null],
    ['Cut p95 latency 820 ms → 300 ms', 820, 300, 'ms'],
    ['채용 리드타임을 52일에서 30일로 단축', 52, 30, '일'],
    ['Lift 90-day retention of new hires from 78% to 90% by end of Q4', 78, 90, '%'],
  ])('%s', (text, baseline, target, unit) => {
    expect(extractMeasures(text)).toEqual({ baseline, target, unit });
  });

  it('takes a lone target without inventing a baseline', () => {
    expect(extractMeasures('Bring monthly churn down to 2% by Q3')).toEqual({
      baseline: null,
      target: 2,
      unit: '%',
    });
  });

  it('finds nothing in words alone', () => {
    expect(extractMeasures('Improve onboarding')).toEqual({ baseline: null, target: null, unit: null });
    expect(hasAnyNumber('Improve onboarding')).toBe(false);
    expect(hasAnyNumber('Hire ２０ engineers')).toBe(true);
  });
});
