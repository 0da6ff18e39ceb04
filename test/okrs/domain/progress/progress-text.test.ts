import { describe, expect, it } from 'vitest';
import {
  formatCount,
  progressLineOf,
  progressText,
  unitFor,
} from '../../../../src/okrs/domain/progress/index.js';

describe('units read right for their number', () => {
  it.each([
    [1, 'launches', 'launch'],
    [2, 'launches', 'launches'],
    [1, 'days', 'day'],
    [0.5, 'days', 'days'],
    [0, 'days', 'days'],
    [-1, 'points', 'point'],
    [1, 'stories', 'story'],
    [3, 'story', 'stories'],
    [1, 'new hires', 'new hire'],
    [12, 'hire', 'hires'],
    [1, 'people', 'person'],
    [4, 'person', 'people'],
    [1, '%', '%'],
    [1, 'NPS', 'NPS'],
    [5, 'revenue', 'revenue'],
    [1, 'bonus', 'bonus'],
  ])('%d %s → %s', (value, unit, expected) => {
    expect(unitFor(value, unit)).toBe(expected);
  });

  it('formats the number with it', () => {
    expect(formatCount(1, 'launches')).toBe('1 launch');
    expect(formatCount(1200, 'launches')).toBe('1,200 launches');
    expect(formatCount(88, '%')).toBe('88%');
    expect(formatCount(null, 'days')).toBe('–');
  });
});

describe('progress reads baseline → current → target, with the words', () => {
  const tth = { baseline: 52, current: 41, target: 30, unit: 'days', direction: 'lower_is_better' as const };

  it('from 52 → now 41 → target 30 days', () => {
    expect(progressText(tth)).toBe('from 52 → now 41 → target 30 days');
    expect(progressText(tth, { strong: true })).toBe('from 52 → now *41* → target 30 days');
    expect(progressText(tth, { current: 50 })).toBe('from 52 → now 50 → target 30 days');
    expect(progressText({ ...tth, unit: 'launches', baseline: 0, target: 1, current: 0 })).toBe(
      'from 0 → now 0 → target 1 launch',
    );
  });

  it('percentages on every number; missing baseline, target or value', () => {
    expect(progressText({ baseline: 72, current: 76, target: 88, unit: '%' })).toBe(
      'from 72% → now 76% → target 88%',
    );
    expect(progressText({ ...tth, baseline: null })).toBe('now 41 → target 30 days');
    expect(progressText({ ...tth, target: null })).toBe('from 52 → now 41 days');
    expect(progressText({ ...tth, current: null })).toBe('from 52 → now – → target 30 days');
  });

  it('the line carries the bar when there is a baseline and a target', () => {
    expect(progressLineOf(tth, { strong: true })).toBe(
      'from 52 → now *41* → target 30 days   `▓▓▓▓▓░░░░░ 50%`',
    );
    expect(progressLineOf({ ...tth, baseline: null })).toBe('now 41 → target 30 days');
  });
});
