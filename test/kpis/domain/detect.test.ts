import { describe, expect, it } from 'vitest';
import { evaluateKpi } from '../../../src/kpis/domain/detect.js';
import { periodEnd, shiftPeriod } from '../../../src/kpis/domain/period.js';
import type {
  AlertEvent,
  AlertState,
  ClosedOkr,
  EvaluationInput,
  KpiSpec,
  Reading,
} from '../../../src/kpis/domain/types.js';

/** Monthly, lower is better: edge 45, threshold 55, band width 17 (recovery margin 4.25). */
const timeToHire: KpiSpec = {
  key: 'time_to_hire',
  name: 'Time to hire',
  direction: 'lower_is_better',
  cadence: 'monthly',
  range: [28, 45],
  alertThreshold: 55,
  responseProtocol: 'Review the open requisitions with the recruiters.',
};

/** Weekly, higher is better: edge 85, threshold 75, band width 15 (recovery margin 3.75). */
const acceptance: KpiSpec = {
  key: 'offer_acceptance',
  direction: 'higher_is_better',
  cadence: 'weekly',
  range: [85, 100],
  alertThreshold: 75,
};

interface Step {
  period: string;
  events: AlertEvent[];
}

interface Run {
  steps: Step[];
  states: AlertState[];
  readings: Reading[];
}

type Extra = Partial<Omit<EvaluationInput, 'spec' | 'readings' | 'states' | 'now'>>;

/** Feeds values one per period, each evaluated when its period ends; states go through JSON like in the DB. */
function feed(spec: KpiSpec, values: number[], from?: Run, extra: Extra = {}): Run {
  const start = spec.cadence === 'monthly' ? '2026-01' : '2026-W01';
  const readings = [...(from?.readings ?? [])];
  let states = from?.states ?? [];
  const steps: Step[] = [...(from?.steps ?? [])];
  for (const value of values) {
    const last = readings.at(-1);
    const period = last ? shiftPeriod(last.period, 1) : start;
    readings.push({ period, value });
    const r = evaluateKpi({ spec, readings: [...readings], states, now: periodEnd(period), ...extra });
    states = JSON.parse(JSON.stringify(r.states)) as AlertState[];
    steps.push({ period, events: r.events });
  }
  return { steps, states, readings };
}

const notified = (s: Step | undefined) => (s?.events ?? []).filter((e) => e.notify).map((e) => e.rule);
const kinds = (s: Step | undefined) => (s?.events ?? []).map((e) => `${e.kind}:${e.rule}`);

