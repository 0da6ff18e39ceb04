import { describe, expect, it } from 'vitest';
import { okrCandidateDraft } from '../../../src/kpis/domain/okr-candidate-draft.js';
import { sparkline } from '../../../src/kpis/domain/sparkline.js';
import { cusumWorse, ewma, mad, median, robustZ } from '../../../src/kpis/domain/stats.js';

describe('robust statistics', () => {
  it('median and MAD ignore one outlier', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(mad([10, 11, 9, 10, 1000])).toBe(1);
  });

  it('robust z uses the floor on a flat series instead of dividing by zero', () => {
    const flat = Array(12).fill(100);
    expect(robustZ(99, flat, 1)).toBeCloseTo(-0.6745);
    expect(Number.isFinite(robustZ(99, flat, 0))).toBe(true);
    expect(robustZ(80, [100, 101, 99, 100, 102, 98, 100], 0.5)).toBeLessThan(-3.5);
  });

  it('one-sided CUSUM accumulates a drift toward worse, not toward better', () => {
    const drifting = [100, 99, 98, 97, 96, 95];
    const worse = cusumWorse(drifting, 100, 1, 1, 0.5);
    expect(worse.at(-1)).toBeGreaterThan(4);
    expect(cusumWorse(drifting, 100, 1, -1, 0.5).at(-1)).toBe(0); // lower is better: falling is good
    expect(cusumWorse([100, 101, 99, 100], 100, 1, 1, 0.5).every((s) => s < 1)).toBe(true);
  });

  it('EWMA moves a fraction lambda toward each value', () => {
    expect(ewma([10, 10], 0.5, 0)).toEqual([5, 7.5]);
  });
});

describe('sparkline', () => {
  it('maps min to ▁ and max to █', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([0, 10])).toBe('▁█');
  });
  it('draws mid bars for a flat series and nothing for no data', () => {
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });
});

describe('okrCandidateDraft', () => {
  it('reduces a lower-is-better KPI and increases a higher-is-better one', () => {
    const spec = { key: 'tth', name: 'time to hire', cadence: 'monthly', alertThreshold: 55 } as const;
    expect(
      okrCandidateDraft({ ...spec, direction: 'lower_is_better', range: [28, 45] }, 52, '2026-06-30'),
    ).toBe('Reduce time to hire from 52 to 28–45 by 2026-06-30');
    expect(
      okrCandidateDraft(
        {
          key: 'acc',
          direction: 'higher_is_better',
          cadence: 'weekly',
          range: [85, 100],
          alertThreshold: 75,
          unit: '%',
        },
        78.456,
        '2026-09-30',
      ),
    ).toBe('Increase acc from 78.46% to 85–100% by 2026-09-30');
  });
});
