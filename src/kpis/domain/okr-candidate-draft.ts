import { nextQuarter, quarterEndDate, quarterOf } from '../../okrs/domain/index.js';
import { periodStart } from './period.js';
import { formatRange, formatValue, kpiLabel } from './spec.js';
import type { KpiSpec } from './types.js';

/** Prefilled key-result text offered with an OKR candidate: "Reduce <KPI> from <now> to <range> by <quarter end>". */
export function okrCandidateDraft(spec: KpiSpec, current: number, quarterEnd: string): string {
  const verb = spec.direction === 'higher_is_better' ? 'Increase' : 'Reduce';
  return `${verb} ${kpiLabel(spec)} from ${formatValue(current, spec.unit)} to ${formatRange(spec)} by ${quarterEnd}`;
}

/** Last day of the quarter after the one the period starts in: the quarter an OKR would run. */
export function nextQuarterEnd(period: string): string {
  return quarterEndDate(nextQuarter(quarterOf(periodStart(period))));
}
