// KPI detector benchmark: an HR-like seeded suite whose owners' ranges come from benchmarks (wide and narrow),
// independent of the noise, scored by stratum for the new detector and for a copy of the old one (end of this
// file); the earlier seeded suite whose bands are set from each series' noise; and the real labelled series in
// ../shared/data/kpi-series (scored once, thresholds frozen). Run:
//   npx tsc -p tsconfig.build.json && node dist/test/bench/run.js kpi-detector
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateKpi } from '../../src/kpis/domain/detect.js';
import {
  escalationsDue,
  isActive,
  isOpen,
  markEscalated,
  snoozeExpired,
} from '../../src/kpis/domain/lifecycle.js';
import { nextQuarterEnd, okrCandidateDraft } from '../../src/kpis/domain/okr-candidate-draft.js';
import {
  parsePeriod,
  periodCadence,
  periodEnd,
  periodIndex,
  shiftPeriod,
} from '../../src/kpis/domain/period.js';
import { sparkline } from '../../src/kpis/domain/sparkline.js';
import { badEdge, directionSign, formatRange, formatValue, kpiLabel } from '../../src/kpis/domain/spec.js';
import { staleCheck } from '../../src/kpis/domain/stale.js';
import { cusumWorse, MAD_TO_SIGMA, mad, median, robustZ } from '../../src/kpis/domain/stats.js';
import type {
  AlertEvent,
  AlertState,
  Cadence,
  ClosedOkr,
  EvaluationInput,
  EvaluationResult,
  KpiSpec,
  Reading,
  RuleName,
  Severity,
} from '../../src/kpis/domain/types.js';

/** The detector under test: `evaluateKpi`, or the copy of the old one at the end of this file. */
export type Evaluate = (input: EvaluationInput) => EvaluationResult;

// ---------- seeded randomness ----------

/** mulberry32: small, fast, good enough for simulation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly u: () => number;
  private spare: number | undefined;
  constructor(seed: number) {
    this.u = prng(seed);
  }
  next(): number {
    return this.u();
  }
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const u1 = Math.max(this.u(), 1e-12);
    const u2 = this.u();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.u() * items.length)] as T;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.u() * (hi - lo + 1));
  }
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.u() < p) k++;
    return k;
  }
}

// ---------- the synthetic suite ----------

export type EventType = 'none' | 'step10' | 'step20' | 'step30' | 'drift' | 'spike' | 'regression';

export interface SyntheticSeries {
  spec: KpiSpec;
  periods: string[];
  values: number[];
  event: EventType;
  /** Index of the first affected reading. */
  eventAt: number;
  stratum: string;
  /** OKR on this KPI active at reading i (post-OKR series only). */
  activeOkr?: boolean[];
  closedOkr?: ClosedOkr;
  /** First reading after the OKR closed (post-OKR series). */
  afterClose?: number;
}

const ceilPct = (x: number) => Math.ceil(x * 100 - 1e-9) / 100;
/** Width of the owner's band in σ of normal variation (≈ 99% of normal readings inside). */
export const OWNER_SIGMAS = 2.5;

/**
 * The owner's bounds, as a reasonable owner sets them from the KPI's normal level L and variation σ (cv = σ/L):
 * the bad edge of the range covers normal variation, max(10%, OWNER_SIGMAS·cv) worse than L (rounded up to a
 * whole percent); the alert threshold another 10% of L beyond it; the good edge 30% better (capped at 100 for
 * percentages).
 */
export function ownerBounds(
  level: number,
  cv: number,
  direction: KpiSpec['direction'],
  cap?: number,
  sigmas = OWNER_SIGMAS,
): Pick<KpiSpec, 'range' | 'alertThreshold' | 'aspirational'> {
  const w = ceilPct(Math.max(0.1, sigmas * cv));
  if (direction === 'higher_is_better') {
    const hi = cap === undefined ? level * 1.3 : Math.min(cap, level * 1.3);
    return {
      range: [level * (1 - w), hi],
      alertThreshold: level * (1 - w - 0.1),
      aspirational: Math.min(hi, level * 1.1),
    };
  }
  return {
    range: [level * 0.5, level * (1 + w)],
    alertThreshold: level * (1 + w + 0.1),
    aspirational: level * 0.9,
  };
}

function periodsFrom(cadence: Cadence, n: number): string[] {
  const start = cadence === 'monthly' ? '2020-01' : '2020-W01';
  return Array.from({ length: n }, (_, i) => shiftPeriod(start, i));
}

const MAIN_EVENTS: EventType[] = ['step10', 'step20', 'step30', 'drift', 'spike'];

/** One series of the main suite: half event-free, the rest one injected event each. */
function mainSeries(rng: Rng, id: number, sigmas: number): SyntheticSeries {
  const cadence = rng.pick<Cadence>(['weekly', 'monthly']);
  const n = rng.pick([6, 12, 24, 60]);
  const binomial = rng.next() < 0.25;
  const direction: KpiSpec['direction'] = binomial
    ? 'higher_is_better'
    : rng.pick(['higher_is_better', 'lower_is_better']);
  const sign = direction === 'higher_is_better' ? 1 : -1;
  const event: EventType = rng.next() < 0.5 ? 'none' : rng.pick(MAIN_EVENTS);
  const eventAt = rng.int(Math.min(4, n - 2), n - 2);
  // How much worse (fraction of the level) reading t is made by the event.
  const worse = (t: number): number => {
    if (event === 'none' || t < eventAt) return 0;
    if (event === 'step10') return 0.1;
    if (event === 'step20') return 0.2;
    if (event === 'step30') return 0.3;
    if (event === 'drift') return 0.02 * (t - eventAt + 1);
    if (event === 'spike') return t === eventAt ? 0.3 : 0;
    return 0;
  };
  const values: number[] = [];
  let spec: KpiSpec;
  let stratum: string;
  if (binomial) {
    const trials = rng.pick([100, 400]);
    const p = 0.7 + 0.25 * rng.next();
    const cv = Math.sqrt((p * (1 - p)) / trials) / p;
    for (let t = 0; t < n; t++) values.push((100 * rng.binomial(trials, p * (1 - worse(t)))) / trials);
    spec = {
      key: `s${id}`,
      direction,
      cadence,
      ...ownerBounds(100 * p, cv, direction, 100, sigmas),
    } as KpiSpec;
    stratum = `rate n=${trials}`;
  } else {
    const level = 10 * 100 ** rng.next();
    const cv = rng.pick([0.02, 0.04, 0.06]);
    const phi = rng.pick([0, 0.5]);
    const amp = rng.pick([0, 0.05]);
    const season = cadence === 'monthly' ? 12 : 52;
    const phase = 2 * Math.PI * rng.next();
    let e = rng.normal();
    for (let t = 0; t < n; t++) {
      if (t > 0) e = phi * e + Math.sqrt(1 - phi * phi) * rng.normal();
      const seasonal = amp * Math.sin((2 * Math.PI * t) / season + phase);
      // Events are relative to the current level: a 20% step makes every later reading 20% worse.
      values.push(level * (1 + seasonal + cv * e) * (1 - sign * worse(t)));
    }
    const cvTotal = Math.sqrt(cv * cv + (amp * amp) / 2);
    spec = {
      key: `s${id}`,
      direction,
      cadence,
      ...ownerBounds(level, cvTotal, direction, undefined, sigmas),
    } as KpiSpec;
    stratum = `cv ${Math.round(cv * 100)}%${phi ? ' AR' : ''}${amp ? ' seasonal' : ''}`;
  }
  return { spec, periods: periodsFrom(cadence, n), values, event, eventAt, stratum };
}

/**
 * Post-OKR series: a KPI out of range at level B, an OKR quarter that improves it 25% (alerts folded into the
 * check-in), then either it holds (no event) or it slips back, losing 60–100% of the gain.
 */
