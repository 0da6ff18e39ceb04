/**
 * A text bar for Slack: `progressBar(0.4)` is `▓▓▓▓░░░░░░ 40%`. Rounds down, so a full bar and 100% only
 * ever show for a key result that is done. Out-of-range or non-numeric input is clamped to 0..1.
 */
export function progressBar(fraction: number, width = 10): string {
  if (!Number.isInteger(width) || width < 1)
    throw new RangeError(`width must be a positive integer, got ${width}`);
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const percent = Math.floor(f * 100 + 1e-9);
  const filled = Math.floor((percent * width) / 100 + 1e-9);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`;
}
