/**
 * Share of the way from baseline to target, clamped to 0..1. Works both ways: for "reduce time-to-hire
 * from 52 to 30 days", 41 days is 0.5. No value yet (`null`) is 0. When baseline equals target (hold a
 * level), the result is 1 if the target is met and 0 otherwise; "met" means >= target with
 * `direction: 'increase'`, <= with `'decrease'`, and exactly equal without a direction.
 */
export function keyResultProgress(kr: {
  baseline: number;
  target: number;
  current: number | null;
  direction?: 'increase' | 'decrease';
}): number {
  const { baseline, target, current } = kr;
  if (current === null || ![baseline, target, current].every(Number.isFinite)) return 0;
  if (baseline === target) {
    if (kr.direction === 'increase') return current >= target ? 1 : 0;
    if (kr.direction === 'decrease') return current <= target ? 1 : 0;
    return current === target ? 1 : 0;
  }
  const fraction = (current - baseline) / (target - baseline);
  return Math.min(1, Math.max(0, fraction));
}