function postOkrSeries(rng: Rng, id: number): SyntheticSeries {
  const cadence = rng.pick<Cadence>(['weekly', 'monthly']);
  const direction = rng.pick<KpiSpec['direction']>(['higher_is_better', 'lower_is_better']);
  const sign = direction === 'higher_is_better' ? 1 : -1;
  const cv = rng.pick([0.02, 0.04]);
  const phi = rng.pick([0, 0.5]);
  const B = 10 * 100 ** rng.next();
  const E = B * (1 + sign * 0.25);
  const pre = 6;
  const okrLen = cadence === 'monthly' ? 3 : 13;
  const post = cadence === 'monthly' ? 12 : 26;
  const n = pre + okrLen + post;
  const afterClose = pre + okrLen;
  const event: EventType = rng.next() < 0.5 ? 'none' : 'regression';
  const eventAt = afterClose + rng.int(1, 3);
  const loss = 0.6 + 0.4 * rng.next();
  const values: number[] = [];
  const activeOkr: boolean[] = [];
  let e = rng.normal();
  for (let t = 0; t < n; t++) {
    if (t > 0) e = phi * e + Math.sqrt(1 - phi * phi) * rng.normal();
    let level = B;
    if (t >= pre && t < afterClose) level = B + ((E - B) * (t - pre + 1)) / okrLen;
    if (t >= afterClose) level = event === 'regression' && t >= eventAt ? E - loss * (E - B) : E;
    values.push(level + cv * B * e);
    activeOkr.push(t >= pre && t < afterClose);
  }
  const periods = periodsFrom(cadence, n);
  // The owner's range: E comfortably inside, B outside (that is why there was an OKR).
  const edge = B * (1 + sign * 0.1);
  const good = E * (1 + sign * 0.2);
  const spec: KpiSpec = {
    key: `okr${id}`,
    direction,
    cadence,
    range: sign > 0 ? [edge, good] : [good, edge],
    alertThreshold: B * (1 - sign * 0.1),
  };
  const closedOkr: ClosedOkr = {
    baseline: B,
    endValue: values[afterClose - 1] as number,
    closedPeriod: periods[afterClose - 1] as string,
  };
  return {
    spec,
    periods,
    values,
    event,
    eventAt,
    stratum: `post-OKR cv ${cv * 100}%`,
    activeOkr,
    closedOkr,
    afterClose,
  };
}

export function buildSuite(
  seed: number,
  mainCount: number,
  postOkrCount: number,
  sigmas = OWNER_SIGMAS,
): SyntheticSeries[] {
  const rng = new Rng(seed);
  const out: SyntheticSeries[] = [];
  for (let i = 0; i < mainCount; i++) out.push(mainSeries(rng, i, sigmas));
  for (let i = 0; i < postOkrCount; i++) out.push(postOkrSeries(rng, i));
  return out;
}

// ---------- replay ----------

export interface Replay {
  /** Events at each reading. */
  events: AlertEvent[][];
}

/** Feeds the readings one by one through evaluateKpi, each arriving when its period ends. */
export function replay(
  spec: KpiSpec,
  periods: string[],
  values: number[],
  opts: { activeOkr?: boolean[]; closedOkr?: ClosedOkr; afterClose?: number } = {},
  evaluate: Evaluate = evaluateKpi,
): Replay {
  const readings: Reading[] = [];
  let states: AlertState[] = [];
  const events: AlertEvent[][] = [];
  for (let i = 0; i < values.length; i++) {
    readings.push({ period: periods[i] as string, value: values[i] as number });
    const closed =
      opts.closedOkr && opts.afterClose !== undefined && i >= opts.afterClose ? opts.closedOkr : undefined;
    const r = evaluate({
      spec,
      readings,
      states,
      now: periodEnd(periods[i] as string),
      activeOkrTargetsKpi: opts.activeOkr?.[i] ?? false,
      ...(closed ? { closedOkr: closed } : {}),
    });
    states = r.states;
    events.push(r.events);
  }
  return { events };
}

const notified = (evs: AlertEvent[]) => evs.some((e) => e.notify && e.target === 'owner');

// ---------- scoring ----------

export interface SuiteScore {
  falsePerYear: { weekly: number; monthly: number; overall: number };
  eventFreeSeries: number;
  digestPerYear: number;
  annotationsPerYear: number;
  step: Record<
    'step10' | 'step20' | 'step30',
    { n: number; within2: number; eventually: number; medianDelay: number }
  >;
  step20ByStratum: Record<string, { n: number; within2: number }>;
  drift: {
    n: number;
    notified: number;
    medianDelay: number;
    anySignal: number;
    medianSignalDelay: number;
    /** Series with ≥ 10 drifting readings: notified before the drift reached 20%. */
    long: number;
    longBy20: number;
    /** Drifts starting after ≥ 10 readings: flagged by statistics before any bounds signal. */
    statsEligible: number;
    statsFirst: number;
  };
  spike: { n: number; sameReading: number };
  regression: {
    n: number;
    within2: number;
    ruleWithin2: number;
    falsePerYear: number;
    noEventSeries: number;
  };
  flapsPerYear: number;
  refireWithin3: number;
}

const years = (s: SyntheticSeries, n = s.values.length) => n / (s.spec.cadence === 'weekly' ? 52 : 12);

function medianOf(xs: number[]): number {
  return xs.length === 0 ? Number.NaN : median(xs);
}

export function scoreSuite(suite: SyntheticSeries[], evaluate: Evaluate = evaluateKpi): SuiteScore {
  const fa = { weekly: { alerts: 0, years: 0 }, monthly: { alerts: 0, years: 0 } };
  let digest = 0;
  let annotations = 0;
  let eventFree = 0;
  let eventFreeYears = 0;
  const step = {
    step10: { n: 0, within2: 0, eventually: 0, delays: [] as number[] },
    step20: { n: 0, within2: 0, eventually: 0, delays: [] as number[] },
    step30: { n: 0, within2: 0, eventually: 0, delays: [] as number[] },
  };
  const byStratum: Record<string, { n: number; within2: number }> = {};
  const drift = {
    n: 0,
    notified: 0,
    delays: [] as number[],
    any: 0,
    anyDelays: [] as number[],
    long: 0,
    longNotified: 0,
    statsEligible: 0,
    statsFirst: 0,
  };
  const spike = { n: 0, same: 0 };
  const reg = { n: 0, within2: 0, rule: 0, falseAlerts: 0, falseYears: 0, noEvent: 0 };
  let toggles = 0;
  let refires = 0;
  let allYears = 0;

  for (const s of suite) {
    const { events } = replay(s.spec, s.periods, s.values, s, evaluate);
    if (s.afterClose === undefined) allYears += years(s);
    const lastResolve = new Map<string, number>();
    events.forEach((evs, i) => {
      if (s.afterClose !== undefined) return;
      for (const e of evs) {
        if (e.rule === 'statistical' || e.rule === 'okr_candidate' || e.rule === 'stale') continue;
        if (e.kind === 'resolve') {
          toggles++;
          lastResolve.set(e.rule, i);
        }
        if (e.kind === 'fire' || e.kind === 'escalate') {
          toggles++;
          const r = lastResolve.get(e.rule);
          if (r !== undefined && i - r <= 3) refires++;
        }
      }
    });
    const firstFrom = (from: number, pred: (evs: AlertEvent[]) => boolean) => {
      for (let i = from; i < events.length; i++) if (pred(events[i] as AlertEvent[])) return i - from;
      return undefined;
    };
    if (s.event === 'none' && s.afterClose === undefined) {
      const bucket = fa[s.spec.cadence];
      bucket.alerts += events.reduce(
        (k, evs) => k + evs.filter((e) => e.notify && e.target === 'owner').length,
        0,
      );
      bucket.years += years(s);
      digest += events.reduce((k, evs) => k + evs.filter((e) => e.kind === 'pending').length, 0);
      annotations += events.reduce((k, evs) => k + evs.filter((e) => e.kind === 'annotate').length, 0);
      eventFree++;
      eventFreeYears += years(s);
    } else if (s.event === 'step10' || s.event === 'step20' || s.event === 'step30') {
      const st = step[s.event];
      st.n++;
      const d = firstFrom(s.eventAt, notified);
      if (d !== undefined) {
        st.eventually++;
        st.delays.push(d);
        if (d <= 1) st.within2++;
      }
      if (s.event === 'step20') {
        const b = byStratum[s.stratum] ?? { n: 0, within2: 0 };
        byStratum[s.stratum] = b;
        b.n++;
        if (d !== undefined && d <= 1) b.within2++;
      }
    } else if (s.event === 'drift') {
      drift.n++;
      const d = firstFrom(s.eventAt, notified);
      if (d !== undefined) {
        drift.notified++;
        drift.delays.push(d);
      }
      if (s.values.length - s.eventAt >= 10) {
        drift.long++;
        if (d !== undefined && d < 10) drift.longNotified++;
      }
      const a = firstFrom(s.eventAt, (evs) =>
        evs.some((e) => e.notify || e.kind === 'annotate' || e.kind === 'pending'),
      );
      // The statistics layer's job: flag the drift while the KPI is still inside its range.
      const st = firstFrom(s.eventAt, (evs) =>
        evs.some((e) => e.rule === 'statistical' || e.annotation !== undefined),
      );
      const out = firstFrom(s.eventAt, (evs) => evs.some((e) => e.rule === 'out_of_range' || e.notify));
      if (s.eventAt >= 10) {
        drift.statsEligible++;
        if (st !== undefined && (out === undefined || st < out)) drift.statsFirst++;
      }
      if (a !== undefined) {
        drift.any++;
        drift.anyDelays.push(a);
      }
    } else if (s.event === 'spike') {
      spike.n++;
      if (notified(events[s.eventAt] as AlertEvent[])) spike.same++;
    } else if (s.afterClose !== undefined) {
      if (s.event === 'regression') {
        reg.n++;
        const d = firstFrom(s.eventAt, notified);
        if (d !== undefined && d <= 1) reg.within2++;
        const r = firstFrom(s.eventAt, (evs) =>
          evs.some((e) => e.rule === 'regression' && e.kind === 'fire'),
        );
        if (r !== undefined && r <= 1) reg.rule++;
      } else {
        reg.noEvent++;
        const post = events.slice(s.afterClose);
        reg.falseAlerts += post.reduce(
          (k, evs) => k + evs.filter((e) => e.notify && e.target === 'owner').length,
          0,
        );
        reg.falseYears += years(s, post.length);
      }
    }
  }
  const per = (a: number, y: number) => (y > 0 ? a / y : 0);
  const stepOut = (k: keyof typeof step) => ({
    n: step[k].n,
    within2: per(step[k].within2, step[k].n),
    eventually: per(step[k].eventually, step[k].n),
    medianDelay: medianOf(step[k].delays),
  });
  const flat = Object.fromEntries(
    Object.entries(byStratum)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, { n: v.n, within2: per(v.within2, v.n) }]),
  );
  return {
    falsePerYear: {
      weekly: per(fa.weekly.alerts, fa.weekly.years),
      monthly: per(fa.monthly.alerts, fa.monthly.years),
      overall: per(fa.weekly.alerts + fa.monthly.alerts, fa.weekly.years + fa.monthly.years),
    },
    eventFreeSeries: eventFree,
    digestPerYear: per(digest, eventFreeYears),
    annotationsPerYear: per(annotations, eventFreeYears),
    step: { step10: stepOut('step10'), step20: stepOut('step20'), step30: stepOut('step30') },
    step20ByStratum: flat,
    drift: {
      n: drift.n,
      notified: per(drift.notified, drift.n),
      medianDelay: medianOf(drift.delays),
      anySignal: per(drift.any, drift.n),
      medianSignalDelay: medianOf(drift.anyDelays),
      long: drift.long,
      longBy20: per(drift.longNotified, drift.long),
      statsEligible: drift.statsEligible,
      statsFirst: per(drift.statsFirst, drift.statsEligible),
    },
    spike: { n: spike.n, sameReading: per(spike.same, spike.n) },
    regression: {
      n: reg.n,
      within2: per(reg.within2, reg.n),
      ruleWithin2: per(reg.rule, reg.n),
      falsePerYear: per(reg.falseAlerts, reg.falseYears),
      noEventSeries: reg.noEvent,
    },
    flapsPerYear: per(toggles, allYears),
    refireWithin3: refires,
  };
}

