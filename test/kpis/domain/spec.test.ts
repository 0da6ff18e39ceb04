import { describe, expect, it } from 'vitest';
import { validateKpiSpec } from '../../../src/kpis/domain/spec.js';
import type { KpiSpec } from '../../../src/kpis/domain/types.js';

const timeToHire: KpiSpec = {
  key: 'time_to_hire',
  direction: 'lower_is_better',
  cadence: 'monthly',
  range: [28, 45],
  alertThreshold: 55,
  aspirational: 30,
};
const acceptance: KpiSpec = {
  key: 'offer_acceptance',
  direction: 'higher_is_better',
  cadence: 'weekly',
  range: [85, 100],
  alertThreshold: 75,
};

describe('validateKpiSpec', () => {
  it('accepts well-formed KPIs in both directions', () => {
    expect(validateKpiSpec(timeToHire)).toEqual([]);
    expect(validateKpiSpec(acceptance)).toEqual([]);
  });

  it('wants the threshold on the bad side of the range for the direction', () => {
    expect(validateKpiSpec({ ...timeToHire, alertThreshold: 25 }).join()).toMatch(/above the range/);
    expect(validateKpiSpec({ ...acceptance, alertThreshold: 90 }).join()).toMatch(/below the range/);
    expect(validateKpiSpec({ ...acceptance, alertThreshold: 85 })).toHaveLength(1);
  });

  it('wants an ordered range, a key, known enums and an aspirational target that is not worse than the range', () => {
    expect(validateKpiSpec({ ...timeToHire, range: [45, 28] }).join()).toMatch(/lo < hi/);
    expect(validateKpiSpec({ ...timeToHire, key: ' ' }).join()).toMatch(/key/);
    expect(validateKpiSpec({ ...timeToHire, aspirational: 50 }).join()).toMatch(/aspirational/);
    expect(validateKpiSpec({ ...timeToHire, cadence: 'daily' as never }).join()).toMatch(/cadence/);
    expect(validateKpiSpec({ ...timeToHire, range: [Number.NaN, 3] }).join()).toMatch(/finite/);
  });
});
