import {
  ACTIVITY_VERB_RE,
  ACTIVITY_VERBS,
  CHANGE_VERB_RE,
  CHANGE_VERBS,
  CUSTOMER_SIDE_RE,
  DEAL_NOUN_RE,
  EFFORT_NOUN_END_RE,
  EFFORT_NOUN_RE,
  LEADING_TIME_CLAUSE_RE,
  LIST_MARKER_RE,
  OUTCOME_COUNT_VERB_RE,
  OUTCOME_COUNT_VERBS,
  PARTICIPATION_RE,
  STANDARD_VERB_RE,
  STANDARD_VERBS,
  THRESHOLD_RE,
} from './lexicon-en.js';

export type VerbClass = 'activity' | 'change' | 'outcome_count' | 'standard';

export interface LeadVerb {
  cls: VerbClass;
  /** The verb as written (lower case). */
  verb: string;
  /** The text after the verb: its object and the rest of the sentence. */
  rest: string;
}

const ADVERB_RE =
  /^(?:successfully|fully|jointly|together|consistently|reliably|measurably|significantly|sustainably|meaningfully|visibly)\s+/;
/** Verbs whose count is a result only when the object is a deal, a customer or money. */
const OBJECT_DEPENDENT = new Set([
  'close',
  'closes',
  'closed',
  'add',
  'adds',
  'added',
  'book',
  'books',
  'booked',
  'place',
  'places',
  'placed',
  'land',
  'lands',
  'landed',
  'secure',
  'secures',
  'secured',
  'gain',
  'gains',
  'gained',
  'activate',
  'activates',
  'activated',
  'reactivate',
  'reactivates',
  'reactivated',
]);
const MONEY_OR_PEOPLE_RE =
  /\$|\d\s*(?:k|m|bn)\b|\b(?:candidates|hires|engineers|people|followers|subscribers|users|members|sign-?ups|leads|students|patients|donors|applicants|sellers|merchants|creators|drivers|hosts|developers|dormant|churned|lapsed|new (?:paying|enterprise|smb|mid-market))\b/;