// ---------- real labelled series ----------

interface RealSeries {
  name: string;
  values: number[];
  labels: boolean[];
}

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

function loadReal(root: string): RealSeries[] {
  const out: RealSeries[] = [];
  const nab = join(root, 'nab-daily');
  if (existsSync(nab)) {
    for (const group of readdirSync(nab).sort()) {
      const dir = join(nab, group);
      if (!existsSync(dir) || !dir.endsWith(group) || group.includes('.')) continue;
      for (const f of readdirSync(dir)
        .filter((x) => x.endsWith('.csv'))
        .sort()) {
        const rows = readCsv(join(dir, f));
        out.push({
          name: `nab/${f.replace(/\.csv$/, '')}`,
          values: rows.map((r) => Number(r[1])),
          labels: rows.map((r) => r[2] === '1'),
        });
      }
    }
  }
  const ms = join(root, 'ms-purchase');
  if (existsSync(ms)) {
    for (const f of readdirSync(ms)
      .filter((x) => x.endsWith('.csv'))
      .sort()) {
      // Hourly purchase counts: aggregated to one reading per day (sum); a day is labelled when any hour is.
      const days = new Map<string, { sum: number; hours: number; label: boolean }>();
      for (const r of readCsv(join(ms, f))) {
        const day = (r[0] as string).slice(0, 10);
        const d = days.get(day) ?? { sum: 0, hours: 0, label: false };
        d.sum += Number(r[1]);
        d.hours++;
        d.label ||= r[2] === '1';
        days.set(day, d);
      }
      const full = [...days.values()].filter((d) => d.hours === 24);
      out.push({
        name: `ms/${f.replace(/\.csv$/, '')}`,
        values: full.map((d) => d.sum),
        labels: full.map((d) => d.label),
      });
    }
  }
  return out;
}

export interface RealScore {
  name: string;
  readings: number;
  windows: number;
  detected: number;
  falseAlarms: number;
}

/**
 * Probation: the first 15% of readings (at least 8; NAB's convention) set the owner's bounds with the same rule
 * as the synthetic owner: level = probation median, cv = 1.4826·MAD/level, band ±max(10%, 3cv) rounded up to
 * 5%, threshold 10% of the level further out. The direction of an anomaly is unknown, so each series runs as two
 * KPIs (higher_is_better and lower_is_better on the same band) and their owner notifications are pooled. Days
 * are fed as consecutive weekly periods (the detector only needs their order). A label window is detected when
 * a notification falls inside it; a notification on an unlabelled day is a false alarm. Probation is not scored.
 */
export function scoreReal(series: RealSeries, evaluate: Evaluate = evaluateKpi): RealScore {
  const n = series.values.length;
  const probation = Math.max(8, Math.ceil(0.15 * n));
  const head = series.values.slice(0, probation);
  const level = median(head);
  const cv = Math.max(MAD_TO_SIGMA * mad(head, level), 0.01 * Math.abs(level)) / Math.abs(level);
  const w = ceilPct(Math.max(0.1, OWNER_SIGMAS * cv));
  const periods = periodsFrom('weekly', n);
  const notifiedAt = new Array<boolean>(n).fill(false);
  for (const direction of ['higher_is_better', 'lower_is_better'] as const) {
    const sign = direction === 'higher_is_better' ? 1 : -1;
    const spec: KpiSpec = {
      key: series.name,
      direction,
      cadence: 'weekly',
      range: [level * (1 - w), level * (1 + w)],
      alertThreshold: level * (1 - sign * (w + 0.1)),
    };
    replay(spec, periods, series.values, {}, evaluate).events.forEach((evs, i) => {
      if (notified(evs)) notifiedAt[i] = true;
    });
  }
  let windows = 0;
  let detected = 0;
  let falseAlarms = 0;
  let i = probation;
  while (i < n) {
    if (series.labels[i]) {
      let j = i;
      let hit = false;
      while (j < n && series.labels[j]) {
        if (notifiedAt[j]) hit = true;
        j++;
      }
      windows++;
      if (hit) detected++;
      i = j;
    } else {
      if (notifiedAt[i]) falseAlarms++;
      i++;
    }
  }
  return { name: series.name, readings: n - probation, windows, detected, falseAlarms };
}

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

// ---------- speed ----------

function speed(evaluate: Evaluate): number {
  const rng = new Rng(99);
  const periods = periodsFrom('weekly', 60);
  const values = periods.map(() => 100 * (1 + 0.04 * rng.normal()));
  const spec: KpiSpec = {
    key: 'speed',
    direction: 'higher_is_better',
    cadence: 'weekly',
    range: [85, 130],
    alertThreshold: 75,
  };
  const readings = periods.map((period, i) => ({ period, value: values[i] as number }));
  const now = periodEnd(periods[59] as string);
  const runs = 5000;
  for (let i = 0; i < 500; i++) evaluate({ spec, readings, states: [], now, trigger: 'reading' });
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) evaluate({ spec, readings, states: [], now, trigger: 'reading' });
  return ((performance.now() - t0) * 1000) / runs;
}