describe('business bounds and persistence', () => {
  it('says nothing about a single healthy reading, and pages a single critical one at once', () => {
    const healthy = feed(acceptance, [90]);
    expect(healthy.steps[0]?.events).toEqual([]);
    expect(healthy.states).toEqual([]);
    const critical = feed(acceptance, [70]);
    expect(notified(critical.steps[0])).toEqual(['threshold']);
    const ev = critical.steps[0]?.events[0];
    expect(ev?.severity).toBe('critical');
    expect(ev?.message).toMatch(/alert threshold/);
    expect(ev?.message).toMatch(/\[business bounds/);
  });

  it('keeps a warning pending for one reading and fires it on the second (higher is better)', () => {
    const run = feed(acceptance, [90, 90, 90, 84, 83]);
    expect(kinds(run.steps[3])).toEqual(['pending:out_of_range']);
    expect(notified(run.steps[3])).toEqual([]);
    expect(notified(run.steps[4])).toEqual(['out_of_range']);
    expect(run.steps[4]?.events[0]?.severity).toBe('warning');
  });

  it('does the same for lower is better, and quotes the response protocol', () => {
    const run = feed(timeToHire, [42, 42, 42, 47, 48]);
    expect(kinds(run.steps[3])).toEqual(['pending:out_of_range']);
    expect(notified(run.steps[4])).toEqual(['out_of_range']);
    expect(run.steps[4]?.events[0]?.message).toMatch(/Response protocol: Review the open requisitions/);
  });

  it('drops a pending warning quietly when the next reading is back in range', () => {
    const run = feed(acceptance, [90, 90, 90, 84, 90, 84]);
    expect(run.steps.flatMap((s) => notified(s))).toEqual([]);
    expect(kinds(run.steps[5])).toEqual(['pending:out_of_range']);
  });

  it('pages a 20% fall against the median of the last 3 readings, in both directions', () => {
    const up = feed(acceptance, [95, 96, 95, 75.5]); // 21% below 95, still above the threshold
    expect(notified(up.steps[3])).toEqual(['drop_20']);
    expect(up.steps[3]?.events.find((e) => e.rule === 'drop_20')?.severity).toBe('critical');
    const down = feed(timeToHire, [40, 41, 40, 49]); // 22.5% above 40, below the threshold
    expect(notified(down.steps[3])).toEqual(['drop_20']);
  });

  it('needs 3 earlier readings for a baseline, and ignores 20% moves in the better half of the band', () => {
    const early = feed(acceptance, [95, 95, 75.5]);
    expect(notified(early.steps[2])).toEqual([]);
    const incidents: KpiSpec = { ...timeToHire, key: 'incidents', range: [0, 10], alertThreshold: 12 };
    const small = feed(incidents, [1, 1, 1, 2]);
    expect(small.steps[3]?.events).toEqual([]);
  });
});

describe('hysteresis', () => {
  it('does not flap on a value oscillating at the edge of the range', () => {
    const run = feed(acceptance, [90, 90, 90, 84, 84, 86, 84, 86, 84, 86, 84, 90]);
    const toggles = run.steps.flatMap((s) =>
      s.events.filter((e) => e.rule === 'out_of_range' && (e.kind === 'fire' || e.kind === 'resolve')),
    );
    expect(toggles.map((e) => `${e.kind}@${e.period}`)).toEqual(['fire@2026-W05', 'resolve@2026-W12']);
    // 86 is back inside the range but not by the margin: the alert stays open, and 84 repeats it.
    expect(kinds(run.steps[5])).not.toContain('resolve:out_of_range');
    expect(kinds(run.steps[6])).toContain('repeat:out_of_range');
  });

  it('keeps a critical open until the KPI is healthy again, so it does not re-page around the threshold', () => {
    const run = feed(acceptance, [90, 90, 90, 70, 80, 72, 80, 74, 90]);
    const pages = run.steps.flatMap((s) => notified(s)).filter((r) => r !== 'okr_candidate');
    expect(pages).toEqual(['threshold']);
    expect(kinds(run.steps[8])).toContain('resolve:threshold');
  });
});

describe('OKR candidate', () => {
  it('is offered at the third consecutive bad period, not before, with a draft key result', () => {
    const run = feed(timeToHire, [40, 40, 40, 46, 47, 48]);
    expect(run.steps.slice(0, 5).flatMap((s) => s.events.map((e) => e.rule))).not.toContain('okr_candidate');
    const offer = run.steps[5]?.events.find((e) => e.rule === 'okr_candidate');
    expect(offer?.notify).toBe(true);
    expect(offer?.draft).toBe('Reduce Time to hire from 48 to 28–45 by 2026-09-30');
  });

  it('says Increase for a higher-is-better KPI', () => {
    const run = feed(acceptance, [90, 90, 90, 84, 83, 82]);
    const offer = run.steps[5]?.events.find((e) => e.rule === 'okr_candidate');
    expect(offer?.draft).toBe('Increase offer_acceptance from 82 to 85–100 by 2026-06-30');
  });

  it('needs consecutive periods: a missing period breaks the run', () => {
    const readings: Reading[] = [
      { period: '2026-01', value: 40 },
      { period: '2026-02', value: 40 },
      { period: '2026-03', value: 40 },
      { period: '2026-04', value: 46 },
      { period: '2026-05', value: 47 },
      // no reading for June
      { period: '2026-07', value: 47 },
      { period: '2026-08', value: 47 },
      { period: '2026-09', value: 47 },
    ];
    let states: AlertState[] = [];
    const events: Record<string, string[]> = {};
    for (let i = 0; i < readings.length; i++) {
      const seen = readings.slice(0, i + 1).reverse(); // any order
      const r = evaluateKpi({
        spec: timeToHire,
        readings: seen,
        states,
        now: periodEnd(readings[i]?.period as string),
      });
      states = r.states;
      events[readings[i]?.period as string] = r.events.map((e) => `${e.kind}:${e.rule}`);
    }
    expect(events['2026-05']).toContain('fire:out_of_range'); // two readings, no gap involved
    expect(events['2026-07']).not.toContain('fire:okr_candidate');
    expect(events['2026-08']).not.toContain('fire:okr_candidate');
    expect(events['2026-09']).toContain('fire:okr_candidate');
  });

  it('is not offered while an active OKR already targets the KPI', () => {
    const run = feed(timeToHire, [40, 40, 40, 46, 47, 48], undefined, { activeOkrTargetsKpi: true });
    expect(run.steps.flatMap((s) => s.events.map((e) => e.rule))).not.toContain('okr_candidate');
  });
});

describe('critical hides warning', () => {
  it('turns a warning that becomes critical into an escalation and silences the warning', () => {
    let run = feed(acceptance, [90, 90, 90, 84, 84, 70]);
    expect(notified(run.steps[4])).toEqual(['out_of_range']);
    const esc = run.steps[5]?.events.filter((e) => e.rule !== 'okr_candidate');
    expect(esc?.map((e) => `${e.kind}:${e.rule}:${e.notify}`)).toEqual(['escalate:threshold:true']);
    expect(esc?.[0]?.message).toMatch(/escalated to critical/);
    run = feed(acceptance, [72, 84, 90], run);
    expect(kinds(run.steps[6])).toEqual(['repeat:threshold']);
    expect(run.steps[7]?.events).toEqual([]); // 84: past the threshold no more, not healthy yet
    expect(kinds(run.steps[8]).sort()).toEqual([
      'resolve:okr_candidate',
      'resolve:out_of_range',
      'resolve:threshold',
      // The warning behind the critical (70, 72 against a usual 90), hidden while the critical was open.
      'resolve:worse_than_usual',
    ]);
  });
});

describe('statistics', () => {
  it('annotates a drift inside the range for the digest, without paging', () => {
    const wide: KpiSpec = { ...acceptance, key: 'wide', range: [50, 200], alertThreshold: 40 };
    const history = Array.from({ length: 20 }, (_, i) => [99, 101, 100][i % 3] as number);
    const run = feed(wide, [...history, 97, 95, 93, 91, 89, 87]);
    expect(run.steps.flatMap((s) => notified(s))).toEqual([]);
    const annotations = run.steps.flatMap((s) => s.events.filter((e) => e.kind === 'annotate'));
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations[0]?.message).toMatch(/CUSUM/);
    expect(annotations[0]?.notify).toBe(false);
  });

  it('adds "unusual vs own history" to a bounds alert when it agrees', () => {
    const history = Array.from({ length: 12 }, (_, i) => [89, 91, 90][i % 3] as number);
    const run = feed(acceptance, [...history, 60]);
    const page = run.steps[12]?.events.find((e) => e.notify);
    expect(page?.rule).toBe('threshold');
    expect(page?.annotation).toMatch(/robust z = -/);
    expect(run.steps[12]?.events.some((e) => e.kind === 'annotate')).toBe(false);
  });

  it('stays quiet on a flat series and its small moves (MAD floor)', () => {
    const sla: KpiSpec = {
      ...acceptance,
      key: 'sla',
      cadence: 'monthly',
      range: [95, 100],
      alertThreshold: 90,
    };
    const run = feed(sla, [...Array(24).fill(100), 99, 97]);
    expect(run.steps.flatMap((s) => s.events)).toEqual([]);
    const drop = feed(sla, [94], run);
    expect(kinds(drop.steps[26]).sort()).toEqual(['annotate:statistical', 'pending:out_of_range']);
  });
});

