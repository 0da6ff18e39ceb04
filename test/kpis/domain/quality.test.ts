import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildHrSuite,
  buildSuite,
  evaluateKpiOld,
  HR_SEED,
  type HrFigures,
  SUITE_SEED,
  type SuiteScore,
  scoreHr,
  scoreSuite,
} from '../../bench/kpi-detector.bench.js';

// Smaller runs of the benchmark's seeded suites (test/bench/kpi-detector.bench.ts): a change that makes the
// detector noisier or slower to catch a worsening fails here.
describe('detector quality on the HR-like suite (owners’ ranges from benchmarks)', () => {
  let score: Record<string, HrFigures>;
  beforeAll(() => {
    score = scoreHr(buildHrSuite(HR_SEED, 20));
  });
  const all = () => score.all as HrFigures;

  it('brings a 20% worsening to the owner within 2 readings, also when it stays inside a wide range', () => {
    expect(all().step20).toBeGreaterThanOrEqual(0.97);
    expect((score['* wide *'] as HrFigures).step20).toBeGreaterThanOrEqual(0.95);
    expect(all().step30).toBeGreaterThanOrEqual(0.99);
  });

  it('stays within the false-alert budget on quiet series and does not flap at the range edge', () => {
    expect(all().quietYears).toBeGreaterThan(500);
    expect(all().falsePerYear).toBeLessThanOrEqual(0.5);
    expect(all().edgePer24).toBeLessThanOrEqual(2);
  });

  it('pages a one-reading spike at once without re-paging after it, and offers the OKR at the third period', () => {
    expect(all().spike).toBeGreaterThanOrEqual(0.97);
    expect(all().spikeRepage).toBeLessThanOrEqual(0.05);
    expect(all().okrAtThird).toBeGreaterThanOrEqual(0.99);
  });

  it('does better than the old detector on a worsening inside a wide range', () => {
    const old = scoreHr(buildHrSuite(HR_SEED, 5), evaluateKpiOld)['* wide *'] as HrFigures;
    const now = scoreHr(buildHrSuite(HR_SEED, 5))['* wide *'] as HrFigures;
    expect(now.step20).toBeGreaterThan(old.step20);
  });
});

describe('detector quality on the legacy synthetic suite (bands from noise)', () => {
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
