import { beforeAll, describe, expect, it } from 'vitest';
import { buildSuite, SUITE_SEED, type SuiteScore, scoreSuite } from '../../bench/kpi-detector.bench.js';

// The first 2000 + 200 series of the benchmark's seeded synthetic suite (test/bench/kpi-detector.bench.ts runs
// 4000 + 600): a change that makes the detector noisier or slower to catch a 20% step fails here.
describe('detector quality on the synthetic suite', () => {
  let score: SuiteScore;
  beforeAll(() => {
    score = scoreSuite(buildSuite(SUITE_SEED, 2000, 200));
  });

  it('sends at most 1 false alert per KPI-year on event-free series', () => {
    expect(score.eventFreeSeries).toBeGreaterThan(800);
    expect(score.falsePerYear.weekly).toBeLessThanOrEqual(1);
    expect(score.falsePerYear.monthly).toBeLessThanOrEqual(1);
    expect(score.regression.falsePerYear).toBeLessThanOrEqual(1);
  });

  it('catches at least 90% of 20% steps within 2 readings', () => {
    expect(score.step.step20.n).toBeGreaterThan(150);
    expect(score.step.step20.within2).toBeGreaterThanOrEqual(0.9);
  });
});