// ---------- the HR-like suite: owners' ranges from benchmarks, set independently of noise ----------

/** HR KPIs and a usual level like the published benchmarks (okr-kpi-practice.md); jittered ±20% per series. */
const HR_KPIS: readonly {
  name: string;
  unit?: string;
  direction: KpiSpec['direction'];
  level: number;
  cap?: number;
}[] = [
  { name: 'Time to hire', unit: 'days', direction: 'lower_is_better', level: 36 },
  { name: 'Offer acceptance rate', unit: '%', direction: 'higher_is_better', level: 80, cap: 100 },
  { name: '90-day retention', unit: '%', direction: 'higher_is_better', level: 80, cap: 100 },
  { name: 'Voluntary turnover', unit: '%', direction: 'lower_is_better', level: 12 },
  { name: 'Internal fill rate', unit: '%', direction: 'higher_is_better', level: 40 },
  { name: 'Open requisitions per recruiter', direction: 'lower_is_better', level: 18 },
];

export type HrScenario = 'quiet' | 'step20' | 'step30' | 'spike' | 'okr' | 'edge';
export const HR_NOISE = [0.02, 0.035, 0.05] as const;
export type RangeWidth = 'wide' | 'narrow';

export interface HrSeries {
  spec: KpiSpec;
  periods: string[];
  values: number[];
  scenario: HrScenario;
  /** First affected reading (the first reading at the edge for `edge`). */
  eventAt: number;
  stratum: string;
}

/** Owners round their bounds: whole numbers, halves below 20. */
const ownerRound = (x: number) => (Math.abs(x) >= 20 ? Math.round(x) : Math.round(x * 2) / 2);

/**
 * One HR-like KPI: the owner's range comes from a benchmark, not from the series' noise. Wide: the bad edge
 * 20–30% worse than the usual level (time-to-hire 28–45 around a usual 36); narrow: 10–15%. The good edge
 * 15–30% better (capped at 100%), the alert threshold another 10–20% of the level beyond the bad edge.
 */
function hrSeries(
  rng: Rng,
  id: number,
  cadence: Cadence,
  width: RangeWidth,
  noise: number,
  scenario: HrScenario,
): HrSeries {
  const kpi = rng.pick(HR_KPIS);
  const level = kpi.level * (0.8 + 0.4 * rng.next());
  const sign = kpi.direction === 'higher_is_better' ? 1 : -1;
  const bad = width === 'wide' ? 0.2 + 0.1 * rng.next() : 0.1 + 0.05 * rng.next();
  const good = 0.15 + 0.15 * rng.next();
  const beyond = 0.1 + 0.1 * rng.next();
  let goodEdge = ownerRound(level * (1 + sign * good));
  if (kpi.cap !== undefined) goodEdge = Math.min(kpi.cap, goodEdge);
  const badEdgeValue = ownerRound(level * (1 - sign * bad));
  const spec: KpiSpec = {
    key: `hr${id}`,
    name: kpi.name,
    direction: kpi.direction,
    cadence,
    range: sign > 0 ? [badEdgeValue, goodEdge] : [goodEdge, badEdgeValue],
    alertThreshold: ownerRound(level * (1 - sign * (bad + beyond))),
    ...(kpi.unit ? { unit: kpi.unit } : {}),
  };
  const n =
    scenario === 'quiet' ? rng.pick([24, 36, 60]) : scenario === 'edge' ? 36 : rng.pick([12, 24, 36, 60]);
  // At least 5 readings of history before an event; the edge scenario has 12 at the usual level.
  const eventAt = scenario === 'edge' ? 12 : scenario === 'quiet' ? n : rng.int(5, n - 3);
  /** The level at reading t, as a fraction worse than usual (edge: the bad edge itself). */
  const worse = (t: number): number => {
    if (t < eventAt) return 0;
    if (scenario === 'step20') return 0.2;
    if (scenario === 'step30') return 0.3;
    if (scenario === 'spike') return t === eventAt ? 0.3 : 0;
    if (scenario === 'okr') return bad + 0.05 + 2.5 * noise;
    if (scenario === 'edge') return (sign * (level - badEdgeValue)) / level;
    return 0;
  };
  const values: number[] = [];
  for (let t = 0; t < n; t++) {
    const x = level * (1 - sign * worse(t)) * (1 + noise * rng.normal());
    values.push(Math.round(x * 10) / 10);
  }
  const stratum = `${cadence} ${width} ${(noise * 100).toFixed(1)}%`;
  return { spec, periods: periodsFrom(cadence, n), values, scenario, eventAt, stratum };
}

/** Per stratum (cadence × range width × noise): `perCell` series of each scenario, twice as many quiet ones. */
export function buildHrSuite(seed: number, perCell: number): HrSeries[] {
  const rng = new Rng(seed);
  const out: HrSeries[] = [];
  let id = 0;
  for (const cadence of ['weekly', 'monthly'] as const)
    for (const width of ['wide', 'narrow'] as const)
      for (const noise of HR_NOISE)
        for (const scenario of ['quiet', 'quiet', 'step20', 'step30', 'spike', 'okr', 'edge'] as const)
          for (let i = 0; i < perCell; i++) out.push(hrSeries(rng, id++, cadence, width, noise, scenario));
  return out;
}

/** The five figures of the outside evaluation, for one group of series. */
export interface HrFigures {
  /** A 20% / 30% worsening reaches the owner within 2 readings. */
  step20: number;
  step30: number;
  /** Owner notifications per KPI-year on quiet series. */
  falsePerYear: number;
  /** A one-reading 30% spike pages at that reading… */
  spike: number;
  /** …and the readings after it (back to usual) page nothing new within 3 readings. */
  spikeRepage: number;
  /** The OKR candidate fires exactly at the third consecutive period outside the range. */
  okrAtThird: number;
  /** Owner notifications per 24 readings while the value sits at the range's bad edge (after 12 usual ones). */
  edgePer24: number;
  quietYears: number;
  n: number;
}

interface HrTally {
  s20: [number, number];
  s30: [number, number];
  fa: [number, number];
  spike: [number, number];
  repage: number;
  okr: [number, number];
  edge: [number, number];
  n: number;
}

const newTally = (): HrTally => ({
  s20: [0, 0],
  s30: [0, 0],
  fa: [0, 0],
  spike: [0, 0],
  repage: 0,
  okr: [0, 0],
  edge: [0, 0],
  n: 0,
});

const ownerPages = (evs: AlertEvent[]) => evs.filter((e) => e.notify && e.target === 'owner').length;

function tallyHr(t: HrTally, s: HrSeries, events: AlertEvent[][]): void {
  t.n++;
  const from = (i: number) => events.slice(i).findIndex((evs) => ownerPages(evs) > 0);
  if (s.scenario === 'quiet') {
    t.fa[0] += events.reduce((k, evs) => k + ownerPages(evs), 0);
    t.fa[1] += s.values.length / (s.spec.cadence === 'weekly' ? 52 : 12);
  } else if (s.scenario === 'step20' || s.scenario === 'step30') {
    const d = from(s.eventAt);
    const cell = s.scenario === 'step20' ? t.s20 : t.s30;
    cell[1]++;
    if (d >= 0 && d <= 1) cell[0]++;
  } else if (s.scenario === 'spike') {
    t.spike[1]++;
    if (ownerPages(events[s.eventAt] as AlertEvent[]) > 0) t.spike[0]++;
    t.repage += events.slice(s.eventAt + 1, s.eventAt + 4).reduce((k, evs) => k + ownerPages(evs), 0);
  } else if (s.scenario === 'okr') {
    const edge = badEdge(s.spec);
    const sign = directionSign(s.spec);
    const out = (i: number) => sign * (edge - (s.values[i] as number)) > 0;
    let third = -1;
    for (let i = s.eventAt + 2; i < s.values.length && third < 0; i++)
      if (out(i) && out(i - 1) && out(i - 2)) third = i;
    if (third < 0) return;
    t.okr[1]++;
    const fired = events.findIndex((evs) => evs.some((e) => e.rule === 'okr_candidate' && e.kind === 'fire'));
    if (fired === third) t.okr[0]++;
  } else {
    t.edge[0] += events.slice(s.eventAt).reduce((k, evs) => k + ownerPages(evs), 0);
    t.edge[1] += (s.values.length - s.eventAt) / 24;
  }
}

