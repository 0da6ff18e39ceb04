// The detector's layers: one function per layer, each turning the readings into the conditions of its rules
// for the latest reading. The alert lifecycle (alert-events.ts) turns conditions into states and events.
import { DETECTOR } from './detector-config.js';
import { isOpen } from './lifecycle.js';
import { parsePeriod, periodIndex } from './period.js';
import { badEdge, directionSign, formatRange, formatValue, kpiLabel } from './spec.js';
import { cusumWorse, MAD_TO_SIGMA, mad, median, robustZ } from './stats.js';
import type { AlertState, EvaluationInput, KpiSpec, Reading, RuleName } from './types.js';

export interface Condition {
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

/** What every layer looks at: the spec's geometry and the latest readings. */
interface Frame {
  input: EvaluationInput;
  spec: KpiSpec;
  readings: Reading[];
  states: Map<RuleName, AlertState>;
  sign: 1 | -1;
  width: number;
  margin: number;
  edge: number;
  latest: Reading;
  x: number;
  /** The last `warningReadings` readings, when there are that many. */
  held: Reading[];
  heldFull: boolean;
  firstHeld: string;
}

function frame(input: EvaluationInput, readings: Reading[], states: Map<RuleName, AlertState>): Frame {
  const { spec } = input;
  const [lo, hi] = spec.range;
  const latest = readings[readings.length - 1] as Reading;
  const held = readings.slice(-DETECTOR.warningReadings);
  return {
    input,
    spec,
    readings,
    states,
    sign: directionSign(spec),
    width: hi - lo,
    margin: DETECTOR.recoveryMargin * (hi - lo),
    edge: badEdge(spec),
    latest,
    x: latest.value,
    held,
    heldFull: held.length === DETECTOR.warningReadings,
    firstHeld: (held[0] ?? latest).period,
  };
}

const outside = (f: Frame, val: number) => f.sign * (f.edge - val) > 0;
const healthy = (f: Frame) => f.sign * (f.x - f.edge) >= f.margin;
const v = (f: Frame, val: number) => formatValue(val, f.spec.unit);

/** "Time to hire is 21% worse than its usual 36 days (now 43.6 in 2026-04, still inside 28–45 days)". */
function worseSentence(f: Frame, worseBy: number, reference: string): string {
  const { spec, x } = f;
  const now = spec.unit === '%' ? v(f, x) : formatValue(x);
  const where =
    f.sign * (spec.alertThreshold - x) > 0
      ? `past the alert threshold ${v(f, spec.alertThreshold)}`
      : outside(f, x)
        ? `outside ${formatRange(spec)}`
        : `still inside ${formatRange(spec)}`;
  return `${kpiLabel(spec)} is ${Math.round(worseBy * 100)}% worse than ${reference} (now ${now} in ${f.latest.period}, ${where})`;
}

/** Layers 1 + 2: business bounds, with persistence for the warning and hysteresis for both. */
function boundsConditions(f: Frame): Condition[] {
  const { latest, x, spec } = f;
  const persisted = f.heldFull && f.held.every((r) => outside(f, r.value));
  const threshold = spec.alertThreshold;
  return [
    {
      rule: 'out_of_range',
      breach: outside(f, x),
      ready: persisted,
      clear: healthy(f),
      since: persisted ? f.firstHeld : latest.period,
      detail: `${v(f, x)} in ${latest.period} is outside the target range ${formatRange(spec)}`,
    },
    {
      rule: 'threshold',
      breach: f.sign * (threshold - x) > 0,
      ready: true,
      // The critical ends when the KPI is healthy again, not when it is merely back above the threshold.
      clear: healthy(f),
      since: latest.period,
      detail: `${v(f, x)} in ${latest.period} is past the alert threshold ${v(f, threshold)}`,
    },
  ];
}

/** Layer 1: at least 20% worse than the median of the last 3 readings (critical, on the first reading). */
function recentDropCondition(f: Frame): Condition {
  const { readings, latest, x, spec } = f;
  const n = readings.length;
  const open = f.states.get('drop_20');
  const frozen = open && isOpen(open.status) ? open.baseline : undefined;
  const prior = readings.slice(Math.max(0, n - 1 - DETECTOR.baselineReadings), n - 1).map((r) => r.value);
  const baseline = frozen ?? (prior.length >= DETECTOR.baselineReadings ? median(prior) : undefined);
  const worseBy =
    baseline !== undefined && baseline !== 0 ? (f.sign * (baseline - x)) / Math.abs(baseline) : 0;
  // A 20% move in the better half of the band (small counts near zero) is noise, not a page.
  const inWorseHalf = f.sign * ((spec.range[0] + spec.range[1]) / 2 - x) > 0;
  return {
    rule: 'drop_20',
    breach: worseBy >= DETECTOR.dropFraction && inWorseHalf,
    ready: true,
    clear: worseBy < DETECTOR.dropRecovery && !outside(f, x),
    since: latest.period,
    detail:
      baseline === undefined
        ? `${v(f, x)} in ${latest.period}`
        : worseSentence(f, worseBy, `its recent level of ${v(f, baseline)}`),
    ...(baseline !== undefined ? { baseline } : {}),
  };
}

/** σ-floor of the KPI's own variation: flat series, and counts that cannot move by less than 1. */
function madFloor(f: Frame, window: readonly number[], centre: number): number {
  const counts = window.every((x) => Number.isInteger(x)) ? DETECTOR.countResolution : 0;
  return Math.max(DETECTOR.madFloorOfWidth * f.width, DETECTOR.madFloorOfLevel * Math.abs(centre), counts);
}

/**
 * Layer 1b: worse than usual, measured against the KPI's own history (warning). Catches a lasting worsening
 * that stays inside a wide range: the last 2 readings against the median of the readings before them.
 */
function worseThanUsualCondition(f: Frame): Condition | undefined {
  const { readings, x } = f;
  const n = readings.length;
  const open = f.states.get('worse_than_usual');
  const frozen = open && isOpen(open.status) ? open.baseline : undefined;
  const window = readings.slice(Math.max(0, n - 2 - DETECTOR.usualReadings), n - 2).map((r) => r.value);
  if (frozen === undefined && window.length < DETECTOR.usualMinReadings) return undefined;
  const usual = frozen ?? median(window);
  if (usual === 0 || !Number.isFinite(usual)) return undefined;
  const worse = (val: number) => (f.sign * (usual - val)) / Math.abs(usual);
  const prev = worse((readings[n - 2] as Reading).value);
  const now = worse(x);
  const mean = (prev + now) / 2;
  const clear = now < DETECTOR.usualRecovery;
  let breach = !clear;
  if (frozen === undefined) {
    const sigma = MAD_TO_SIGMA * Math.max(mad(window, usual), madFloor(f, window, usual));
    const baselineVariance = Math.PI / 2 / window.length;
    const level = Math.abs(usual);
    // Two readings confirm a moderate worsening…
    const confirmed =
      mean >= DETECTOR.usualFraction &&
      Math.min(prev, now) >= DETECTOR.usualFraction * DETECTOR.usualConfirmShare &&
      (mean * level) / (sigma * Math.sqrt(0.5 + baselineVariance)) >= DETECTOR.usualZ;
    // …one reading is enough for a large one.
    const large =
      now >= DETECTOR.usualSingleFraction &&
      (now * level) / (sigma * Math.sqrt(1 + baselineVariance)) >= DETECTOR.usualSingleZ;
    breach = confirmed || large;
  }
  return {
    rule: 'worse_than_usual',
    breach,
    ready: true,
    clear,
    since: (readings[n - 2] as Reading).period,
    detail: worseSentence(f, now, `its usual ${v(f, usual)}`),
    baseline: usual,
  };
}

/** Layer 3: three consecutive periods worse than the range (not while an OKR already targets the KPI). */
function okrCandidateCondition(f: Frame): Condition | undefined {
  if (f.input.activeOkrTargetsKpi) return undefined;
  const { readings, latest } = f;
  const periods = DETECTOR.okrCandidatePeriods;
  const run = readings.slice(-periods);
  const consecutive =
    run.length === periods &&
    periodIndex(latest.period) - periodIndex((run[0] as Reading).period) === periods - 1;
  return {
    rule: 'okr_candidate',
    breach: consecutive && run.every((r) => outside(f, r.value)),
    ready: true,
    clear: healthy(f),
    since: (run[0] ?? latest).period,
    detail: `worse than the target range ${formatRange(f.spec)} for ${periods} periods in a row (${run.map((r) => v(f, r.value)).join(', ')})`,
  };
}

/** Layer 4: statistics on the KPI's own history (robust z, one-sided CUSUM): annotation and digest only. */
function statisticsCondition(f: Frame): { condition?: Condition; annotation?: string } {
  const { readings, x, latest } = f;
  const history = readings.slice(0, readings.length - 1).map((r) => r.value);
  if (history.length < DETECTOR.statsMinReadings) return {};
  const window = history.slice(-DETECTOR.statsWindow);
  const floor = Math.max(
    DETECTOR.madFloorOfWidth * f.width,
    DETECTOR.madFloorOfLevel * Math.abs(median(window)),
  );
  const z = robustZ(x, window, floor);
  const refEnd = Math.max(DETECTOR.cusumReferenceMin, history.length - DETECTOR.cusumWindow);
  const reference = history.slice(Math.max(0, refEnd - DETECTOR.statsWindow), refEnd);
  const mu = median(reference);
  const sigma = MAD_TO_SIGMA * Math.max(mad(reference, mu), floor);
  const cusum = cusumWorse([...history.slice(refEnd), x], mu, sigma, f.sign, DETECTOR.cusumK).at(-1) ?? 0;
  const zFlag = -f.sign * z >= DETECTOR.robustZLimit;
  const cusumFlag = cusum >= DETECTOR.cusumH;
  const parts: string[] = [];
  if (zFlag) parts.push(`robust z = ${z.toFixed(1)}`);
  if (cusumFlag) parts.push(`drifting worse: CUSUM ${cusum.toFixed(1)} ≥ ${DETECTOR.cusumH}`);
  const annotation = parts.length > 0 ? `unusual vs own history (${parts.join('; ')})` : undefined;
  const condition: Condition = {
    rule: 'statistical',
    breach: zFlag || cusumFlag,
    ready: true,
    clear: !(zFlag || cusumFlag),
    since: latest.period,
    detail: annotation ?? `${v(f, x)} in ${latest.period} is usual for this KPI`,
  };
  return annotation === undefined ? { condition } : { condition, annotation };
}

/** Periods in the post-OKR watch: two quarters of months, or of weeks (13 a quarter). */
function watchPeriods(cadence: KpiSpec['cadence']): number {
  return DETECTOR.regressionWatchQuarters * (cadence === 'monthly' ? 3 : 13);
}

/** An open post-OKR alert resolves once its KPI is no longer watched; with none open, nothing to say. */
function notWatched(f: Frame): Condition | undefined {
  const open = f.states.get('regression');
  if (!open || !isOpen(open.status)) return undefined;
  const detail = 'no longer watched';
  return { rule: 'regression', breach: false, ready: false, clear: true, since: f.latest.period, detail };
}

/**
 * Layer 5: after an OKR on this KPI closed, did the improvement stick? Watched for the two quarters after
 * the close (the periods after the closing period, {@link watchPeriods} of them); then no longer.
 */
function regressionCondition(f: Frame): Condition | undefined {
  const okr = f.input.closedOkr;
  const { latest, x } = f;
  if (!okr) return notWatched(f);
  const closed = parsePeriod(okr.closedPeriod, f.spec.cadence);
  const gain = f.sign * (okr.endValue - okr.baseline);
  if (!closed.ok || gain <= 0) return undefined;
  const closedIndex = periodIndex(closed.period);
  if (periodIndex(latest.period) > closedIndex + watchPeriods(f.spec.cadence)) return notWatched(f);
  const lost = (val: number) => (f.sign * (okr.endValue - val)) / gain;
  const after = (r: Reading | undefined) => r !== undefined && periodIndex(r.period) > closedIndex;
  if (!after(latest)) return undefined;
  const persisted = f.heldFull && f.held.every((r) => after(r) && lost(r.value) > DETECTOR.regressionLoss);
  return {
    rule: 'regression',
    breach: lost(x) > DETECTOR.regressionLoss,
    ready: persisted,
    clear: lost(x) < DETECTOR.regressionRecovery,
    since: persisted ? f.firstHeld : latest.period,
    detail: `the improvement did not stick: ${v(f, x)} in ${latest.period} has lost ${Math.round(lost(x) * 100)}% of the OKR gain (${v(f, okr.baseline)} → ${v(f, okr.endValue)})`,
  };
}

/** The layered conditions for the latest reading (the last of `readings`, which are sorted and non-empty). */
export function conditions(
  input: EvaluationInput,
  readings: Reading[],
  states: Map<RuleName, AlertState>,
): { list: Condition[]; annotation?: string } {
  const f = frame(input, readings, states);
  const stats = statisticsCondition(f);
  const list = [
    ...boundsConditions(f),
    recentDropCondition(f),
    worseThanUsualCondition(f),
    okrCandidateCondition(f),
    stats.condition,
    regressionCondition(f),
  ].filter((c): c is Condition => c !== undefined);
  return stats.annotation === undefined ? { list } : { list, annotation: stats.annotation };
}