/** "… live", "… signed off", "… in place": the object is a deliverable to finish. */
const GET_DONE_RE =
  /^(?:[\w'/-]+\s+){0,6}?(?:live|launched|shipped|done|finished|completed|implemented|set up|signed off|approved|certified|deployed|rolled out|installed|in place|published|out the door|over the line|migrated)\b/;
/** The head noun of the counted phrase: its last one or two words ("newsletter subscribers"). */
function headOf(phrase: string): string {
  return phrase.trim().split(/\s+/).slice(-2).join(' ');
}
/** Where the counted noun phrase ends: "40 discovery meetings | with target accounts". */
const OBJECT_END_RE = /\b(?:with|for|to|from|in|on|at|by|of|across|among|via|through|before|this|within)\b/;
const FIRST_WORD_RE = /^[a-z]+/;
/** Verbs that move a number only in a from-to shape ("take X from A to B"). */
const LIGHT_CHANGE_VERB_RE =
  /^(?:take|takes|took|bump|bumps|bumped|scale|scales|scaled|shift|shifts|shifted)$/;
const FROM_TO_SHAPE_RE = /\bfrom\s+[~$€£¥₩]?\d[^→]{0,60}?\bto\b|\d[^→]{0,14}→\s*[<>~]?\s*[$€£¥₩]?\d/;
/** "at least 2 ", "no fewer than 10 ": a bound on a count (not a percentage). */
const BOUNDED_COUNT_RE =
  /^(?:at least|at most|no fewer than|no less than|a minimum of|up to|more than)\s+\d[\d,]*(?![\d.,]*\s*%)\s+/;
const PAYING_RE = /^(?:\S+\s+){0,3}?paying\s+(?:customers?|accounts?|users?|clients?|teams?|subscribers?)\b/;
const SHARE_OF_RE = /^(?:\d[\d,.]*\s*%|half|a third|\d+ (?:in|out of) \d+)\s+of\s+(?:the\s+|our\s+)?/;

/** The key result without list markers, a leading time clause or a leading adverb. */
export function stripLead(lower: string): string {
  let s = lower.replace(LIST_MARKER_RE, '');
  s = s.replace(LEADING_TIME_CLAUSE_RE, '');
  s = s.replace(ADVERB_RE, '');
  // "Continue to hold yield at 98%": the verb that follows carries the meaning.
  s = s.replace(/^(?:continue|continues|keep on)\s+(?:to\s+)?(?=[a-z])/, '');
  return s.replace(/^["'([]+/, '').trim();
}

function matchLength(re: RegExp, clause: string): number {
  const m = re.exec(clause);
  if (!m) return 0;
  // "drop-off", "call-center": a hyphen after the verb makes it a noun.
  const next = clause.charAt(m[0].length);
  if (next === '-' || next === "'") return 0;
  return m[0].length;
}

const FUZZY_BASES: ReadonlyArray<readonly [string, VerbClass]> = [
  ...CHANGE_VERBS.map((v) => [v, 'change'] as const),
  ...STANDARD_VERBS.map((v) => [v, 'standard'] as const),
  ...ACTIVITY_VERBS.map((v) => [v, 'activity'] as const),
  ...OUTCOME_COUNT_VERBS.map((v) => [v, 'outcome_count'] as const),
].filter(([v]) => !v.includes(' ') && v.length >= 5);

/** True when a and b differ by at most one insertion, deletion, substitution or swap. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return true;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function fuzzyClass(word: string): [string, VerbClass] | undefined {
  if (word.length < 5) return undefined;
  for (const [base, cls] of FUZZY_BASES) {
    if (base[0] === word[0] && withinOneEdit(word, base)) return [base, cls];
  }
  return undefined;
}

/**
 * The verb that opens the key result and what kind it is, or undefined for a subject-first sentence
 * ("Stockouts drop to…", "Better visibility into spend").
 */
export function findLeadVerb(clause: string): LeadVerb | undefined {
  const candidates: Array<[VerbClass, number]> = [
    ['standard', matchLength(STANDARD_VERB_RE, clause)],
    ['change', matchLength(CHANGE_VERB_RE, clause)],
    ['outcome_count', matchLength(OUTCOME_COUNT_VERB_RE, clause)],
    ['activity', matchLength(ACTIVITY_VERB_RE, clause)],
  ];
  let best: [VerbClass, number] | undefined;
  for (const c of candidates) if (c[1] > 0 && (!best || c[1] > best[1])) best = c;
  if (!best) {
    const word = FIRST_WORD_RE.exec(clause)?.[0];
    // "Take time-to-hire from 52 to 30 days", "Bump screens from 25 → 45": a light verb with a from-to.
    if (word && LIGHT_CHANGE_VERB_RE.test(word) && FROM_TO_SHAPE_RE.test(clause)) {
      return { cls: 'change', verb: word, rest: clause.slice(word.length).trim() };
    }
    const fuzzy = word ? fuzzyClass(word) : undefined;
    if (!fuzzy || !word) return undefined;
    return { cls: fuzzy[1], verb: fuzzy[0], rest: clause.slice(word.length).trim() };
  }
  let [cls, len] = best;
  const verb = clause.slice(0, len);
  const rest = clause.slice(len).trim();
  // "Offer acceptance rate…", "Offer letters sent…": the noun, not the verb.
  if (cls === 'activity' && /^offer/.test(verb) && /^(?:accept|letters?\b|declines?\b|rate)/.test(rest))
    return undefined;
  // "Share of orders…", "Review of…": a work verb followed by "of" is a noun opening the subject.
  if (cls === 'activity' && /^of\b/.test(rest)) return undefined;
  // "Onboard 20 paying customers": bringing on paying customers is a result they decide.
  if (cls === 'activity' && /^(?:onboard|activate)/.test(verb) && PAYING_RE.test(rest)) cls = 'outcome_count';
  if (cls === 'outcome_count') {
    const object = rest.split(/\b(?:by|before|in|this|within)\b/)[0] ?? rest;
    // "50% of legacy reports": the head is after the share.
    const counted = rest.replace(SHARE_OF_RE, '');
    const head = counted.split(OBJECT_END_RE)[0] ?? counted;
    if (PARTICIPATION_RE.test(object)) cls = 'activity';
    else if (EFFORT_NOUN_END_RE.test(headOf(head)) && !CUSTOMER_SIDE_RE.test(head)) cls = 'activity';
    else if (OBJECT_DEPENDENT.has(verb) && !DEAL_NOUN_RE.test(object) && !MONEY_OR_PEOPLE_RE.test(object)) {
      cls = 'activity';
    }
    // "Hire an agency to redesign the site": one named hire with no count is a task.
    else if (
      /^(?:hire|hires|hired|recruit|recruits|recruited)$/.test(verb) &&
      !/\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozen)\b/.test(object)
    ) {
      cls = 'activity';
    }
  }
  // "Get the careers site live": a deliverable to finish; "Get 10 customers live": customers decide.
  if (
    cls === 'change' &&
    /^(?:get|gets|got|have|has)$/.test(verb) &&
    GET_DONE_RE.test(rest) &&
    !DEAL_NOUN_RE.test(rest) &&
    !MONEY_OR_PEOPLE_RE.test(rest)
  ) {
    cls = 'activity';
  }
  // "Hold churn below 2%" holds a level; "Hold 12 workshops" is work.
  if (cls === 'activity' && /^hold/.test(verb) && THRESHOLD_RE.test(rest) && !/^\d/.test(rest)) {
    // "Hold at least 2 skip-level meetings": a bounded count of work is still work.
    const bounded = BOUNDED_COUNT_RE.exec(rest);
    if (!bounded || !EFFORT_NOUN_RE.test(rest.slice(bounded[0].length))) cls = 'standard';
  }
  len = verb.length;
  return { cls, verb: clause.slice(0, len), rest };
}