describe('after an OKR closes', () => {
  const okr: ClosedOkr = { baseline: 44, endValue: 36, closedPeriod: '2026-03' };
  const wide: KpiSpec = { ...timeToHire, range: [28, 45] };

  it('alerts "the improvement did not stick" when more than half the gain is lost for two readings', () => {
    let run = feed(wide, [38, 36, 36]);
    run = feed(wide, [37, 41, 41, 37], run, { closedOkr: okr });
    expect(kinds(run.steps[4])).toEqual(['pending:regression']);
    expect(notified(run.steps[5])).toEqual(['regression']);
    expect(run.steps[5]?.events[0]?.message).toMatch(/did not stick/);
    expect(kinds(run.steps[6])).toEqual(['resolve:regression']);
  });

  it('stays quiet while the gain holds, and ignores readings before the close', () => {
    let run = feed(wide, [44, 42, 41]);
    run = feed(wide, [37, 38, 37, 38], run, { closedOkr: okr });
    expect(run.steps.flatMap((s) => s.events.map((e) => e.rule))).not.toContain('regression');
  });
});

describe('replaced readings and scheduled re-runs', () => {
  it('re-evaluates a replaced reading and does nothing on a re-run with the same data', () => {
    const run = feed(acceptance, [90, 90, 90, 70]);
    expect(notified(run.steps[3])).toEqual(['threshold']);
    const now = periodEnd('2026-W04');
    const same = evaluateKpi({ spec: acceptance, readings: run.readings, states: run.states, now });
    expect(same.events).toEqual([]);
    const fixed = run.readings.map((r) => (r.period === '2026-W04' ? { ...r, value: 89 } : r));
    const replaced = evaluateKpi({ spec: acceptance, readings: fixed, states: run.states, now });
    expect(replaced.events.map((e) => `${e.kind}:${e.rule}`)).toContain('resolve:threshold');
    expect(replaced.states.find((s) => s.rule === 'threshold')?.status).toBe('resolved');
  });
});

