import { describe, expect, it } from 'vitest';
import { evaluateKpi } from '../../../src/kpis/domain/detect.js';
import { acknowledge, escalationsDue, oneWeekFrom, snooze } from '../../../src/kpis/domain/lifecycle.js';
import { periodEnd, shiftPeriod } from '../../../src/kpis/domain/period.js';
import { staleCheck } from '../../../src/kpis/domain/stale.js';
import type { AlertEvent, AlertState, KpiSpec, Reading, RuleName } from '../../../src/kpis/domain/types.js';

/** Weekly, higher is better: edge 85, threshold 75. */
const acceptance: KpiSpec = {
  key: 'offer_acceptance',
  direction: 'higher_is_better',
  cadence: 'weekly',
  range: [85, 100],
  alertThreshold: 75,
};
const monthly: KpiSpec = { ...acceptance, key: 'sla', cadence: 'monthly' };

/** A KPI whose readings arrive one per period; `add` evaluates a reading at the end of its period. */
function kpi(spec: KpiSpec) {
  const readings: Reading[] = [];
  let states: AlertState[] = [];
  return {
    add(value: number, now?: Date): AlertEvent[] {
      const period =
        readings.length === 0
          ? spec.cadence === 'weekly'
            ? '2026-W01'
            : '2026-01'
          : shiftPeriod(readings.at(-1)?.period as string, 1);
      readings.push({ period, value });
      const r = evaluateKpi({ spec, readings: [...readings], states, now: now ?? periodEnd(period) });
      states = r.states;
      return r.events;
    },
    tick(now: Date, escalateAfterDays?: number): AlertEvent[] {
      const r = evaluateKpi({
        spec,
        readings: [...readings],
        states,
        now,
        ...(escalateAfterDays === undefined ? {} : { escalateAfterDays }),
      });
      states = r.states;
      return r.events;
    },
    update(rule: RuleName, f: (s: AlertState) => AlertState) {
      states = states.map((s) => (s.rule === rule ? f(s) : s));
    },
    state: (rule: RuleName) => states.find((s) => s.rule === rule),
    lastEnd: () => periodEnd(readings.at(-1)?.period as string),
  };
}
/** Events as `kind:rule` (`!` when notified), leaving out the OKR-candidate offer of a 3rd bad reading. */
const kinds = (events: AlertEvent[]) =>
  events.filter((e) => e.rule !== 'okr_candidate').map((e) => `${e.kind}:${e.rule}${e.notify ? '!' : ''}`);

describe('acknowledge', () => {
  it('stops repeats until the alert resolves; a later breach is a new alert', () => {
    const k = kpi(acceptance);
    for (const v of [90, 90, 90, 84]) k.add(v);
    expect(kinds(k.add(84))).toEqual(['fire:out_of_range!']);
    expect(kinds(k.add(83))).toEqual(['repeat:out_of_range']);
    k.update('out_of_range', (s) => acknowledge(s, 'U123', new Date('2026-02-03T10:00:00Z')));
    expect(k.state('out_of_range')).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'U123' });
    expect(k.add(83)).toEqual([]);
    expect(k.add(84)).toEqual([]);
    expect(kinds(k.add(90))).toEqual(['resolve:out_of_range']);
    k.add(84);
    expect(kinds(k.add(84))).toEqual(['fire:out_of_range!']);
  });
});

describe('snooze', () => {
  it('until the next reading: the next breaching reading tells the owner again', () => {
    const k = kpi(acceptance);
    for (const v of [90, 90, 90, 84, 84]) k.add(v);
    k.update('out_of_range', (s) => snooze(s, 'next_reading', 'waiting for late offers', 'U1'));
    expect(k.state('out_of_range')).toMatchObject({
      status: 'snoozed',
      snoozedUntil: 'next_reading',
      snoozeReason: 'waiting for late offers',
    });
    const events = k.add(83);
    expect(kinds(events)).toEqual(['fire:out_of_range!']);
    expect(events[0]?.message).toMatch(/snooze ended/);
    expect(k.state('out_of_range')?.status).toBe('firing');
  });

  it('for a week: silent before it runs out, a reminder after', () => {
    const k = kpi(acceptance);
    for (const v of [90, 90, 90, 84, 84]) k.add(v);
    const snoozedAt = new Date(k.lastEnd().getTime() + 3_600_000);
    k.update('out_of_range', (s) => snooze(s, oneWeekFrom(snoozedAt), 'hiring freeze this week', 'U1'));
    expect(kinds(k.add(83))).toEqual([]); // the next reading lands 1 hour before the snooze ends
    expect(kinds(k.add(83))).toEqual(['fire:out_of_range!']);
  });

  it('needs a reason', () => {
    const state: AlertState = {
      rule: 'threshold',
      status: 'firing',
      severity: 'critical',
      since: '2026-W01',
      lastPeriod: '2026-W01',
      detail: '',
    };
    expect(() => snooze(state, 'next_reading', '  ', 'U1')).toThrow(/reason/);
  });

  it('still lets a recovery resolve the alert', () => {
    const k = kpi(acceptance);
    for (const v of [90, 90, 90, 84, 84]) k.add(v);
    k.update('out_of_range', (s) => snooze(s, oneWeekFrom(k.lastEnd()), 'known issue', 'U1'));
    expect(kinds(k.add(92))).toEqual(['resolve:out_of_range']);
  });
});

