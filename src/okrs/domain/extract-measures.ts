/**
 * Reads the numbers a key result is scored by from its wording, so a drafted key result can be tracked
 * without a form: "Reduce time-to-hire from 52 to 30 days" → baseline 52, target 30, unit days.
 * Only explicit from-to shapes give a baseline; a lone number after "to" gives a target. Pure.
 */
export interface Measures {
  baseline: number | null;
  target: number | null;
  unit: string | null;
}

const NUM = String.raw`(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)`;
// A unit right after a number: %, a currency-free word (days, points, hires), or a Korean counter.
const UNIT = String.raw`\s*(%|[a-zA-Z][a-zA-Z-]{0,15}|[가-힣]{1,3}?)?`;

const EN_FROM_TO = new RegExp(
  String.raw`\bfrom\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?${NUM}${UNIT}\s*(?:to|→|->)\s+(?:an?\s+)?${NUM}${UNIT}`,
  'i',
);
const ARROW = new RegExp(String.raw`${NUM}${UNIT}\s*(?:→|->)\s*${NUM}${UNIT}`);
const KO_FROM_TO = new RegExp(String.raw`${NUM}${UNIT}\s*(?:에서|→)\s*${NUM}${UNIT}\s*(?:로|으로|까지)?`);
const EN_TO = new RegExp(String.raw`\b(?:to|at least|at most|below|above|under|over)\s+${NUM}${UNIT}`, 'i');

const NOT_UNITS = new Set([
  'by',
  'in',
  'the',
  'of',
  'and',
  'or',
  'per',
  'within',
  'before',
  'end',
  'q1',
  'q2',
  'q3',
  'q4',
  'this',
  'next',
]);

function num(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text.replaceAll(',', ''));
  return Number.isFinite(n) ? n : null;
}

function unit(...candidates: Array<string | undefined>): string | null {
  for (const c of candidates) {
    if (c && !NOT_UNITS.has(c.toLowerCase())) return c === '%' ? '%' : c.toLowerCase();
  }
  return null;
}

export function extractMeasures(text: string): Measures {
  const t = text.normalize('NFKC');
  for (const re of [EN_FROM_TO, ARROW, KO_FROM_TO]) {
    const m = re.exec(t);
    if (m) return { baseline: num(m[1]), target: num(m[3]), unit: unit(m[4], m[2]) };
  }
  const m = EN_TO.exec(t);
  if (m) return { baseline: null, target: num(m[1]), unit: unit(m[2]) };
  return { baseline: null, target: null, unit: null };
}

/** True when the text holds any digit: a key result without any number cannot be scored. */
export function hasAnyNumber(text: string): boolean {
  return /\d/.test(text.normalize('NFKC'));
}
