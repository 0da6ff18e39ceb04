// KPI detector benchmark: a seeded synthetic suite (the tuning set) and the real labelled series in
// ../shared/data/kpi-series (scored once, thresholds frozen). Run:
//   npx tsc -p tsconfig.build.json && node dist/test/bench/run.js kpi-detector
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateKpi } from '../../src/kpis/domain/detect.js';
import { periodEnd, shiftPeriod } from '../../src/kpis/domain/period.js';
import { MAD_TO_SIGMA, mad, median } from '../../src/kpis/domain/stats.js';
import type {
  AlertEvent,
  AlertState,
  Cadence,
  ClosedOkr,
  KpiSpec,
  Reading,
} from '../../src/kpis/domain/types.js';

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
): Replay {
  const readings: Reading[] = [];
  let states: AlertState[] = [];
  const events: AlertEvent[][] = [];
  for (let i = 0; i < values.length; i++) {
    readings.push({ period: periods[i] as string, value: values[i] as number });
    const closed =
      opts.closedOkr && opts.afterClose !== undefined && i >= opts.afterClose ? opts.closedOkr : undefined;
    const r = evaluateKpi({
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

export function scoreSuite(suite: SyntheticSeries[]): SuiteScore {
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
    const { events } = replay(s.spec, s.periods, s.values, s);
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
export function scoreReal(series: RealSeries): RealScore {
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
    replay(spec, periods, series.values).events.forEach((evs, i) => {
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

function speed(): number {
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
  for (let i = 0; i < 500; i++) evaluateKpi({ spec, readings, states: [], now, trigger: 'reading' });
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) evaluateKpi({ spec, readings, states: [], now, trigger: 'reading' });
  return ((performance.now() - t0) * 1000) / runs;
}

// ---------- report ----------

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f2 = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));

/** Seed of the synthetic suite; the vitest quality test replays the first part of the same suite. */
export const SUITE_SEED = 20260101;

export default async function (): Promise<void> {
  const seed = SUITE_SEED;
  const suite = buildSuite(seed, 4000, 600);
  const s = scoreSuite(suite);
  console.log(
    `synthetic suite: seed ${seed}, ${suite.length} series (4000 main, 600 post-OKR), lengths 6–60`,
  );
  console.log(
    `false alerts per KPI-year (event-free, ${s.eventFreeSeries} series): weekly ${f2(s.falsePerYear.weekly)}, monthly ${f2(s.falsePerYear.monthly)}, overall ${f2(s.falsePerYear.overall)}  [target ≤ 1]`,
  );
  console.log(
    `digest items per KPI-year, event-free: pending warnings ${f2(s.digestPerYear)}, statistical annotations ${f2(s.annotationsPerYear)}`,
  );
  for (const k of ['step10', 'step20', 'step30'] as const) {
    const st = s.step[k];
    console.log(
      `${k.replace('step', 'step ')}%: n=${st.n}, within 2 readings ${pct(st.within2)}, detected by end ${pct(st.eventually)}, median delay ${f2(st.medianDelay)} readings${k === 'step20' ? '  [target ≥ 90%]' : ''}`,
    );
  }
  console.log('step 20% within 2 readings by stratum:');
  for (const [k, v] of Object.entries(s.step20ByStratum))
    console.log(`  ${k.padEnd(22)} n=${String(v.n).padStart(4)}  ${pct(v.within2)}`);
  console.log(
    `drift 2%/period: n=${s.drift.n}, owner notified ${pct(s.drift.notified)} (median delay ${f2(s.drift.medianDelay)}), any signal incl. digest ${pct(s.drift.anySignal)} (median delay ${f2(s.drift.medianSignalDelay)}); of ${s.drift.long} series with ≥ 10 drifting readings, notified before 20% worse: ${pct(s.drift.longBy20)}; of ${s.drift.statsEligible} drifts after ≥ 10 readings, flagged by statistics while still in range: ${pct(s.drift.statsFirst)}`,
  );
  console.log(
    `spike 30% (one reading): n=${s.spike.n}, notified at that reading ${pct(s.spike.sameReading)}`,
  );
  console.log(
    `post-OKR regression: n=${s.regression.n}, notified within 2 readings ${pct(s.regression.within2)}, by the regression rule ${pct(s.regression.ruleWithin2)}; no-regression series (${s.regression.noEventSeries}): ${f2(s.regression.falsePerYear)} false alerts per KPI-year after close`,
  );
  console.log(
    `flapping: ${f2(s.flapsPerYear)} fire/resolve toggles per KPI-year (main suite); re-fires within 3 readings of a resolve: ${s.refireWithin3}`,
  );

  for (const sigmas of [2, 3]) {
    const alt = scoreSuite(buildSuite(seed, 4000, 0, sigmas));
    console.log(
      `owner-band sensitivity, band at ${sigmas}σ instead of ${OWNER_SIGMAS}σ: false alerts/KPI-year ${f2(alt.falsePerYear.overall)}, 20% step within 2 readings ${pct(alt.step.step20.within2)}`,
    );
  }

  const dataDir = resolve(repoRoot(), '..', 'shared', 'data', 'kpi-series');
  if (!existsSync(dataDir)) {
    console.log(`real series: skipped (${dataDir} not found)`);
  } else {
    const rows = loadReal(dataDir).map(scoreReal);
    console.log(`real series (${dataDir}), thresholds frozen, bounds from a 15% probation:`);
    let w = 0;
    let d = 0;
    let fa = 0;
    let n = 0;
    for (const r of rows) {
      console.log(
        `  ${r.name.padEnd(42)} readings ${String(r.readings).padStart(4)}  windows ${r.detected}/${r.windows}  false alarms ${r.falseAlarms}`,
      );
      w += r.windows;
      d += r.detected;
      fa += r.falseAlarms;
      n += r.readings;
    }
    console.log(
      `  total: recall ${d}/${w} (${pct(w ? d / w : 0)}), ${fa} false alarms in ${n} scored readings (${f2((fa / n) * 30)} per 30 readings)`,
    );
  }
  console.log(`speed: ${speed().toFixed(1)} µs per evaluateKpi call with 60 readings`);
}
