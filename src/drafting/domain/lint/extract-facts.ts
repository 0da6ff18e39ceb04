import {
  ACTIVITY_VERB_RE,
  CHANGE_VERB_RE,
  DIRECTION_RE,
  hasStepNumberHint,
  NAME_NUMBER_RE,
  NO_START_RE,
  NUMBER_WORD_RE,
  OBJECTIVE_RANK_RE,
  OUTCOME_COUNT_VERB_RE,
  PLAN_THRESHOLD_RE,
  QUANTIFIER_RE,
  STANDARD_VERB_RE,
  STEP_NUMBER_RE,
} from './lexicon-en.js';
import {
  KO_BASELINE_RE,
  KO_COUNT_RE,
  KO_DEADLINE_RE,
  KO_DIRECTION_RE,
  KO_QUANTIFIER_RE,
  KO_ZERO_RE,
} from './lexicon-ko.js';
import type { PreparedText } from './prepare-text.js';
import type { TextFacts } from './types.js';

export interface FactDetails extends TextFacts {
  /** Lower-case text with numbers inside names blanked out (to tell targets from names). */
  masked: string;
  /** A digit that is a quantity (not part of a name) is present. */
  hasNumber: boolean;
  /** The end value is zero (zero incidents, 0건, no P1 ticket…). */
  zeroTarget: boolean;
  /** The quantifier (all, every, 전원…) is the only target. */
  quantifierOnly: boolean;
  /** The deadline phrase as written, when there is one. */
  deadlineText?: string;
  /** The target value as written, when a number is found (for suggestions). */
  targetText?: string;
  /** A short time window ("within 24 hours", "within 14 days of starting"): the metric is a speed. */
  speedWindow: boolean;
}

const SPEED_WINDOW_RE =
  /\bwithin\s+(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|ten|fourteen|thirty|a)\s*(?:business |working |calendar )?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\b/;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** Named calendar events that bound a cycle: holidays, the fiscal close. */
const EVENT =
  '(?:black friday|cyber monday|christmas|thanksgiving|(?:lunar )?new year|chuseok|(?:holiday|peak|busy|audit|tax|budget|planning|review|renewal|hiring) season|(?:fiscal|financial|year-end|quarter-end|annual|books?) close)';
const PERIOD = String.raw`(?:q[1-4]|h[12]|fy\s?'?\d{2,4}|fy|(?:19|20)\d{2}|${MONTH}|${EVENT}|spring|summer|fall|autumn|winter|year[- ]?end|eoy|eoq|eom|the year|this year|the quarter|the half|the month|(?:fiscal|financial|calendar) year|quarter|half|year|month)`;

