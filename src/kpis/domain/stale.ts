import { periodEnd, shiftPeriod } from './period.js';
import type { KpiSpec } from './types.js';

/** How many cadences without a reading make a KPI stale. */
export const STALE_AFTER_CADENCES = 1.5;

/**
 * The moment a KPI whose last reading is for `lastPeriod` becomes stale: the last reading was due when its
 * period ended; 1.5 cadences (the length of the following period) later, the next one is half a cadence late.
 */
export function staleAt(lastPeriod: string): Date {
  const due = periodEnd(lastPeriod).getTime();
  const next = periodEnd(shiftPeriod(lastPeriod, 1)).getTime();
  return new Date(due + STALE_AFTER_CADENCES * (next - due));
}

/** True when no reading has arrived for 1.5 cadences. A KPI that never had a reading is not stale. */
export function staleCheck(_spec: KpiSpec, lastPeriod: string | undefined, now: Date): boolean {
  if (lastPeriod === undefined) return false;
  return now.getTime() >= staleAt(lastPeriod).getTime();
}
