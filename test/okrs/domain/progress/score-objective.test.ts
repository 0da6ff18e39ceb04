import { describe, expect, it } from 'vitest';
import { parseConfidence, progressBar, scoreObjective } from '../../../../src/okrs/domain/progress/index.js';

describe('progressBar', () => {
  it('draws a ten-cell bar with a percentage', () => {
    expect(progressBar(0.4)).toBe('▓▓▓▓░░░░░░ 40%');
    expect(progressBar(0)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar(1)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(0.7)).toBe('▓▓▓▓▓▓▓░░░ 70%');
  });

  it('never shows done for a key result that is not', () => {
    expect(progressBar(0.999)).toBe('▓▓▓▓▓▓▓▓▓░ 99%');
  });

  it('honours width and clamps bad input', () => {
    expect(progressBar(0.5, 4)).toBe('▓▓░░ 50%');
    expect(progressBar(1.7)).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
    expect(progressBar(-1)).toBe('░░░░░░░░░░ 0%');
    expect(progressBar(Number.NaN)).toBe('░░░░░░░░░░ 0%');
    expect(() => progressBar(0.5, 0)).toThrow(RangeError);
  });
});

describe('scoreObjective', () => {
  it('committed: 1.0 is expected, anything less needs an explanation', () => {
    expect(scoreObjective('committed', [1, 1])).toMatchObject({ score: 1, needsExplanation: false });
    const short = scoreObjective('committed', [1, 0.8]);
    expect(short).toMatchObject({ score: 0.9, needsExplanation: true });
    expect(short.judgement).toMatch(/explanation/);
  });

  it('aspirational: about 0.7 is success and a miss is learning', () => {
    const hit = scoreObjective('aspirational', [0.6, 0.8, 0.7]);
    expect(hit.score).toBe(0.7);
    expect(hit.judgement).toMatch(/success/);
    expect(hit.needsExplanation).toBe(false);
    const miss = scoreObjective('aspirational', [0.2, 0.4]);
    expect(miss.judgement).toMatch(/learn/);
    expect(miss.needsExplanation).toBe(false);
    expect(scoreObjective('aspirational', [1, 1]).judgement).toMatch(/aim higher/);
  });

  it('cross-team: a shared result, not one team’s score', () => {
    const res = scoreObjective('cross-team', [0.5, 0.5]);
    expect(res).toMatchObject({ score: 0.5, needsExplanation: false });
    expect(res.judgement).toMatch(/shared/);
  });

  it('clamps key-result progress and handles no key results', () => {
    expect(scoreObjective('committed', [1.5, 0.5]).score).toBe(0.75);
    expect(scoreObjective('committed', [])).toMatchObject({ score: 0, needsExplanation: false });
  });
});

describe('parseConfidence', () => {
  it('reads the three levels in common spellings', () => {
    expect(parseConfidence('On track')).toBe('on_track');
    expect(parseConfidence('at-risk')).toBe('at_risk');
    expect(parseConfidence('off_track')).toBe('off_track');
    expect(parseConfidence('fine')).toBeUndefined();
  });
});
