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

/** A cheap test that one of the three patterns below can match. */
const OWN_HINT_RE =
  /(?:ed|run|given|spent|held|written|built|done|made|sent)\s*(?:by\s|from\s|per\s|to\s|:|→|\d)|budget|spend|allocation|예산|비용/;
/** A work participle right after the counted noun, before its numbers: "runbooks automated from 8". */
const OWN_WORK_RE =
  /\b(?:automated|processed|triaged|run|given|executed|spent|handled|screened|completed|conducted|performed|logged|held|written|drafted|authored|created|built)\s+(?:from\b|per\b|:|→|\d|to\s+(?:our\s+)?(?:customers|clients|prospects|partners|employees|staff|managers|accounts)\b)/;
/** The team as the agent of the counted work: "… completed by CSMs", "… by the finance ops team". */
const OWN_AGENT_RE =
  /\b(?:done|automated|processed|triaged|completed|handled|run|given|executed|reviewed|conducted|logged|made|sent|performed)\s+by\s+(?:the\s+|our\s+)?(?:[a-z&-]+\s+){0,3}?(?:team|teams|ops|csms?|recruiters?|reps?|agents?|engineers?|staff|managers?|support|analysts?|us|we)\b/;
/** Money the team spends is an input: "paid social spend", "L&D budget spent", "budget executed". */
const BUDGET_INPUT_RE =
  /\b(?:budget|allocation)\s+(?:spent|executed|used|utili[sz]ed|deployed|utili[sz]ation|execution)\b|\b(?:paid|ad|advertising|marketing|media|social|search|l&d|training|learning|event|campaign|sponsorship)\s+(?:[a-z]+\s+)?(?:spend|budget)\b|(?:예산|비용)\s?(?:집행|소진|사용)/;

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
  // The team's own output or inputs, counted up: "runbooks automated from 8 to 35", "tickets triaged by
  // support ops", "paid social spend from $15k to $40k", "budget executed from 60% to 95%".
  if (
    direction !== 'down' &&
    OWN_HINT_RE.test(text) &&
    (OWN_WORK_RE.test(text) || OWN_AGENT_RE.test(text) || BUDGET_INPUT_RE.test(text))
  )
    return 'activity';
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
const TO_ZERO_RE = /\bfrom\s+[~$]?\d[^→]{0,40}?\bto\s+(?:zero|none|0)\b|\d\S*\s*→\s*(?:zero|0)\b/;
const UP_FROM_RE = /\b(up|down) from\b/;

function toNumber(s: string): number {
  return Number(s.replace(/[$€£¥₩,+]/g, ''));
}

/** Up or down, read off a from-to pair with comparable units ("from 52 days to 30 days"). */
export function numericDirection(lower: string): Direction {
  const upFrom = UP_FROM_RE.exec(lower);
  if (upFrom) return upFrom[1] === 'up' ? 'up' : 'down';
  const m = FROM_TO_RE.exec(lower) ?? ARROW_RE.exec(lower) ?? KO_FROM_TO_RE.exec(lower);
  // "from 140 to zero", "12 → 0": down to nothing.
  if (!m) return TO_ZERO_RE.test(lower) ? 'down' : 'unknown';
  const [, a, unitA = '', b, unitB = ''] = m;
  if (a === undefined || b === undefined) return 'unknown';
  if (unitA && unitB && unitA !== unitB) return 'unknown';
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y) || x === y) return 'unknown';
  return y > x ? 'up' : 'down';
}