const ratio = ([a, b]: [number, number]) => (b > 0 ? a / b : Number.NaN);

function figures(t: HrTally): HrFigures {
  return {
    step20: ratio(t.s20),
    step30: ratio(t.s30),
    falsePerYear: ratio(t.fa),
    spike: ratio(t.spike),
    spikeRepage: t.spike[1] > 0 ? t.repage / t.spike[1] : Number.NaN,
    okrAtThird: ratio(t.okr),
    edgePer24: ratio(t.edge),
    quietYears: t.fa[1],
    n: t.n,
  };
}

/** The five figures by stratum (and by cadence, width, noise and overall), for one detector. */
export function scoreHr(suite: HrSeries[], evaluate: Evaluate = evaluateKpi): Record<string, HrFigures> {
  const tallies = new Map<string, HrTally>();
  const add = (key: string, s: HrSeries, events: AlertEvent[][]) => {
    const t = tallies.get(key) ?? newTally();
    tallies.set(key, t);
    tallyHr(t, s, events);
  };
  for (const s of suite) {
    const { events } = replay(s.spec, s.periods, s.values, {}, evaluate);
    const [cadence, width, noise] = s.stratum.split(' ');
    for (const key of [s.stratum, `${cadence} *`, `* ${width} *`, `* * ${noise}`, 'all']) add(key, s, events);
  }
  return Object.fromEntries([...tallies].map(([k, t]) => [k, figures(t)]));
}

function printHr(oldScore: Record<string, HrFigures>, newScore: Record<string, HrFigures>): void {
  const both = (k: keyof HrFigures, f: (x: number) => string) => (key: string) =>
    `${f((oldScore[key] as HrFigures)[k])}→${f((newScore[key] as HrFigures)[k])}`;
  const cols: [string, (key: string) => string][] = [
    ['20% ≤2 rd', both('step20', pct)],
    ['30% ≤2 rd', both('step30', pct)],
    ['false/KPI-yr', both('falsePerYear', f2)],
    ['spike paged', both('spike', pct)],
    ['re-page/spike', both('spikeRepage', f2)],
    ['OKR at 3rd', both('okrAtThird', pct)],
    ['edge /24 rd', both('edgePer24', f2)],
  ];
  console.log(
    'HR-like suite, old→new detector  [goals: 20% ≥ 97%, 30% ≥ 99%, false ≤ 0.5, spike & OKR 100%, edge ≤ 2]',
  );
  console.log(`  ${'stratum'.padEnd(24)}${cols.map(([h]) => h.padStart(14)).join('')}`);
  const keys = Object.keys(newScore).sort((a, b) => {
    const rank = (k: string) => (k === 'all' ? 3 : k.includes('*') ? 2 : 1);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  for (const key of keys)
    console.log(`  ${key.padEnd(24)}${cols.map(([, f]) => f(key).padStart(14)).join('')}`);
}

// ---------- report ----------

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f2 = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));

/** Seed of the synthetic suite; the vitest quality test replays the first part of the same suite. */
export const SUITE_SEED = 20260101;

/** Seed of the HR-like suite; the vitest quality test replays a smaller suite with the same generator. */
export const HR_SEED = 20260301;

function printReal(dataDir: string): void {
  const series = loadReal(dataDir);
  console.log(`real series (${dataDir}), thresholds frozen, bounds from a 15% probation (old → new):`);
  const total = { w: 0, d: [0, 0], fa: [0, 0], n: 0 };
  for (const r of series) {
    const [o, nw] = [scoreReal(r, evaluateKpiOld), scoreReal(r, evaluateKpi)] as [RealScore, RealScore];
    console.log(
      `  ${nw.name.padEnd(42)} readings ${String(nw.readings).padStart(4)}  windows ${o.detected}→${nw.detected}/${nw.windows}  false alarms ${o.falseAlarms}→${nw.falseAlarms}`,
    );
    total.w += nw.windows;
    total.n += nw.readings;
    total.d = [(total.d[0] as number) + o.detected, (total.d[1] as number) + nw.detected];
    total.fa = [(total.fa[0] as number) + o.falseAlarms, (total.fa[1] as number) + nw.falseAlarms];
  }
  const [d0, d1] = total.d as [number, number];
  const [f0, f1] = total.fa as [number, number];
  console.log(
    `  total: recall ${d0}/${total.w} (${pct(d0 / total.w)}) → ${d1}/${total.w} (${pct(d1 / total.w)}); false alarms ${f0} → ${f1} in ${total.n} scored readings (${f2((f0 / total.n) * 30)} → ${f2((f1 / total.n) * 30)} per 30 readings)`,
  );
}

function printLegacy(s: SuiteScore, label: string): void {
  console.log(
    `${label}: false alerts/KPI-year weekly ${f2(s.falsePerYear.weekly)}, monthly ${f2(s.falsePerYear.monthly)}; 10/20/30% step within 2 readings ${pct(s.step.step10.within2)} / ${pct(s.step.step20.within2)} / ${pct(s.step.step30.within2)}; spike paged ${pct(s.spike.sameReading)}; drift notified ${pct(s.drift.notified)}; post-OKR regression within 2 ${pct(s.regression.within2)}, ${f2(s.regression.falsePerYear)} false/KPI-year; flaps ${f2(s.flapsPerYear)}/KPI-year, re-fires within 3 ${s.refireWithin3}`,
  );
}

export default async function (): Promise<void> {
  const hr = buildHrSuite(HR_SEED, 60);
  console.log(
    `HR-like suite: seed ${HR_SEED}, ${hr.length} series; strata weekly/monthly × wide (bad edge 20–30% from usual) / narrow (10–15%) range × noise 2/3.5/5% of the level; ranges from benchmarks, not from noise`,
  );
  printHr(scoreHr(hr, evaluateKpiOld), scoreHr(hr, evaluateKpi));

  // The earlier suite: owners' bands set from each series' noise (2.5σ), AR(1), seasonality, rates, post-OKR.
  const legacy = buildSuite(SUITE_SEED, 4000, 600);
  console.log(`legacy synthetic suite (bands from noise): seed ${SUITE_SEED}, ${legacy.length} series`);
  printLegacy(scoreSuite(legacy, evaluateKpiOld), '  old');
  printLegacy(scoreSuite(legacy, evaluateKpi), '  new');

  const dataDir = resolve(repoRoot(), '..', 'shared', 'data', 'kpi-series');
  if (!existsSync(dataDir)) console.log(`real series: skipped (${dataDir} not found)`);
  else printReal(dataDir);
  console.log(
    `speed: ${speed(evaluateKpiOld).toFixed(1)} µs (old) → ${speed(evaluateKpi).toFixed(1)} µs (new) per evaluateKpi call with 60 readings  [goal ≤ 100 µs]`,
  );
}