const DEADLINE_RES: readonly RegExp[] = [
  // by / before / until … a period: "by end of Q3", "before the end of November", "by the October survey"
  new RegExp(
    String.raw`\b(?:by|before|until|till|through|thru|no later than|ahead of|in time for|due)\s+(?:the\s+)?(?:(?:end|close|start|beginning|middle|mid|close)\s*(?:of\s+)?(?:the\s+)?)?(?:(?!last\b|next\b|per\b|a\b|an\b|each\b|every\b)[a-z'-]+\s+){0,2}?${PERIOD}(?![\w-])(?!\s+(?:cohort|class|intake|batch|hires|joiners|starters|levels?)\b)`,
  ),
  // in / during / at … a named period: "in H2", "in FY25", "at the FY25 external audit", "in April"
  new RegExp(
    String.raw`\b(?:in|during|within|for|at|on|over|across|throughout)\s+(?:the\s+)?(?:(?:end|close|first|second|last|rest|remainder)\s+(?:half\s+)?(?:of\s+)?(?:the\s+)?)?(?:q[1-4]|h[12]|fy\s?'?\d{2,4}|(?:19|20)\d{2}|${MONTH}|${EVENT}|spring|summer|autumn|winter|year[- ]end)(?![\w-])(?!\s+(?:cohort|class|intake|batch|hires|joiners|starters|levels?|baseline)\b)`,
  ),
  // "in the next 90 days": a bound counted from now
  /\b(?:in|within|over|during)\s+the\s+(?:next|coming)\s+(?:\d+|two|three|four|six|eight|ten|twelve)\s+(?:days|weeks|months|quarters|years|sprints|halves)\b/,
  // this / next period: "this quarter", "this half", "next fiscal year"
  /\b(?:this|next|the current|current|the coming|coming)\s+(?:fiscal\s+|calendar\s+|financial\s+)?(?:quarter|year|half|month|fy|sprint|cycle|okr cycle|period|season|semester|term|spring|summer|fall|autumn|winter)\b/,
  // period ends: "Q2 end", "before Q3 closes", "year-end", "EOY"
  /\b(?:(?:q[1-4]|h[12]|fy\s?'?\d{0,4})\s*(?:end|close|closes|ends)\b|year[- ]end\b|yearend\b|eoy\b|eoq\b|end of (?:the )?(?:quarter|year|half|month|fiscal year|financial year|q[1-4]|h[12]|fy\s?'?\d{0,4}|sprint|cycle)\b)/,
  // calendar dates: "Oct 1", "31 March", "2026-03-31", "by 6/30"
  new RegExp(String.raw`\b${MONTH}\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\s*(?:%|k\b))`),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}\b`),
  /\b\d{4}-\d{2}-\d{2}\b/,
  // "Q3: pipeline coverage 2.1x → 3.5x": a period label opening the line
  /^(?:q[1-4]|h[12]|fy\s?'?\d{2,4})\s*:/,
  /\b(?:by|before|until|on|due)\s+(?!24\s*\/\s*7\b)\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/,
];

/** Baseline time phrases ("we had 4 in Q1", "last year") are masked before looking for deadlines. */
const BASELINE_TIME_RE =
  /\b(?:had|was|were|from|vs\.?|versus|compared (?:with|to))\s+(?=[^,;)]{0,30}?\d)(?:(?!\bto\b)[^,;)]){0,30}?\b(?:in|during)\s+(?:q[1-4]|h[12]|fy\s?'?\d{2,4}|(?:19|20)\d{2})\b|\blast\s+(?:quarter|year|half|month|fy|fiscal year)\b|\b(?:in|during)\s+(?:19|20)\d{2}\b(?=[^,;]*\bto\b)/g;

const NUMBER_WORDS =
  'zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a handful|a dozen|half';
const BASELINE_RES: readonly RegExp[] = [
  new RegExp(
    String.raw`\bfrom\s+(?:(?:last|this)\s+\w+'?s?\s+|(?:about|around|roughly|approximately|approx\.?|nearly|almost|just|over|under|below|above|an?|the current|current|today's|a baseline of)\s+)*(?:[~≈<>≤≥±+-]\s*)?(?:[$€£¥₩]?\d|(?:${NUMBER_WORDS})\b)`,
  ),
  /\d[^→]{0,14}→\s*[<>~≤≥+-]?\s*[$€£¥₩]?\d/,
  /\bcurrently\s*(?:at|is|are|sits at|stands at|running at|:)?\s*(?:about|around|roughly|~)?\s*[<>~]?\s*[$€£¥₩]?\d/,
  /\d[\d,.]*\s*(?:%|[a-z]+)?\s+(?:today|now|currently|at present|right now|at baseline|baseline)\b/,
  new RegExp(
    String.raw`\b(?:vs\.?|versus|compared (?:with|to)|instead of|baseline(?: of| is| was|:)?|was|were|had|(?:up|down) from|relative to)\s+(?:(?:about|around|roughly|approximately|nearly|only|just|the|a|an|last|this|year's|quarter's)\s+)*(?:[~≈<>+-]\s*)?(?:[$€£¥₩]?\d|(?:${NUMBER_WORDS})\b)`,
  ),
  /\(\s*(?:currently|today|now|baseline|was|from)\b[^)]*\d/,
  // "(we're at 2.8%)", "we are at 40 today"
  /\b(?:we're|we are|we sit|we stand|it's|it is|it sits|they're|they are)\s+(?:currently\s+|now\s+|today\s+)?(?:at|on)\s+(?:about\s+|around\s+|~)?[$€£¥₩]?\d/,
  // "down to zero by EOQ; 9 last quarter"
  /(?:^|[\s;,(])\d[\d,.]*\s*%?\s+(?:in\s+|during\s+)?(?:last|the previous|the prior)\s+(?:quarter|year|month|half|cycle|fy|fiscal year)\b/,
  // "zero outages in Q2 after 3 in Q1" (periods are masked to x)
  /\bafter\s+(?:just\s+|only\s+)?\d[\d,.]*\s*%?\s+(?:[a-z-]+\s+)?(?:in|during)\s+(?:x\b|last\b|the (?:last|previous|prior)\b)/,
];

const NUMBER_GLOBAL_RE =
  /(?:^|[^\w.])([~≈<>≤≥+-]?\s*[$€£¥₩]?\d[\d,]*(?:\.\d+)?\s*(?:%|k\b|m\b|bn\b|x\b|pp\b)?)/g;

/** "drop by half", "cut by a third": an amount, not "by the half" (a deadline). */
const BY_FRACTION_RE =
  /\bby\s+(?:a\s+|one\s+)?(?:half|third|quarter|fifth|two[- ]thirds)\b(?![\s-]*(?:end|ends|close|closes)\b)/g;

function findDeadline(lower: string): string | undefined {
  const text = lower
    .replace(BASELINE_TIME_RE, (m) => ' '.repeat(m.length))
    .replace(BY_FRACTION_RE, (m) => ' '.repeat(m.length));
  for (const re of DEADLINE_RES) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  const ko = KO_DEADLINE_RE.exec(text);
  return ko ? ko[0].trim() : undefined;
}

function lastNumber(masked: string): string | undefined {
  let last: string | undefined;
  NUMBER_GLOBAL_RE.lastIndex = 0;
  for (let m = NUMBER_GLOBAL_RE.exec(masked); m !== null; m = NUMBER_GLOBAL_RE.exec(masked)) {
    last = m[1]?.trim();
  }
  return last;
}

/** "without errors", "error-free": a zero target in words. */
const WITHOUT_FAILURE_RE =
  /\bwithout (?:a single |any )?(?:errors?|exceptions?|incidents?|delays?|defects?|failures?|breaches?|mistakes?|injur(?:y|ies)|findings?|complaints?|downtime)\b|\b(?:error|defect|incident|injury|accident)-free\b/;

/** "NPS 30 to 45", "MRR $50k to $80k": a shorthand from-to after a metric name (not "hire 3 to 5"). */
const SHORT_FROM_TO_RE =
  /([a-z][a-z'-]*)\s+[~$€£¥₩]?\d[\d,.]*\s*(?:%|k|m|[a-z]{1,4})?\s+to\s+[<>~$€£¥₩]?\s*\d/;

const SHORT_TO_HINT_RE = /\d\S*\s+to\s/;

/** True when the text states a starting value (from X, up from, currently, vs, →, 에서). */
export function hasBaseline(masked: string): boolean {
  for (const re of BASELINE_RES) if (re.test(masked)) return true;
  const short = SHORT_TO_HINT_RE.test(masked) ? SHORT_FROM_TO_RE.exec(masked) : null;
  if (short?.[1] && !isVerbOrFunctionWord(short[1])) return true;
  return KO_BASELINE_RE.test(masked);
}

const FUNCTION_WORD_RE =
  /^(?:between|from|of|by|to|and|or|the|a|an|with|for|in|on|at|per|about|around|roughly|approximately|up|down|only|just|least|most|than)$/;

function isVerbOrFunctionWord(word: string): boolean {
  return (
    FUNCTION_WORD_RE.test(word) ||
    ACTIVITY_VERB_RE.test(word) ||
    CHANGE_VERB_RE.test(word) ||
    OUTCOME_COUNT_VERB_RE.test(word) ||
    STANDARD_VERB_RE.test(word)
  );
}

export function maskNames(lower: string): string {
  NAME_NUMBER_RE.lastIndex = 0;
  // Keep the length (and so positions) stable: names become runs of spaces-with-a-letter.
  const masked = lower.replace(NAME_NUMBER_RE, (m) => 'x'.padEnd(m.length, ' '));
  if (!hasStepNumberHint(masked)) return masked;
  STEP_NUMBER_RE.lastIndex = 0;
  return masked.replace(STEP_NUMBER_RE, (m) => 'x'.padEnd(m.length, ' '));
}

export function extractFacts(prepared: PreparedText, kind: 'key_result' | 'objective'): FactDetails {
  const { lower, language } = prepared;
  const masked = maskNames(lower);
  const deadlineText = findDeadline(lower);
  const digits = /\d/.test(masked);
  const koCount = KO_COUNT_RE.test(masked);
  const numberWord = NUMBER_WORD_RE.test(masked);
  const quantifier = QUANTIFIER_RE.test(masked) || NO_START_RE.test(masked) || KO_QUANTIFIER_RE.test(masked);
  const hasNumber = digits || koCount;
  let has_target = hasNumber || numberWord || quantifier || PLAN_THRESHOLD_RE.test(masked);
  const quantifierOnly = !hasNumber && !numberWord && quantifier;
  // In an objective, "every new hire" describes who it is for; a scope counts only when bounded in time.
  if (kind === 'objective' && quantifierOnly && !deadlineText) has_target = false;
  // A rank ("a top-3 vendor") is the objective's number.
  if (kind === 'objective' && OBJECTIVE_RANK_RE.test(lower)) has_target = true;

  const has_baseline = hasBaseline(masked);

  const zeroTarget =
    /\b(?:zero|none|no one|nobody)\b/.test(masked) ||
    WITHOUT_FAILURE_RE.test(masked) ||
    NO_START_RE.test(masked) ||
    /(?:\bto|→|^)\s*0(?![\d.,])/.test(masked) ||
    /(?:^|\s)0\s+(?![\d.,])[a-z]/.test(masked) ||
    KO_ZERO_RE.test(masked);

  const direction = DIRECTION_RE.test(lower) || KO_DIRECTION_RE.test(lower);
  const vague = kind === 'key_result' ? direction && !has_target : false;
  const facts: FactDetails = {
    has_baseline,
    has_target,
    has_deadline: deadlineText !== undefined,
    vague,
    language,
    masked,
    hasNumber,
    zeroTarget,
    quantifierOnly,
    speedWindow: SPEED_WINDOW_RE.test(lower),
  };
  if (deadlineText !== undefined) facts.deadlineText = deadlineText;
  const target = lastNumber(masked);
  if (target !== undefined) facts.targetText = target;
  return facts;
}
