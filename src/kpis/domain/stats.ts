/** Small robust statistics for short KPI series. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Median absolute deviation (raw, not scaled to σ). */
export function mad(values: readonly number[], centre = median(values)): number {
  return median(values.map((v) => Math.abs(v - centre)));
}

/** σ-equivalent of a MAD for normal data. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * Robust (modified) z-score of `x` against `history` (Iglewicz & Hoaglin): 0.6745·(x − median)/MAD.
 * `madFloor` keeps flat series (MAD = 0) from turning every small change into an outlier.
 */
export function robustZ(x: number, history: readonly number[], madFloor: number): number {
  const centre = median(history);
  const spread = Math.max(mad(history, centre), madFloor, 1e-9 * Math.max(1, Math.abs(centre)));
  return (0.6745 * (x - centre)) / spread;
}

/**
 * One-sided CUSUM of standardised deviations toward worse: S_t = max(0, S_{t−1} + z_t − k),
 * z_t = sign·(mu − x_t)/sigma (positive when worse). Returns S after each value.
 */
export function cusumWorse(
  values: readonly number[],
  mu: number,
  sigma: number,
  sign: 1 | -1,
  k = 0.5,
): number[] {
  const out: number[] = [];
  let s = 0;
  for (const x of values) {
    s = Math.max(0, s + (sign * (mu - x)) / sigma - k);
    out.push(s);
  }
  return out;
}

/** Exponentially weighted moving average, seeded with `start`. */
export function ewma(values: readonly number[], lambda: number, start: number): number[] {
  const out: number[] = [];
  let e = start;
  for (const x of values) {
    e = lambda * x + (1 - lambda) * e;
    out.push(e);
  }
  return out;
}
