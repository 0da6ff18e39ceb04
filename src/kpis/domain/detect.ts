// The layered KPI detector and alert lifecycle (see /work/shared/reference/kpi-detection.md):
// 1 business bounds (warning outside the range, critical past the threshold or 20% worse than the median of the
//   last 3 readings; recovery with a margin), 1b worse than usual against the KPI's own history (warning: the
//   last 2 readings clearly worse than the median before them), 2 persistence (a warning holds 2 readings),
//   3 OKR candidate (3 consecutive periods worse than the range), 4 statistics on the KPI's own history (robust
//   z, one-sided CUSUM; annotate only), 5 post-OKR regression, 6 stale data. One state per (KPI, rule); one
//   incident per KPI. The layers are in conditions.ts, the lifecycle in alert-events.ts.
import {
  escalateUnacknowledged,
  evaluateReading,
  evaluateStale,
  onePagePerKpi,
  type Run,
} from './alert-events.js';
import { DETECTOR, RULE_PRIORITY } from './detector-config.js';
import { parsePeriod, periodCadence, periodIndex } from './period.js';
import { sparkline } from './sparkline.js';
import { staleCheck } from './stale.js';
import type { AlertState, EvaluationInput, EvaluationResult, KpiSpec, Reading, RuleName } from './types.js';

export { DETECTOR, RULE_PRIORITY } from './detector-config.js';

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

function ordered(states: Map<RuleName, AlertState>): AlertState[] {
  return RULE_PRIORITY.flatMap((r) => {
    const s = states.get(r);
    return s ? [s] : [];
  });
}

/** The run of one evaluation, or undefined when there is no usable latest reading. */
function startRun(input: EvaluationInput, states: Map<RuleName, AlertState>): Run | undefined {
  const { spec, now } = input;
  const readings = normalise(input.readings, spec);
  const latest = readings.at(-1);
  if (!latest || periodCadence(latest.period) !== spec.cadence) return undefined;
  const protocol = spec.responseProtocol?.trim();
  return {
    input,
    spec,
    readings,
    latest,
    now,
    nowIso: now.toISOString(),
    states,
    events: [],
    folded: input.activeOkrTargetsKpi === true,
    stale: staleCheck(spec, latest.period, now),
    trend: sparkline(readings.slice(-DETECTOR.trendReadings).map((r) => r.value)),
    protocol: protocol ? ` Response protocol: ${protocol}` : '',
  };
}

/**
 * Runs the layered detector and the alert lifecycle for one KPI. Pure: the caller stores the returned states
 * (one per rule) and acts on the events.
 */
export function evaluateKpi(input: EvaluationInput): EvaluationResult {
  const states = new Map<RuleName, AlertState>();
  for (const s of input.states) states.set(s.rule, { ...s });
  const run = startRun(input, states);
  if (!run) return { states: ordered(states), events: [] };
  const trigger = input.trigger ?? inferTrigger(run.latest, input.states, input.spec);
  if (trigger === 'reading') evaluateReading(run);
  evaluateStale(run);
  escalateUnacknowledged(run);
  onePagePerKpi(run.events);
  return { states: ordered(states), events: run.events };
}
