import type { KpiSpec } from './types.js';

const DIRECTIONS = ['higher_is_better', 'lower_is_better'];
const CADENCES = ['weekly', 'monthly'];

/** Problems with a KPI definition, in words an owner can act on; [] when it is fine. */
export function validateKpiSpec(spec: KpiSpec): string[] {
  const errors: string[] = [];
  if (typeof spec.key !== 'string' || spec.key.trim() === '') errors.push('key must not be empty');
  if (!DIRECTIONS.includes(spec.direction)) {
    errors.push(`direction must be higher_is_better or lower_is_better, not "${String(spec.direction)}"`);
  }
  if (!CADENCES.includes(spec.cadence))
    errors.push(`cadence must be weekly or monthly, not "${String(spec.cadence)}"`);
  const range = Array.isArray(spec.range) ? spec.range : [];
  const [lo, hi] = range;
  if (range.length !== 2 || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    errors.push('range must be two finite numbers [lo, hi]');
    return errors;
  }
  if (!Number.isFinite(spec.alertThreshold)) errors.push('alert threshold must be a finite number');
  if (spec.aspirational !== undefined && !Number.isFinite(spec.aspirational)) {
    errors.push('aspirational target must be a finite number');
  }
  if (errors.length > 0) return errors;
  const low = lo as number;
  const high = hi as number;
  if (!(low < high)) errors.push(`range must be ordered with lo < hi, got [${low}, ${high}]`);
  if (spec.direction === 'higher_is_better') {
    if (!(spec.alertThreshold < low)) {
      errors.push(
        `alert threshold ${spec.alertThreshold} must be below the range (< ${low}): lower is worse for this KPI`,
      );
    }
    if (spec.aspirational !== undefined && spec.aspirational < low) {
      errors.push(`aspirational target ${spec.aspirational} is worse than the range (< ${low})`);
    }
  } else if (spec.direction === 'lower_is_better') {
    if (!(spec.alertThreshold > high)) {
      errors.push(
        `alert threshold ${spec.alertThreshold} must be above the range (> ${high}): higher is worse for this KPI`,
      );
    }
    if (spec.aspirational !== undefined && spec.aspirational > high) {
      errors.push(`aspirational target ${spec.aspirational} is worse than the range (> ${high})`);
    }
  }
  return errors;
}

/** +1 when higher is better, −1 when lower is better. `sign * (a − b) > 0` means a is better than b. */
export function directionSign(spec: KpiSpec): 1 | -1 {
  return spec.direction === 'higher_is_better' ? 1 : -1;
}

/** The edge of the range on the bad side. */
export function badEdge(spec: KpiSpec): number {
  return spec.direction === 'higher_is_better' ? spec.range[0] : spec.range[1];
}

export function kpiLabel(spec: KpiSpec): string {
  return spec.name?.trim() || spec.key;
}

/** Short number for messages: integers as is, others to 4 significant digits (no exponent). */
export function formatValue(value: number, unit?: string): string {
  let text: string;
  if (!Number.isFinite(value)) text = String(value);
  else if (Number.isInteger(value) || Math.abs(value) >= 1000) text = String(Math.round(value));
  else text = String(Number(value.toPrecision(4)));
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

export function formatRange(spec: KpiSpec): string {
  return `${formatValue(spec.range[0])}–${formatValue(spec.range[1], spec.unit)}`;
}
