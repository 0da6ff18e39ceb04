import {
  COMPLETION_RATE_RE,
  CUSTOMER_SIDE_RE,
  EFFORT_NOUN_RE,
  EFFORT_PARTICIPLE_RE,
  GENERIC_QUANTITY_RE,
  HEAD_AS_MODIFIER_RE,
  INTERNAL_PROGRAM_RE,
  OUTCOME_HEAD_RE,
  OUTCOME_PREDICATE_RE,
  PARTICIPATION_RE,
} from './lexicon-en.js';
import {
  KO_EFFORT_COUNTER_RE,
  KO_EFFORT_METRIC_RE,
  KO_EFFORT_NOUN_RE,
  KO_OUTCOME_HEAD_RE,
  KO_PARTICIPATION_RE,
} from './lexicon-ko.js';

const OUTCOME_HEAD_GLOBAL_RE = new RegExp(OUTCOME_HEAD_RE.source, 'g');

/**
 * A noun naming a measured state (attrition, NPS, latency…), unless it only modifies a work noun
 * ("engagement survey", "security awareness training").
 */
export function hasOutcomeHead(text: string): boolean {
  OUTCOME_HEAD_GLOBAL_RE.lastIndex = 0;
  for (let m = OUTCOME_HEAD_GLOBAL_RE.exec(text); m !== null; m = OUTCOME_HEAD_GLOBAL_RE.exec(text)) {
    if (!HEAD_AS_MODIFIER_RE.test(text.slice(m.index + m[0].length))) return true;
    OUTCOME_HEAD_GLOBAL_RE.lastIndex = m.index + Math.max(1, m[0].length);
  }
  return false;
}

export type WindowKind = 'outcome' | 'activity' | 'neutral';
export type Direction = 'up' | 'down' | 'unknown';

/**
 * What the numbers in a piece of text count: a measured state of the world (outcome), work done
 * (activity), or nothing recognisable (neutral). Bringing work *down* ("cut meetings from 12 to 6")
 * is an efficiency outcome, so the direction matters.
 */
export function classifyMetricWindow(text: string, direction: Direction): WindowKind {
  if (COMPLETION_RATE_RE.test(text)) return 'activity';
  if (KO_EFFORT_METRIC_RE.test(text) || KO_PARTICIPATION_RE.test(text)) {
    return direction === 'down' ? 'outcome' : 'activity';
  }
  if (PARTICIPATION_RE.test(text) && INTERNAL_PROGRAM_RE.test(text) && !OUTCOME_PREDICATE_RE.test(text)) {
    return direction === 'down' ? 'outcome' : 'activity';
  }
  if (hasOutcomeHead(text) || OUTCOME_PREDICATE_RE.test(text) || KO_OUTCOME_HEAD_RE.test(text)) {
    return 'outcome';
  }
  const effortNoun =
    (EFFORT_NOUN_RE.test(text) && !CUSTOMER_SIDE_RE.test(text)) ||
    KO_EFFORT_NOUN_RE.test(text) ||
    KO_EFFORT_COUNTER_RE.test(text);
  const effortParticiple = EFFORT_PARTICIPLE_RE.test(text);
  if (direction === 'down' && (effortNoun || effortParticiple)) return 'outcome';
  if (effortParticiple && GENERIC_QUANTITY_RE.test(text)) return 'activity';
  if (effortNoun || effortParticiple) return 'activity';
  if (GENERIC_QUANTITY_RE.test(text)) return 'outcome';
  return 'neutral';
}

const NUM = String.raw`([-+]?[$€£¥₩]?\d[\d,]*(?:\.\d+)?)\s*([a-z%$/]*|[가-힣]{0,2})`;
const FROM_TO_RE = new RegExp(
  String.raw`\bfrom\s+(?:about |around |roughly |~)?${NUM}[^→]{0,40}?\bto\s+(?:under |below |less than |fewer than |over |above |at least |more than |about |around |~|<|>|≤|≥)?\s*${NUM}`,
);
const ARROW_RE = new RegExp(String.raw`${NUM}\s*→\s*[<>~≤≥]?\s*${NUM}`);
const KO_FROM_TO_RE = /(\d[\d,.]*)\s*([가-힣%]{0,3})에서\s*(\d[\d,.]*)\s*([가-힣%]{0,3})(?:으로|로|까지)/;
const UP_FROM_RE = /\b(up|down) from\b/;

function toNumber(s: string): number {
  return Number(s.replace(/[$€£¥₩,+]/g, ''));
}

/** Up or down, read off a from-to pair with comparable units ("from 52 days to 30 days"). */
export function numericDirection(lower: string): Direction {
  const upFrom = UP_FROM_RE.exec(lower);
  if (upFrom) return upFrom[1] === 'up' ? 'up' : 'down';
  const m = FROM_TO_RE.exec(lower) ?? ARROW_RE.exec(lower) ?? KO_FROM_TO_RE.exec(lower);
  if (!m) return 'unknown';
  const [, a, unitA = '', b, unitB = ''] = m;
  if (a === undefined || b === undefined) return 'unknown';
  if (unitA && unitB && unitA !== unitB) return 'unknown';
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y) || x === y) return 'unknown';
  return y > x ? 'up' : 'down';
}
