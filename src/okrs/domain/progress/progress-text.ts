import { formatMeasure } from '../measure.js';
import { keyResultProgress } from './key-result-progress.js';
import { progressBar } from './progress-bar.js';

// How a key result's numbers read wherever a person sees them (the check-in DM and form, the Home tab,
// `/okr list`): "from 52 → now 41 → target 30 days", with the unit singular or plural by its number.

/** Units that do not take a plural `s` (or are abbreviations). */
const UNCOUNTABLE = new Set([
  'cash',
  'churn',
  'debt',
  'eur',
  'feedback',
  'gbp',
  'headcount',
  'hr',
  'kg',
  'km',
  'min',
  'ms',
  'nps',
  'pct',
  'percent',
  'retention',
  'revenue',
  'spend',
  'staff',
  'traffic',
  'turnover',
  'uptime',
  'usd',
  'work',
]);

const IRREGULAR: Record<string, string> = { people: 'person', children: 'child', men: 'man', women: 'woman' };
const IRREGULAR_PLURAL = Object.fromEntries(Object.entries(IRREGULAR).map(([p, s]) => [s, p]));

function singularWord(word: string): string {
  if (IRREGULAR[word]) return IRREGULAR[word]!;
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function pluralWord(word: string): string {
  if (IRREGULAR_PLURAL[word]) return IRREGULAR_PLURAL[word]!;
  if (word.length < 3 || UNCOUNTABLE.has(word) || /s$/.test(word)) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(ch|sh|x|z)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * The unit as it reads after `value`: `1 launch`, `2 launches`, `1 day`, `0.5 days`, `1 person`. Only a
 * unit whose last word is a lowercase word changes; `%`, `USD`, `NPS` and the like stay as they are.
 */
export function unitFor(value: number | null | undefined, unit: string): string {
  const u = unit.trim();
  const m = /^(.*?)([a-z]+)$/.exec(u);
  if (!m || value === null || value === undefined || !Number.isFinite(value)) return u;
  const head = m[1]!;
  const word = m[2]!;
  if (head !== '' && !/\s$/.test(head)) return u; // e.g. `k$`, `m2`: not a word
  return head + (Math.abs(value) === 1 ? singularWord(word) : pluralWord(singularWord(word)));
}

/** `41 days`, `1 day`, `80%`, `1,200`; `–` when there is no value. */
export function formatCount(value: number | null | undefined, unit: string | null): string {
  if (!unit || unit.trim() === '' || value === null || value === undefined || !Number.isFinite(value)) {
    return formatMeasure(value, unit);
  }
  return formatMeasure(value, unitFor(value, unit));
}

/** A key result's numbers, as {@link progressText} reads them. */
export interface ProgressNumbers {
  baseline: number | null;
  target: number | null;
  current: number | null;
  unit: string | null;
  direction?: 'higher_is_better' | 'lower_is_better' | null;
}

/** A unit written right after the number (`80%`, `$`): shown on every number, not only the last. */
function isSymbolUnit(unit: string | null): boolean {
  return unit !== null && unit.trim() !== '' && !/[A-Za-z]/.test(unit);
}

/**
 * `from 52 → now 41 → target 30 days` (baseline → current → target, the unit once, at the end, singular or
 * plural by that number; `%` on every number). Without a baseline: `now 41 → target 30 days`; without a
 * target: `now 41 days`. `strong` wraps the current value in mrkdwn bold. `current` overrides the stored
 * value (an answer being shown).
 */
export function progressText(
  kr: ProgressNumbers,
  options: { current?: number | null; strong?: boolean } = {},
): string {
  const current = options.current === undefined ? kr.current : options.current;
  const symbol = isSymbolUnit(kr.unit);
  const last = kr.target !== null ? 'target' : 'current';
  const num = (value: number | null, which: 'baseline' | 'current' | 'target') =>
    symbol || which === last ? formatCount(value, kr.unit) : formatMeasure(value, null);
  const now = num(current, 'current');
  const parts = [`now ${options.strong ? `*${now}*` : now}`];
  if (kr.baseline !== null) parts.unshift(`from ${num(kr.baseline, 'baseline')}`);
  if (kr.target !== null) parts.push(`target ${num(kr.target, 'target')}`);
  return parts.join(' → ');
}

/** `▓▓▓▓▓░░░░░ 50%` of the way from baseline to target, or undefined without both. */
export function progressBarOf(kr: ProgressNumbers, current: number | null = kr.current): string | undefined {
  if (kr.baseline === null || kr.target === null) return undefined;
  const direction =
    kr.direction === 'lower_is_better'
      ? ('decrease' as const)
      : kr.direction === 'higher_is_better'
        ? ('increase' as const)
        : undefined;
  return progressBar(
    keyResultProgress({
      baseline: kr.baseline,
      target: kr.target,
      current,
      ...(direction ? { direction } : {}),
    }),
  );
}

/**
 * The one progress line of a key result for Slack, the same in the check-in DM, the form, the Home tab and
 * `/okr list`: `from 52 → now *41* → target 30 days   \`▓▓▓▓▓░░░░░ 50%\``.
 */
export function progressLineOf(
  kr: ProgressNumbers,
  options: { current?: number | null; strong?: boolean } = {},
): string {
  const current = options.current === undefined ? kr.current : options.current;
  const bar = progressBarOf(kr, current);
  const text = progressText(kr, options);
  return bar ? `${text}   \`${bar}\`` : text;
}
