// The post-OKR regression watch: from the close, for the next two quarters ("watched for the next two
// quarters; its owner hears if more than half of the gain is lost"), then no longer.
import { describe, expect, it } from 'vitest';
import { evaluateKpi } from '../../../src/kpis/domain/detect.js';
import { periodEnd, shiftPeriod } from '../../../src/kpis/domain/period.js';
import type { AlertEvent, AlertState, ClosedOkr, KpiSpec, Reading } from '../../../src/kpis/domain/types.js';

/** Monthly, lower is better, a range wide enough that only the post-OKR rule speaks. */
const timeToHire: KpiSpec = {
  key: 'time-to-hire',
  name: 'Time to hire',
  direction: 'lower_is_better',
  cadence: 'monthly',
  range: [28, 45],
  alertThreshold: 55,
};
/** Weekly, higher is better. */
const acceptance: KpiSpec = {
  key: 'offer-acceptance',
  direction: 'higher_is_better',
  cadence: 'weekly',
  range: [60, 100],
  alertThreshold: 50,
};

/** The regression events of each reading, by period, readings fed one per period from `start`. */
function regressionEvents(
  spec: KpiSpec,
  start: string,
  values: number[],
  closedOkr: ClosedOkr,
): Map<string, AlertEvent[]> {
  const readings: Reading[] = [];
  let states: AlertState[] = [];
  const out = new Map<string, AlertEvent[]>();
  let period = start;
  for (const value of values) {
    readings.push({ period, value });
    const r = evaluateKpi({ spec, readings: [...readings], states, now: periodEnd(period), closedOkr });
    states = JSON.parse(JSON.stringify(r.states)) as AlertState[];
    out.set(
      period,
      r.events.filter((e) => e.rule === 'regression'),
    );
    period = shiftPeriod(period, 1);
  }
  return out;
}

const kinds = (events: AlertEvent[] | undefined) => (events ?? []).map((e) => `${e.kind}:${e.notify}`);
/** Where the post-OKR alert fired (it may fold into a drop alert of the same reading for the notification). */
const firedPeriods = (m: Map<string, AlertEvent[]>) =>
  [...m].filter(([, evs]) => evs.some((e) => e.kind === 'fire')).map(([p]) => p);

describe('the post-OKR watch lasts two quarters from the close', () => {
  // Closed on 2026-12-31 (2026Q4): 52 → 34 days. Watched 2027-01 … 2027-06.
  const okr: ClosedOkr = { baseline: 52, endValue: 34, closedPeriod: '2026-12-31' };
  const before = [44, 40, 36, 34]; // 2026-09 … 2026-12

  it('tells the owner when more than half the gain is lost inside the watch (the 5th and 6th month)', () => {
    const held = [34, 35, 34, 35]; // 2027-01 … 2027-04
    const lost = [45, 45]; // 2027-05, 2027-06: 11 of the 18 days gained are lost
    const events = regressionEvents(timeToHire, '2026-09', [...before, ...held, ...lost], okr);
    expect(firedPeriods(events)).toEqual(['2027-06']);
    expect(events.get('2027-06')?.[0]?.message).toMatch(/did not stick/);
  });

  it('says nothing about the same loss in the third quarter after the close', () => {
    const held = [34, 35, 34, 35, 34, 35]; // 2027-01 … 2027-06
    const lost = [45, 45, 46, 45]; // 2027-07 … 2027-10
    const events = regressionEvents(timeToHire, '2026-09', [...before, ...held, ...lost], okr);
    expect([...events.values()].flat()).toEqual([]);
  });

  it('resolves an open post-OKR alert quietly once the watch is over', () => {
    const held = [34, 35, 34, 35]; // 2027-01 … 2027-04
    const lost = [45, 45, 45, 45]; // 2027-05 … 2027-08
    const events = regressionEvents(timeToHire, '2026-09', [...before, ...held, ...lost], okr);
    expect(firedPeriods(events)).toEqual(['2027-06']);
    expect(kinds(events.get('2027-07'))).toEqual(['resolve:false']);
    expect(events.get('2027-08')).toEqual([]);
  });

  it('watches a weekly KPI for 26 weeks after the closing week', () => {
    // Closed in 2026-W52: 70% → 90%. Watched 2026-W53 … 2027-W25.
    const weekly: ClosedOkr = { baseline: 70, endValue: 90, closedPeriod: '2026-W52' };
    const hold = Array(26).fill(90) as number[];
    const late = regressionEvents(acceptance, '2026-W49', [88, 89, 90, 90, ...hold, 75, 75, 74], weekly);
    expect([...late.values()].flat()).toEqual([]);
    const early = regressionEvents(
      acceptance,
      '2026-W49',
      [88, 89, 90, 90, ...hold.slice(2), 75, 75],
      weekly,
    );
    expect(firedPeriods(early)).toEqual(['2027-W25']);
  });
});