describe('stale data', () => {
  it('is due 1.5 cadences after the last reading was due', () => {
    // January's reading was due on 1 February; February has 28 days: stale from 15 March.
    expect(staleCheck(monthly, '2026-01', new Date('2026-03-14T23:59:59Z'))).toBe(false);
    expect(staleCheck(monthly, '2026-01', new Date('2026-03-15T00:00:00Z'))).toBe(true);
    // Week 10's reading was due Monday 9 March; 10.5 days later.
    expect(staleCheck(acceptance, '2026-W10', new Date('2026-03-19T11:59:00Z'))).toBe(false);
    expect(staleCheck(acceptance, '2026-W10', new Date('2026-03-19T12:00:00Z'))).toBe(true);
    expect(staleCheck(acceptance, undefined, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('alerts the owner once and hides value alerts until a fresh reading arrives', () => {
    const k = kpi(monthly);
    for (const v of [86, 86, 86]) k.add(v); // Jan–Mar
    const first = k.tick(new Date('2026-05-20T00:00:00Z'));
    expect(kinds(first)).toEqual(['stale:stale!']);
    expect(first[0]?.message).toMatch(/2026-04 reading is overdue/);
    expect(k.tick(new Date('2026-05-21T00:00:00Z'))).toEqual([]);
    // April's reading finally arrives in July, past the threshold: still stale, so no value alert.
    expect(k.add(74, new Date('2026-07-01T00:00:00Z'))).toEqual([]);
    expect(k.state('threshold')).toMatchObject({ status: 'firing', hiddenBy: 'stale' });
    // May's reading arrives the next day: no longer stale (May's is due until mid-July), the alert shows now.
    const fresh = k.add(74, new Date('2026-07-02T00:00:00Z'));
    expect(kinds(fresh).sort()).toEqual(['fire:threshold!', 'resolve:stale']);
  });
});

describe('escalation to the team channel', () => {
  it('escalates an unacknowledged critical once, after the set number of days', () => {
    const k = kpi(acceptance);
    for (const v of [86, 86, 86]) k.add(v);
    expect(kinds(k.add(74))).toEqual(['fire:threshold!']);
    const firedAt = k.lastEnd().getTime();
    const day = 86_400_000;
    expect(k.tick(new Date(firedAt + 2 * day), 3)).toEqual([]);
    const due = k.tick(new Date(firedAt + 3 * day), 3);
    expect(due.map((e) => `${e.kind}:${e.rule}:${e.target}`)).toEqual(['escalate:threshold:team_channel']);
    expect(due[0]?.notify).toBe(true);
    expect(k.state('threshold')?.escalated).toBe(true);
    expect(k.tick(new Date(firedAt + 5 * day), 3)).toEqual([]);
  });

  it('escalationsDue skips acknowledged, warning and already escalated alerts', () => {
    const base: AlertState = {
      rule: 'threshold',
      status: 'firing',
      severity: 'critical',
      since: '2026-W04',
      lastPeriod: '2026-W04',
      firstFiredAt: '2026-01-26T00:00:00.000Z',
      detail: '',
    };
    const now = new Date('2026-02-02T00:00:00Z');
    expect(escalationsDue([base], now, 3)).toHaveLength(1);
    expect(escalationsDue([base], now, 8)).toHaveLength(0);
    expect(escalationsDue([acknowledge(base, 'U1', now)], now, 3)).toHaveLength(0);
    expect(escalationsDue([{ ...base, escalated: true }], now, 3)).toHaveLength(0);
    expect(escalationsDue([{ ...base, rule: 'out_of_range', severity: 'warning' }], now, 3)).toHaveLength(0);
  });
});
