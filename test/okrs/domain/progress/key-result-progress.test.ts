import { describe, expect, it } from 'vitest';
import { keyResultProgress, noMovement } from '../../../../src/okrs/domain/progress/index.js';

describe('keyResultProgress', () => {
  it('measures the share of the way from baseline to target', () => {
    expect(keyResultProgress({ baseline: 3.3, target: 4.0, current: 3.65 })).toBeCloseTo(0.5);
    expect(keyResultProgress({ baseline: 0, target: 40, current: 16 })).toBeCloseTo(0.4);
  });

  it('works for a reduction (target below baseline): time-to-hire from 52 to 30 days', () => {
    expect(keyResultProgress({ baseline: 52, target: 30, current: 41 })).toBeCloseTo(0.5);
    expect(keyResultProgress({ baseline: 52, target: 30, current: 30 })).toBe(1);
    expect(keyResultProgress({ baseline: 52, target: 30, current: 60 })).toBe(0);
  });

  it('clamps overshoot and backsliding to 0..1', () => {
    expect(keyResultProgress({ baseline: 10, target: 20, current: 25 })).toBe(1);
    expect(keyResultProgress({ baseline: 10, target: 20, current: 5 })).toBe(0);
    expect(keyResultProgress({ baseline: 52, target: 30, current: 20 })).toBe(1);
  });

  it('is 0 without a value yet', () => {
    expect(keyResultProgress({ baseline: 10, target: 20, current: null })).toBe(0);
  });

  it('handles baseline equal to target without dividing by zero', () => {
    expect(keyResultProgress({ baseline: 85, target: 85, current: 85 })).toBe(1);
    expect(keyResultProgress({ baseline: 85, target: 85, current: 80 })).toBe(0);
    expect(keyResultProgress({ baseline: 85, target: 85, current: 90, direction: 'increase' })).toBe(1);
    expect(keyResultProgress({ baseline: 85, target: 85, current: 90, direction: 'decrease' })).toBe(0);
  });
});

describe('noMovement', () => {
  it('is true when the value did not change in the last N rounds', () => {
    expect(noMovement([10, 12, 12, 12, 12], 3)).toBe(true);
    expect(noMovement([10, 12, 12, 12], 3)).toBe(false);
    expect(noMovement([12, 12, 12, 13], 3)).toBe(false);
  });

  it('treats unanswered rounds as carrying the last value forward', () => {
    expect(noMovement([7, null, null, 7], 3)).toBe(true);
    expect(noMovement([7, 8, null, null, null], 3)).toBe(true);
    expect(noMovement([7, null, null, 9], 3)).toBe(false);
  });

  it('says nothing without enough history or a starting value', () => {
    expect(noMovement([5, 5], 3)).toBe(false);
    expect(noMovement([null, null, null, 4], 3)).toBe(false);
    expect(noMovement([null, null, null, null], 3)).toBe(false);
  });

  it('rejects a non-positive window', () => {
    expect(() => noMovement([1, 1], 0)).toThrow(RangeError);
  });
});