describe('active OKR folds alerts', () => {
  it('marks events folded instead of paging', () => {
    const run = feed(acceptance, [90, 90, 90, 70], undefined, { activeOkrTargetsKpi: true });
    const ev = run.steps[3]?.events.find((e) => e.rule === 'threshold');
    expect(ev?.kind).toBe('fire');
    expect(ev?.folded).toBe(true);
    expect(ev?.notify).toBe(false);
    expect(run.steps.flatMap((s) => notified(s))).toEqual([]);
  });

  it('pages an alert that still breaches once the OKR is no longer active', () => {
    let run = feed(acceptance, [90, 90, 90, 70], undefined, { activeOkrTargetsKpi: true });
    run = feed(acceptance, [71], run);
    expect(notified(run.steps[4])).toEqual(['threshold']);
  });
});

describe('worse than usual (own history)', () => {
  const tth: KpiSpec = { ...timeToHire, unit: 'days' };

  it('pages a lasting worsening that stays inside a wide range, in the owner’s words', () => {
    const run = feed(tth, [36, 35, 37, 36, 36, 36, 42.5]);
    expect(notified(run.steps[6])).toEqual(['worse_than_usual']);
    const ev = run.steps[6]?.events.find((e) => e.rule === 'worse_than_usual');
    expect(ev?.severity).toBe('warning');
    expect(ev?.reason).toBe('worse_than_usual');
    expect(ev?.message).toMatch(
      /^Time to hire is 18% worse than its usual 36 days \(now 42\.5 in 2026-07, still inside 28–45 days\)/,
    );
    expect(ev?.message).not.toMatch(/drop/);
  });

  it('needs a second reading for a moderate worsening, and ignores a noisy KPI’s usual swings', () => {
    const usual = [36, 35, 37, 36, 35, 37, 36];
    const once = feed(tth, [...usual, 41.5, 36]);
    expect(once.steps.flatMap((s) => notified(s))).toEqual([]);
    const twice = feed(tth, [...usual, 41.5, 41]);
    expect(notified(twice.steps[7])).toEqual([]);
    expect(notified(twice.steps[8])).toEqual(['worse_than_usual']);
    // σ ≈ 8% of the level: 41.5 and 41 are within this KPI's usual swings.
    const noisy = feed(tth, [36, 33, 39, 35, 38, 34, 37, 41.5, 41]);
    expect(noisy.steps.flatMap((s) => notified(s))).toEqual([]);
  });

  it('says "worse" for a higher-is-better KPI too, and resolves when the KPI is back near its usual level', () => {
    const fill: KpiSpec = {
      key: 'internal_fill',
      name: 'Internal fill rate',
      unit: '%',
      direction: 'higher_is_better',
      cadence: 'weekly',
      range: [30, 55],
      alertThreshold: 25,
    };
    const run = feed(fill, [45, 44, 46, 45, 44, 46, 39, 38.5, 45]);
    expect(notified(run.steps[7])).toEqual(['worse_than_usual']);
    const ev = run.steps[7]?.events.find((e) => e.rule === 'worse_than_usual');
    expect(ev?.message).toMatch(
      /^Internal fill rate is 14% worse than its usual 45% \(now 38\.5% in 2026-W08, still inside 30–55%\)/,
    );
    expect(kinds(run.steps[8])).toContain('resolve:worse_than_usual');
  });
});

describe('typed reasons', () => {
  it('tells a critical that ends while the KPI is still outside its range from one back in range', () => {
    const run = feed(timeToHire, [40, 40, 40, 40, 49, 50, 43, 38]);
    expect(notified(run.steps[4])).toEqual(['drop_20']);
    // 43: within 10% of the baseline again, but not inside the range by the margin: the warning continues.
    const back = run.steps[6]?.events.find((e) => e.kind === 'resolve' && e.rule === 'drop_20');
    expect(back?.reason).toBe('back_past_threshold_still_outside');
    const end = run.steps[7]?.events.find((e) => e.kind === 'resolve' && e.rule === 'out_of_range');
    expect(end?.reason).toBe('back_in_range');
  });
});
