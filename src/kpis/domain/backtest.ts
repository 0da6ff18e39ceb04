import { z } from 'zod';
import { evaluateKpi } from './detect.js';
import { parsePeriod, periodEnd, periodIndex } from './period.js';
import { validateKpiSpec } from './spec.js';
import type { AlertEvent, AlertState, KpiSpec, Reading, RuleName, Severity } from './types.js';

const readingSchema = z.strictObject({
  period: z.string().min(1),
  value: z.number(),
});

const kpiSchema = z.strictObject({
  key: z.string().trim().min(1),
  name: z.string().optional(),
  unit: z.string().optional(),
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  cadence: z.enum(['weekly', 'monthly']),
  range: z.tuple([z.number(), z.number()]),
  alert_threshold: z.number(),
  aspirational: z.number().optional(),
  readings: z.array(readingSchema).min(1),
});

/** The backtest file: `{"kpis": [{key, direction, cadence, range, alert_threshold, aspirational?, readings}]}`. */
export const backtestFileSchema = z.strictObject({ kpis: z.array(kpiSchema).min(1) });

export interface BacktestLine {
  kpi: string;
  period: string;
  value: number;
  /** What would have reached the owner at this reading: new firing alerts and escalations. */
  notify: { rule: RuleName; severity: Severity }[];
  /** Every event of the reading, including digest items, repeats and resolutions. */
  events: AlertEvent[];
}

/** `kpis[0].readings[2].period` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(file)' : out;
}

/**
 * Replays each KPI's readings in period order (a repeated period replaces the earlier reading and is
 * re-evaluated) through `evaluateKpi`, as the server would when each reading arrives at the end of its period.
 * Nobody acknowledges or snoozes in a replay; stale data and team-channel escalation need a clock between
 * readings and are not replayed.
 */
export function backtest(
  input: unknown,
): { ok: true; lines: BacktestLine[] } | { ok: false; errors: string[] } {
  const parsed = backtestFileSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`) };
  }
  const errors: string[] = [];
  const kpis: { spec: KpiSpec; readings: (Reading & { order: number })[] }[] = [];
  const keys = new Set<string>();
  parsed.data.kpis.forEach((k, i) => {
    const spec: KpiSpec = {
      key: k.key,
      direction: k.direction,
      cadence: k.cadence,
      range: k.range,
      alertThreshold: k.alert_threshold,
      ...(k.name !== undefined ? { name: k.name } : {}),
      ...(k.unit !== undefined ? { unit: k.unit } : {}),
      ...(k.aspirational !== undefined ? { aspirational: k.aspirational } : {}),
    };
    if (keys.has(k.key)) errors.push(`kpis[${i}].key: "${k.key}" appears twice`);
    keys.add(k.key);
    for (const e of validateKpiSpec(spec)) errors.push(`kpis[${i}]: ${e}`);
    const readings: (Reading & { order: number })[] = [];
    k.readings.forEach((r, j) => {
      const p = parsePeriod(r.period, k.cadence);
      if (!p.ok) errors.push(`kpis[${i}].readings[${j}].period: ${p.error}`);
      else readings.push({ period: p.period, value: r.value, order: j });
    });
    kpis.push({ spec, readings });
  });
  if (errors.length > 0) return { ok: false, errors };

  const lines: BacktestLine[] = [];
  for (const { spec, readings } of kpis) {
    const sorted = [...readings].sort(
      (a, b) => periodIndex(a.period) - periodIndex(b.period) || a.order - b.order,
    );
    const history = new Map<string, number>();
    let states: AlertState[] = [];
    for (const r of sorted) {
      history.set(r.period, r.value);
      const result = evaluateKpi({
        spec,
        readings: [...history].map(([period, value]) => ({ period, value })),
        states,
        now: periodEnd(r.period),
        trigger: 'reading',
      });
      states = result.states;
      lines.push({
        kpi: spec.key,
        period: r.period,
        value: r.value,
        notify: result.events.filter((e) => e.notify).map((e) => ({ rule: e.rule, severity: e.severity })),
        events: result.events,
      });
    }
  }
  return { ok: true, lines };
}
