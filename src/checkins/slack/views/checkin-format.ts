import {
  CONFIDENCE_LABELS,
  type Confidence,
  formatMeasure,
  keyResultProgress,
  progressBar,
} from '../../../okrs/index.js';

/** A key result as check-in messages show it. */
export interface CheckinKeyResultView {
  id: string;
  text: string;
  objective: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  current: number | null;
  direction: 'higher_is_better' | 'lower_is_better' | null;
  /** KPI alerts folded into this key result's check-in instead of paging the owner separately. */
  kpiAlerts?: string[];
}

/** Escapes text people typed for mrkdwn (`&`, `<`, `>`), so it cannot ping or link; cuts with an ellipsis. */
export { escapeMrkdwn as esc, truncate as clip } from '../../../platform/slack/mrkdwn.js';

/** `52 → *41* → 30 days` (baseline → current → target). */
export function valuesLine(kr: CheckinKeyResultView, current: number | null = kr.current): string {
  const cur = `*${formatMeasure(current, kr.unit)}*`;
  if (kr.baseline === null || kr.target === null) return `now ${cur}`;
  return `${formatMeasure(kr.baseline, null)} → ${cur} → ${formatMeasure(kr.target, kr.unit)}`;
}

/** `▓▓▓▓▓░░░░░ 50%`, or '' when the key result has no baseline or target. */
export function barFor(kr: CheckinKeyResultView, current: number | null = kr.current): string {
  if (kr.baseline === null || kr.target === null) return '';
  const direction =
    kr.direction === 'lower_is_better'
      ? 'decrease'
      : kr.direction === 'higher_is_better'
        ? 'increase'
        : undefined;
  const fraction = keyResultProgress({
    baseline: kr.baseline,
    target: kr.target,
    current,
    ...(direction ? { direction } : {}),
  });
  return progressBar(fraction);
}

/** `52 → *41* → 30 days  \`▓▓▓▓▓░░░░░ 50%\`` */
export function progressLine(kr: CheckinKeyResultView, current: number | null = kr.current): string {
  const bar = barFor(kr, current);
  return bar ? `${valuesLine(kr, current)}   \`${bar}\`` : valuesLine(kr, current);
}

export function confidenceLabel(c: Confidence | null | undefined): string {
  return c ? CONFIDENCE_LABELS[c] : 'no call';
}
