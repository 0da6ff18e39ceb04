// The layered KPI detector and alert lifecycle (see /work/shared/reference/kpi-detection.md):
// 1 business bounds (warning outside the range, critical past the threshold or 20% worse than the median of the
//   last 3 readings; recovery with a margin), 2 persistence (a warning holds 2 readings), 3 OKR candidate
//   (3 consecutive periods worse than the range), 4 statistics on the KPI's own history (robust z, one-sided
//   CUSUM; annotate only), 5 post-OKR regression, 6 stale data. One state per (KPI, rule); one incident per KPI.
import { escalationsDue, isActive, isOpen, markEscalated, snoozeExpired } from './lifecycle.js';
import { nextQuarterEnd, okrCandidateDraft } from './okr-candidate-draft.js';
import { parsePeriod, periodCadence, periodIndex, shiftPeriod } from './period.js';
import { sparkline } from './sparkline.js';
import { badEdge, directionSign, formatRange, formatValue, kpiLabel } from './spec.js';
import { staleCheck } from './stale.js';
import { cusumWorse, MAD_TO_SIGMA, mad, median, robustZ } from './stats.js';
import type {
  AlertEvent,
  AlertState,
  EvaluationInput,
  EvaluationResult,
  KpiSpec,
  Reading,
  RuleName,
  Severity,
} from './types.js';

/** Detector settings. Tuned on the synthetic suite only (see test/bench/kpi-detector.bench.ts). */
export const DETECTOR = {
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
export const RULE_PRIORITY: readonly RuleName[] = [
  'stale',
  'threshold',
  'drop_20',
  'regression',
  'out_of_range',
  'okr_candidate',
  'statistical',
];

const LAYER: Record<RuleName, string> = {
  out_of_range: 'business bounds + persistence',
  threshold: 'business bounds: alert threshold',
  drop_20: 'business bounds: 20% drop',
  okr_candidate: 'trend: 3 periods worse than range',
  statistical: 'statistics: own history',
  regression: 'post-OKR check',
  stale: 'stale data',
};

const SEVERITY: Record<RuleName, Severity> = {
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
    byPeriod.set(parsed.period, { period: parsed.period, value: r.value, index: periodIndex(parsed.period) });
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
  const worseBy = baseline !== undefined && baseline !== 0 ? (sign * (baseline - x)) / Math.abs(baseline) : 0;
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
        const persisted = heldFull && held.every((r) => after(r) && lost(r.value) > DETECTOR.regressionLoss);
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

const PRIORITY: Record<RuleName, number> = Object.fromEntries(RULE_PRIORITY.map((r, i) => [r, i])) as Record<
  RuleName,
  number
>;

/**
 * Runs the layered detector and the alert lifecycle for one KPI. Pure: the caller stores the returned states
 * (one per rule) and acts on the events.
 */
export function evaluateKpi(input: EvaluationInput): EvaluationResult {
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
  const protocol = spec.responseProtocol?.trim() ? ` Response protocol: ${spec.responseProtocol.trim()}` : '';

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
      if (kind === 'repeat' && (state.firstFiredAt === undefined || (state.folded && !folded))) kind = 'fire';
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
    states.set('stale', resolved({ ...staleState, lastPeriod: latest.period, lastValue: latest.value }, ctx));
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
