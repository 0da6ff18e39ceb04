const BARS = '▁▂▃▄▅▆▇█';

/** Unicode sparkline, oldest first: ▁ is the minimum, █ the maximum; a flat series gives mid bars, [] gives ''. */
export function sparkline(values: number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return values.map(() => ' ').join('');
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}