// ---------- the old detector (before the worse-than-usual rule), for side-by-side figures ----------
// A verbatim copy of src/kpis/domain/detect.ts as it was before this change (layers 1–6, statistics annotate
// only), kept inside the benchmark so the old figures are recomputed on the same suite rather than recorded.
export const evaluateKpiOld: Evaluate = (() => {
  /** Detector settings. Tuned on the synthetic suite only (see test/bench/kpi-detector.bench.ts). */
  const DETECTOR = {
    /**
     * Hysteresis: a bounds alert (warning or threshold critical) clears only when the value is back inside the
     * range by this fraction of the band width. 0.25 keeps re-fires within 3 readings of a resolve to 4 in the
     * suite (57 at 0.1); 0.4 delays recovery enough to mask post-OKR regressions.
     */
    recoveryMargin: 0.25,
    /** Critical when at least this much worse than the baseline… */
    dropFraction: 0.2,
    /** …which is the median of this many previous readings. */
    baselineReadings: 3,
    /** A drop alert clears when the value is back within this fraction of the baseline it fired against. */
    dropRecovery: 0.1,
    /** A warning must hold for this many readings before it fires. */
    warningReadings: 2,
    /** Consecutive periods worse than the range that make an OKR candidate. */
    okrCandidatePeriods: 3,
    /** Statistics need this many earlier readings. */
    statsMinReadings: 10,
    /** Trailing window of the robust z-score. */
    statsWindow: 24,
    /** Flag a reading whose robust z toward worse is at least this. */
    robustZLimit: 3.5,
    /** MAD floor, as a fraction of the band width and of |median| (the larger wins): flat series. */
    madFloorOfWidth: 0.02,
    madFloorOfLevel: 0.01,
    /** One-sided CUSUM: reference value k and decision interval h, in σ; recent readings it watches. */
    cusumK: 0.5,
    cusumH: 4,
    cusumWindow: 12,
    cusumReferenceMin: 8,
    /** Post-OKR: more than this fraction of the gain lost for `warningReadings` readings… */
    regressionLoss: 0.5,
    /** …and it clears when less than this fraction is lost. */
    regressionRecovery: 0.25,
    /** Readings in the sparkline attached to alerts. */
    trendReadings: 12,
  } as const;

  /** Rules from the most to the least urgent: the order alerts are listed and grouped in. */
  const RULE_PRIORITY: readonly RuleName[] = [
    'stale',
    'threshold',
    'drop_20',
    'regression',
    'out_of_range',
    'okr_candidate',
    'statistical',
  ];

  const LAYER: Record<RuleName, string> = {
    worse_than_usual: 'own history: worse than usual',
    out_of_range: 'business bounds + persistence',
    threshold: 'business bounds: alert threshold',
    drop_20: 'business bounds: 20% drop',
    okr_candidate: 'trend: 3 periods worse than range',
    statistical: 'statistics: own history',
    regression: 'post-OKR check',
    stale: 'stale data',
  };

  const SEVERITY: Record<RuleName, Severity> = {
    worse_than_usual: 'warning',
    out_of_range: 'warning',
    threshold: 'critical',
    drop_20: 'critical',
    okr_candidate: 'info',
    statistical: 'info',
    regression: 'warning',
    stale: 'warning',
  };

  /** Rules whose firing, unacknowledged alert repeats (thread reply) on every reading that still breaches. */
  const REPEATS = new Set<RuleName>(['out_of_range', 'threshold', 'drop_20', 'regression']);
  /** Warnings that a critical alert on the same KPI hides. */
  const HIDDEN_BY_CRITICAL = new Set<RuleName>(['out_of_range']);
  const CRITICAL_RULES: RuleName[] = ['threshold', 'drop_20'];
  /** Alerts about the KPI's value; together they form one incident per KPI. */
  const VALUE_RULES: RuleName[] = ['threshold', 'drop_20', 'regression', 'out_of_range'];
  const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

  interface Condition {
    rule: RuleName;
    breach: boolean;
    /** Persistence satisfied (fires rather than pends). */
    ready: boolean;
    /** Far enough back to resolve (hysteresis). */
    clear: boolean;
    since: string;
    detail: string;
    baseline?: number;
  }

  type Step = 'none' | 'pending' | 'fire' | 'reminder' | 'repeat' | 'resolve' | 'quiet_resolve';

  interface Context {
    spec: KpiSpec;
    latest: Reading;
    now: Date;
    nowIso: string;
  }

  /** Sorted by period, one per period (the last occurrence wins); unusable readings are skipped. */
  function normalise(readings: Reading[], spec: KpiSpec): Reading[] {
    const byPeriod = new Map<string, Reading & { index: number }>();
    for (const r of readings) {
      if (!Number.isFinite(r.value)) continue;
      const parsed = parsePeriod(r.period, spec.cadence);
      if (!parsed.ok) continue;
      byPeriod.set(parsed.period, {
        period: parsed.period,
        value: r.value,
        index: periodIndex(parsed.period),
      });
    }
    return [...byPeriod.values()]
      .sort((a, b) => a.index - b.index)
      .map(({ period, value }) => ({ period, value }));
  }

  function safeIndex(period: string | undefined, spec: KpiSpec): number | undefined {
    if (period === undefined) return undefined;
    const parsed = parsePeriod(period, spec.cadence);
    return parsed.ok ? periodIndex(parsed.period) : undefined;
  }

  /** A new (or replaced) latest reading, or a scheduled re-run over readings already evaluated. */
  function inferTrigger(latest: Reading, states: AlertState[], spec: KpiSpec): 'reading' | 'tick' {
    const latestIndex = periodIndex(latest.period);
    let seen = Number.NEGATIVE_INFINITY;
    for (const s of states) seen = Math.max(seen, safeIndex(s.lastPeriod, spec) ?? Number.NEGATIVE_INFINITY);
    if (latestIndex > seen) return 'reading';
    if (latestIndex < seen) return 'tick';
    const replaced = states.some(
      (s) => s.lastPeriod === latest.period && s.lastValue !== undefined && s.lastValue !== latest.value,
    );
    return replaced ? 'reading' : 'tick';
  }

  function advance(
    prev: AlertState | undefined,
    c: Condition,
    ctx: Context,
  ): { state?: AlertState; step: Step } {
    const stamp = { lastPeriod: ctx.latest.period, lastValue: ctx.latest.value, detail: c.detail };
    if (!prev || !isOpen(prev.status)) {
      if (!c.breach)
        return { state: prev ? { ...prev, ...stamp, detail: prev.detail } : undefined, step: 'none' };
      const fresh: AlertState = {
        rule: c.rule,
        status: c.ready ? 'firing' : 'pending',
        severity: SEVERITY[c.rule],
        since: c.since,
        ...stamp,
      };
      if (c.baseline !== undefined) fresh.baseline = c.baseline;
      return { state: fresh, step: c.ready ? 'fire' : 'pending' };
    }
    const base: AlertState = { ...prev, ...stamp };
    if (prev.status === 'pending') {
      if (c.breach && c.ready) return { state: { ...base, status: 'firing' }, step: 'fire' };
      if (c.breach) return { state: base, step: 'pending' };
      return { state: resolved(base, ctx), step: 'quiet_resolve' };
    }
    if (c.clear) return { state: resolved(base, ctx), step: 'resolve' };
    let reminder = false;
    if (prev.status === 'snoozed' && snoozeExpired(prev, ctx.now, true)) {
      base.status = 'firing';
      delete base.snoozedUntil;
      delete base.snoozeReason;
      delete base.snoozedBy;
      reminder = true;
    }
    if (!c.breach || base.status === 'acknowledged' || base.status === 'snoozed') {
      return { state: c.breach ? base : { ...base, detail: prev.detail }, step: 'none' };
    }
    return { state: base, step: reminder ? 'reminder' : 'repeat' };
  }

  function resolved(state: AlertState, ctx: Context): AlertState {
    const next: AlertState = { ...state, status: 'resolved', resolvedAt: ctx.nowIso };
    delete next.hiddenBy;
    delete next.snoozedUntil;
    delete next.snoozeReason;
    delete next.snoozedBy;
    return next;
  }

  /** The layered conditions for the latest reading. */
  function conditions(
    input: EvaluationInput,
    readings: Reading[],
    states: Map<RuleName, AlertState>,
  ): { list: Condition[]; annotation?: string } {
    const { spec } = input;
    const sign = directionSign(spec);
    const [lo, hi] = spec.range;
    const width = hi - lo;
    const margin = DETECTOR.recoveryMargin * width;
    const edge = badEdge(spec);
    const n = readings.length;
    const latest = readings[n - 1] as Reading;
    /** The last `warningReadings` readings, when there are that many. */
    const held = readings.slice(-DETECTOR.warningReadings);
    const heldFull = held.length === DETECTOR.warningReadings;
    const firstHeld = (held[0] ?? latest).period;
    const x = latest.value;
    const v = (val: number) => formatValue(val, spec.unit);
    const outside = (val: number) => sign * (edge - val) > 0;
    const list: Condition[] = [];

    // Layer 1 + 2: business bounds with persistence and hysteresis.
    list.push({
      rule: 'out_of_range',
      breach: outside(x),
      ready: heldFull && held.every((r) => outside(r.value)),
      clear: sign * (x - edge) >= margin,
      since: heldFull && held.every((r) => outside(r.value)) ? firstHeld : latest.period,
      detail: `${v(x)} in ${latest.period} is outside the target range ${formatRange(spec)}`,
    });
    const threshold = spec.alertThreshold;
    list.push({
      rule: 'threshold',
      breach: sign * (threshold - x) > 0,
      ready: true,
      // The critical ends when the KPI is healthy again, not when it is merely back above the threshold.
      clear: sign * (x - edge) >= margin,
      since: latest.period,
      detail: `${v(x)} in ${latest.period} is past the alert threshold ${v(threshold)}`,
    });
    const open = states.get('drop_20');
    const frozen = open && isOpen(open.status) ? open.baseline : undefined;
    const prior = readings.slice(Math.max(0, n - 1 - DETECTOR.baselineReadings), n - 1).map((r) => r.value);
    const baseline = frozen ?? (prior.length >= DETECTOR.baselineReadings ? median(prior) : undefined);
    const worseBy =
      baseline !== undefined && baseline !== 0 ? (sign * (baseline - x)) / Math.abs(baseline) : 0;
    // A 20% move in the better half of the band (small counts near zero) is noise, not a page.
    const inWorseHalf = sign * ((lo + hi) / 2 - x) > 0;
    list.push({
      rule: 'drop_20',
      breach: worseBy >= DETECTOR.dropFraction && inWorseHalf,
      ready: true,
      clear: worseBy < DETECTOR.dropRecovery && !outside(x),
      since: latest.period,
      detail:
        baseline === undefined
          ? `${v(x)} in ${latest.period}`
          : `${v(x)} in ${latest.period} is ${Math.round(worseBy * 100)}% worse than the recent baseline ${v(baseline)} (median of the previous ${DETECTOR.baselineReadings} readings)`,
      ...(baseline !== undefined ? { baseline } : {}),
    });

    // Layer 3: three consecutive periods worse than the range.
    if (!input.activeOkrTargetsKpi) {
      const run = readings.slice(-DETECTOR.okrCandidatePeriods);
      const consecutive =
        run.length === DETECTOR.okrCandidatePeriods &&
        periodIndex(latest.period) - periodIndex((run[0] as Reading).period) ===
          DETECTOR.okrCandidatePeriods - 1;
      list.push({
        rule: 'okr_candidate',
        breach: consecutive && run.every((r) => outside(r.value)),
        ready: true,
        clear: sign * (x - edge) >= margin,
        since: (run[0] ?? latest).period,
        detail: `worse than the target range ${formatRange(spec)} for ${DETECTOR.okrCandidatePeriods} periods in a row (${run.map((r) => v(r.value)).join(', ')})`,
      });
    }

    // Layer 4: statistics on the KPI's own history (annotation only).
    let annotation: string | undefined;
    const history = readings.slice(0, n - 1).map((r) => r.value);
    if (history.length >= DETECTOR.statsMinReadings) {
      const window = history.slice(-DETECTOR.statsWindow);
      const floor = Math.max(
        DETECTOR.madFloorOfWidth * width,
        DETECTOR.madFloorOfLevel * Math.abs(median(window)),
      );
      const z = robustZ(x, window, floor);
      const refEnd = Math.max(DETECTOR.cusumReferenceMin, history.length - DETECTOR.cusumWindow);
      const reference = history.slice(Math.max(0, refEnd - DETECTOR.statsWindow), refEnd);
      const mu = median(reference);
      const sigma = MAD_TO_SIGMA * Math.max(mad(reference, mu), floor);
      const cusum = cusumWorse([...history.slice(refEnd), x], mu, sigma, sign, DETECTOR.cusumK).at(-1) ?? 0;
      const zFlag = -sign * z >= DETECTOR.robustZLimit;
      const cusumFlag = cusum >= DETECTOR.cusumH;
      const parts: string[] = [];
      if (zFlag) parts.push(`robust z = ${z.toFixed(1)}`);
      if (cusumFlag) parts.push(`drifting worse: CUSUM ${cusum.toFixed(1)} ≥ ${DETECTOR.cusumH}`);
      if (parts.length > 0) annotation = `unusual vs own history (${parts.join('; ')})`;
      list.push({
        rule: 'statistical',
        breach: zFlag || cusumFlag,
        ready: true,
        clear: !(zFlag || cusumFlag),
        since: latest.period,
        detail: annotation ?? `${v(x)} in ${latest.period} is usual for this KPI`,
      });
    }

    // Layer 5: after an OKR on this KPI closed, did the improvement stick?
    const okr = input.closedOkr;
    const regressionOpen = states.get('regression');
    if (okr) {
      const closed = parsePeriod(okr.closedPeriod, spec.cadence);
      const gain = sign * (okr.endValue - okr.baseline);
      if (closed.ok && gain > 0) {
        const closedIndex = periodIndex(closed.period);
        const lost = (val: number) => (sign * (okr.endValue - val)) / gain;
        const after = (r: Reading | undefined) => r !== undefined && periodIndex(r.period) > closedIndex;
        if (after(latest)) {
          const persisted =
            heldFull && held.every((r) => after(r) && lost(r.value) > DETECTOR.regressionLoss);
          list.push({
            rule: 'regression',
            breach: lost(x) > DETECTOR.regressionLoss,
            ready: persisted,
            clear: lost(x) < DETECTOR.regressionRecovery,
            since: persisted ? firstHeld : latest.period,
            detail: `the improvement did not stick: ${v(x)} in ${latest.period} has lost ${Math.round(lost(x) * 100)}% of the OKR gain (${v(okr.baseline)} → ${v(okr.endValue)})`,
          });
        }
      }
    } else if (regressionOpen && isOpen(regressionOpen.status)) {
      list.push({
        rule: 'regression',
        breach: false,
        ready: false,
        clear: true,
        since: latest.period,
        detail: 'no longer watched',
      });
    }
    return annotation === undefined ? { list } : { list, annotation };
  }

  function message(
    rule: RuleName,
    kind: AlertEvent['kind'],
    spec: KpiSpec,
    detail: string,
    extra = '',
  ): string {
    const name = kpiLabel(spec);
    const layer = `[${LAYER[rule]}]`;
    switch (kind) {
      case 'pending':
        return `${name}: ${detail}; pending until a second reading confirms it ${layer}`;
      case 'repeat':
        return `${name}: still breaching: ${detail} ${layer}`;
      case 'resolve':
        return `${name}: resolved: ${detail} ${layer}${extra}`;
      case 'annotate':
        return `${name}: ${detail} ${layer}`;
      default:
        return `${name}: ${detail} ${layer}${extra}`;
    }
  }

  const PRIORITY: Record<RuleName, number> = Object.fromEntries(
    RULE_PRIORITY.map((r, i) => [r, i]),
  ) as Record<RuleName, number>;

  /**
   * Runs the layered detector and the alert lifecycle for one KPI. Pure: the caller stores the returned states
   * (one per rule) and acts on the events.
   */
  function evaluateKpi(input: EvaluationInput): EvaluationResult {
    const { spec, now } = input;
    const states = new Map<RuleName, AlertState>();
    for (const s of input.states) states.set(s.rule, { ...s });
    const readings = normalise(input.readings, spec);
    const latest = readings.at(-1);
    const events: AlertEvent[] = [];
    if (!latest || periodCadence(latest.period) !== spec.cadence) return { states: ordered(states), events };
    const ctx: Context = { spec, latest, now, nowIso: now.toISOString() };
    const folded = input.activeOkrTargetsKpi === true;
    const stale = staleCheck(spec, latest.period, now);
    const trigger = input.trigger ?? inferTrigger(latest, input.states, spec);
    const trend = sparkline(readings.slice(-DETECTOR.trendReadings).map((r) => r.value));
    const protocol = spec.responseProtocol?.trim()
      ? ` Response protocol: ${spec.responseProtocol.trim()}`
      : '';

    if (trigger === 'reading') {
      const before = new Map(states);
      const { list, annotation } = conditions(input, readings, states);
      const steps = new Map<RuleName, Step>();
      const evaluated = new Set<RuleName>();
      for (const c of list) {
        evaluated.add(c.rule);
        const { state, step } = advance(states.get(c.rule), c, ctx);
        if (state) states.set(c.rule, state);
        steps.set(c.rule, step);
      }
      // Rules not evaluated this time still record which reading was seen.
      for (const [rule, s] of states) {
        if (!evaluated.has(rule))
          states.set(rule, { ...s, lastPeriod: latest.period, lastValue: latest.value });
      }
      // An active OKR on the KPI makes an open OKR candidate moot.
      const candidate = states.get('okr_candidate');
      if (folded && candidate && isOpen(candidate.status))
        states.set('okr_candidate', resolved(candidate, ctx));

      const critical = CRITICAL_RULES.map((r) => states.get(r)).find(
        (s) => s !== undefined && isActive(s.status),
      );
      // The open incident: value alerts the owner already knows about (notified before, still active, visible).
      const incident = new Map<RuleName, Severity>();
      for (const rule of VALUE_RULES) {
        const was = before.get(rule);
        const after = states.get(rule);
        if (was?.firstFiredAt && !was.hiddenBy && !was.folded && after && isActive(after.status))
          incident.set(rule, was.severity);
      }
      let layerOneFired = false;

      for (const rule of RULE_PRIORITY) {
        const state = states.get(rule);
        const step = steps.get(rule);
        if (!state || step === undefined || rule === 'stale') continue;
        const hiddenBy: AlertState['hiddenBy'] = stale
          ? 'stale'
          : HIDDEN_BY_CRITICAL.has(rule) && critical !== undefined && isOpen(state.status)
            ? 'critical'
            : undefined;
        if (hiddenBy && isOpen(state.status)) {
          state.hiddenBy = hiddenBy;
          // Covered by the critical's message: when the critical clears, the warning continues without a new page.
          if (hiddenBy === 'critical' && isActive(state.status))
            state.firstFiredAt ??= critical?.firstFiredAt ?? ctx.nowIso;
          continue;
        }
        delete state.hiddenBy;
        let kind: Step = step;
        // Never shown (hidden until now), or shown only in an OKR check-in that no longer runs: page now.
        if (kind === 'repeat' && (state.firstFiredAt === undefined || (state.folded && !folded)))
          kind = 'fire';
        if (!REPEATS.has(rule) && kind === 'repeat') continue;
        const base = {
          rule,
          severity: SEVERITY[rule],
          value: latest.value,
          period: latest.period,
          target: 'owner' as const,
        };
        const foldFlag = folded ? { folded: true } : {};
        if (kind === 'pending') {
          events.push({
            ...base,
            ...foldFlag,
            kind: 'pending',
            notify: false,
            message: message(rule, 'pending', spec, state.detail),
          });
        } else if (kind === 'fire' || kind === 'reminder') {
          if (rule === 'statistical') {
            continue; // emitted below unless a bounds alert carries it
          }
          state.firstFiredAt ??= ctx.nowIso;
          if (folded) state.folded = true;
          else delete state.folded;
          // One incident per KPI: an alert the owner already has (same or higher severity) carries a new one in its
          // thread; a higher severity than the open incident is an escalation.
          let eventKind: AlertEvent['kind'] = 'fire';
          let groupedWith: RuleName | undefined;
          if (VALUE_RULES.includes(rule) && kind === 'fire') {
            const others = [...incident].filter(([r]) => r !== rule);
            const top = others.sort((a, b) => SEVERITY_RANK[b[1]] - SEVERITY_RANK[a[1]])[0];
            if (top && SEVERITY_RANK[top[1]] >= SEVERITY_RANK[SEVERITY[rule]]) groupedWith = top[0];
            else if (top) eventKind = 'escalate';
            if (!folded) incident.set(rule, SEVERITY[rule]);
          }
          const prefix =
            kind === 'reminder'
              ? 'snooze ended, still: '
              : eventKind === 'escalate'
                ? 'escalated to critical: '
                : '';
          const ev: AlertEvent = {
            ...base,
            ...foldFlag,
            kind: eventKind,
            notify: !folded && groupedWith === undefined,
            message: message(rule, 'fire', spec, prefix + state.detail, protocol),
            trend,
            ...(groupedWith ? { groupedWith } : {}),
          };
          if (rule === 'okr_candidate') {
            ev.draft = okrCandidateDraft(spec, latest.value, nextQuarterEnd(latest.period));
            ev.message = `${message(rule, 'fire', spec, state.detail)} Draft key result: "${ev.draft}"`;
          } else if (annotation) {
            ev.annotation = annotation;
            ev.message += ` Also ${annotation}.`;
            layerOneFired = true;
          }
          events.push(ev);
        } else if (kind === 'repeat') {
          events.push({
            ...base,
            ...foldFlag,
            kind: 'repeat',
            notify: false,
            message: message(rule, 'repeat', spec, state.detail),
            trend,
          });
        } else if (kind === 'resolve') {
          if (state.firstFiredAt === undefined || rule === 'statistical') continue;
          const stillOut =
            CRITICAL_RULES.includes(rule) && states.get('out_of_range')?.status === 'firing'
              ? '; still outside the target range (the warning continues)'
              : '';
          const detail = `${formatValue(latest.value, spec.unit)} in ${latest.period}${stillOut}`;
          events.push({
            ...base,
            ...foldFlag,
            kind: 'resolve',
            notify: false,
            message: message(rule, 'resolve', spec, detail),
          });
        }
      }
      const stats = states.get('statistical');
      if (stats && steps.get('statistical') === 'fire') {
        stats.firstFiredAt ??= ctx.nowIso;
        if (!layerOneFired && !stale) {
          events.push({
            rule: 'statistical',
            severity: 'info',
            kind: 'annotate',
            notify: false,
            target: 'owner',
            ...(folded ? { folded: true } : {}),
            value: latest.value,
            period: latest.period,
            message: message(
              'statistical',
              'annotate',
              spec,
              `${formatValue(latest.value, spec.unit)} in ${latest.period} is ${stats.detail}`,
            ),
            ...(annotation ? { annotation } : {}),
            trend,
          });
        }
      }
      // De-escalation / end of staleness: a warning hidden before shows again.
      for (const s of states.values()) if (!stale && s.hiddenBy === 'stale') delete s.hiddenBy;
      for (const s of states.values())
        if (s.hiddenBy === 'critical' && critical === undefined) delete s.hiddenBy;
    }

    // Layer 6: stale data, evaluated on every run.
    const staleState = states.get('stale');
    if (stale) {
      if (!staleState || !isOpen(staleState.status)) {
        const missing = shiftPeriod(latest.period, 1);
        const detail = `no reading since ${latest.period}: the ${missing} reading is overdue; value alerts are on hold until a new reading arrives`;
        const state: AlertState = {
          rule: 'stale',
          status: 'firing',
          severity: 'warning',
          since: missing,
          lastPeriod: latest.period,
          lastValue: latest.value,
          detail,
          firstFiredAt: ctx.nowIso,
          ...(folded ? { folded: true } : {}),
        };
        states.set('stale', state);
        events.push({
          rule: 'stale',
          severity: 'warning',
          kind: 'stale',
          notify: !folded,
          target: 'owner',
          ...(folded ? { folded: true } : {}),
          period: missing,
          message: message('stale', 'stale', spec, detail),
          trend,
        });
      }
    } else if (staleState && isOpen(staleState.status)) {
      states.set(
        'stale',
        resolved({ ...staleState, lastPeriod: latest.period, lastValue: latest.value }, ctx),
      );
      events.push({
        rule: 'stale',
        severity: 'warning',
        kind: 'resolve',
        notify: false,
        target: 'owner',
        period: latest.period,
        value: latest.value,
        message: message('stale', 'resolve', spec, `a reading for ${latest.period} arrived`),
      });
    }

    // Unacknowledged criticals go to the team channel once, after the configured number of days.
    if (input.escalateAfterDays !== undefined && !stale) {
      for (const due of escalationsDue([...states.values()], now, input.escalateAfterDays)) {
        const next = markEscalated(due, now);
        states.set(due.rule, next);
        events.push({
          rule: due.rule,
          severity: 'critical',
          kind: 'escalate',
          notify: true,
          target: 'team_channel',
          period: next.lastPeriod,
          ...(next.lastValue !== undefined ? { value: next.lastValue } : {}),
          message: message(
            due.rule,
            'escalate',
            spec,
            `unacknowledged for ${input.escalateAfterDays} days or more: ${next.detail}`,
            protocol,
          ),
        });
      }
    }

    // One page per KPI and evaluation: the most important notification carries the others.
    const owner = events
      .filter((e) => e.notify && e.target === 'owner')
      .sort((a, b) => PRIORITY[a.rule] - PRIORITY[b.rule]);
    const primary = owner[0];
    for (const e of owner.slice(1)) {
      e.notify = false;
      e.groupedWith = (primary as AlertEvent).rule;
    }
    return { states: ordered(states), events };
  }

  function ordered(states: Map<RuleName, AlertState>): AlertState[] {
    return RULE_PRIORITY.flatMap((r) => {
      const s = states.get(r);
      return s ? [s] : [];
    });
  }

  return evaluateKpi;
})();
