import type { FactDetails } from './extract-facts.js';
import { type LeadVerb, stripLead } from './find-lead-verb.js';
import {
  CADENCE_RE,
  CHANGE_VERB_ANY_RE,
  CUSTOMER_SHARE_RE,
  EFFORT_NOUN_RE,
  NO_START_RE,
  OUTCOME_HEAD_RE,
  PASSIVE_ACTIVITY_RE,
  RECURRING_RE,
  RULE_STATEMENT_RE,
  SLA_RE,
  STANDARD_PHRASE_RE,
  THRESHOLD_RE,
  TIME_RULE_RE,
} from './lexicon-en.js';
import { KO_STANDARD_RE } from './lexicon-ko.js';

export type StandardReason =
  | 'hold_verb'
  | 'never'
  | 'sla'
  | 'cadence_threshold'
  | 'compliance_rule'
  | 'recurring_completion'
  | 'zero_target';

const FULL_SCOPE_RE = /\b100\s*%|\b(?:all|every|each)\b|\b(?:everyone|everybody)\b|100\s?%|전원|모든|전체/;
const PERCENT_RE = /\d\s*%/;
const KO_DIRECTION_END_RE =
  /(?:개선|향상|제고|증가|증대|감소|단축|절감|축소|확대|높이기|줄이기|낮추기|늘리기)(?:하기|한다|함)?\s*(?:\([^)]*\))?\s*[.!]?$/;
/** "Reconcile all bank accounts …": an unknown verb applied to a full scope. */
const IMPERATIVE_SCOPE_RE = /^[a-z]+\s+(?:all|every|each|100\s*% of)\b/;
const STAYS_RE =
  /^(?:[\w'/-]+\s+){1,5}?(?:stays?|remains?|holds?)\s+(?:at|within|under|below|above|over|between|no|steady|flat|stable|in|inside|on or|at or)\b/;
/** A time bound on each item: "within 5 business days of applying", "within the week it arrives". */
const PER_ITEM_BOUND_RE =
  /\bwithin\s+(?:\d+(?:\.\d+)?|one|two|three|four|five|seven|ten|a|the same|the)\s*(?:business |working |calendar )?(?:minutes?|hours?|days?|weeks?|months?|shift|day|week)\b/;
const START_BOUND_RE =
  /^(?:every|each|all|100\s*% of)\b.*\b(?:before|by|on)\s+(?:day|week)\s+\d+\b|^(?:every|each|all)\b.*\b(?:before|on|by)\s+(?:their|the|his|her)\s+first\s+(?:day|week|shift)\b/;
/** A level compared with a threshold: "under 5%", "at or above 85%", "no lower than 20%", "at least 3 … per req". */
const LEVEL_THRESHOLD_RE =
  /\b(?:under|below|above|over|at or above|at or below|at or under|no more than|no less than|no fewer than|no higher than|no lower than|at least|at most|or higher|or lower|or more|or less|or better|or above|or below)\s*[<>≤≥~]?\s*[$€£¥₩]?\d|\d[\d,.]*\s*%?\s*(?:[a-z]+\s+)?or (?:higher|lower|more|less|better|above|below)\b|[<>≤≥]\s*[$€£¥₩]?\d/;
const COMPARATOR_WORDS_RE = /\bno (?:lower|higher|more|less|fewer|worse) than\b|\bor (?:lower|higher)\b/g;
const RATE_PER_RE = /\bper\s+(?:open\s+|active\s+)?[a-z-]+/;

function thresholdStatement(masked: string): boolean {
  if (!LEVEL_THRESHOLD_RE.test(masked)) return false;
  // "80% of new hires rate their first week 4 or higher": a share of people doing something is an outcome.
  if (/^(?:\d[\d,.]*\s*%|half|most)\s+of\b/.test(masked)) return false;
  if (CHANGE_VERB_ANY_RE.test(masked.replace(COMPARATOR_WORDS_RE, ' '))) return false;
  if (EFFORT_NOUN_RE.test(masked) && !OUTCOME_HEAD_RE.test(masked)) return false;
  return OUTCOME_HEAD_RE.test(masked) || RATE_PER_RE.test(masked);
}

const ADOPTION_RE =
  /(?:\d[\d,.]*\s*%\s+of|\b(?:share|percentage|proportion|number) of|^get)\s+(?:(?:the|our|all|new|active|paying|existing|eligible|target)\s+)*(?:[a-z&-]+\s+){0,2}?(?:users|customers|employees|managers|engineers|recruiters|aes|reps|agents|accounts|teams|developers|admins|sellers|members|staff|hires|csms|analysts|leaders|students|clients|merchants|partners|people|workers|nurses|drivers|learners|buyers|sales reps)\s+(?:to\s+|who\s+)?(?:use|uses|using|adopt|adopts|adopting|run|runs|running|log into|logs into|logging into|rely on|relies on|relying on|work in|working in)\b|\d[\d,.]*\s*%\s+of\s+(?:[a-z&-]+\s+){1,3}?(?:submitted|filed|booked|paid|placed|made|handled|resolved|completed|done|processed|raised|opened|created|ordered)\s+(?:through|via|in|on|using|with)\s+(?:the\s+|our\s+)?(?:new\s+)?(?:[a-z-]+\s+){0,2}?(?:app|portal|self-service|tool|platform|online|website|site|chatbot|bot|kiosk|channel)\b|\d\s*%\s*(?:이상)?(?:이|가)\s.*(?:사용|활용|이용|접속|로그인)(?:한다|함|하기)?\s*(?:\([^)]*\))?\s*$/;

const ADOPTION_HINT_RE =
  /\b(?:us(?:e|es|ing)|adopt|adopts|adopting|runs?|running|log(?:s|ging)? into|rel(?:y|ies|ying) on|work(?:s|ing)? in|through|via)\b|사용|활용|이용|접속|로그인/;
/** People taking up a tool or practice: "60% of active accounts use X weekly", "N%가 … 사용". */
export function isAdoption(masked: string): boolean {
  return ADOPTION_HINT_RE.test(masked) && ADOPTION_RE.test(stripLead(masked));
}
/** The object of a work verb is a service level itself: "Define SLOs…", "Publish support SLAs". */
const SLA_OBJECT_RE =
  /^(?:(?!(?:within|under|inside|per|against|to|of|in|on|at|meet|meeting|by)\b)[\w-]+\s+){0,3}?(?:slas?|slos?|olas?|service levels?)\b/;
const COMPLETE_RE =
  /\b(?:complete|completes|completed|completion|finish|finished|certified|certification|trained|renew|renews|renewed|recertify|recertifies|re-certify|attest|attests)\b|완료|이수|수료/;
/** Korean cadences of a recurring duty: 연 1회, 분기 1회, 정기. */
const KO_CADENCE_RE = /(?:연|연간|매년|반기|분기|월|매월)\s?\d+\s?회|정기|(?:분기|반기|월|연|주)별/;
const KO_TIME_RULE_RE = /이내|기한\s?내|기한|제때|적기|정시|당일|즉시/;

/**
 * Why the key result is a standing threshold to hold (a KPI standard), or undefined. A baseline
 * means a real change is wanted, so it is never a standard.
 */
export function detectKpiStandard(
  masked: string,
  facts: FactDetails,
  lead: LeadVerb | undefined,
  lower: string = masked,
): StandardReason | undefined {
  if (facts.has_baseline) return undefined;
  // "40% of active accounts use saved reports weekly by Q4": adoption to reach, not a level to hold.
  if (facts.has_deadline && isAdoption(masked)) return undefined;
  const changing = lead?.cls === 'change';
  if (lead?.cls === 'standard') return 'hold_verb';
  if (STANDARD_PHRASE_RE.test(masked)) return 'never';
  if (NO_START_RE.test(masked) && !changing) return 'never';
  // "협력사 납기 준수 개선": a change predicate at the end wants a change, whatever rule it names.
  if (KO_STANDARD_RE.test(masked) && !(KO_DIRECTION_END_RE.test(masked) && !/유지/.test(masked)))
    return 'hold_verb';
  // "time-to-hire stays within 30–45 days": a subject holding a level.
  if (!lead && STAYS_RE.test(masked) && !facts.has_deadline) return 'hold_verb';
  // "Hit the 48-hour SLA on 98% of redlines": reaching a service level is meeting a standard.
  if (changing && /^(?:hit|hits|meet|meets|reach|reaches|achieve|achieves|attain|attains)$/.test(lead.verb)) {
    if (SLA_RE.test(masked)) return 'sla';
  }
  if (changing) return facts.zeroTarget ? 'zero_target' : undefined;
  // "Define p95 latency SLOs for all services": the service level is the deliverable, not a bar to meet.
  const slaDeliverable = lead?.cls === 'activity' && SLA_OBJECT_RE.test(lead.rest);
  if (SLA_RE.test(masked) && !slaDeliverable) return 'sla';
  let timeRule = TIME_RULE_RE.test(masked) && !CUSTOMER_SHARE_RE.test(stripLead(masked));
  // "Respond to every candidate within 5 business days of applying": the team acting on each item
  // within a bound is a service level, whatever event the bound counts from.
  if (
    !timeRule &&
    (lead?.cls === 'activity' || (!lead && IMPERATIVE_SCOPE_RE.test(stripLead(masked)))) &&
    !facts.has_deadline &&
    /\b(?:every|each|all|100\s*%)\b/.test(masked) &&
    PER_ITEM_BOUND_RE.test(lower)
  )
    timeRule = true;
  // "Every new starter signs the code of conduct before day 2": a bound counted from each start.
  if (!timeRule && !facts.has_deadline && START_BOUND_RE.test(lower)) timeRule = true;
  // "Resolve P1 incidents within 4 hours, 24/7": a round-the-clock time bound is a service level.
  if (timeRule && !facts.has_deadline && /\b24\s*\/\s*7\b|\b24x7\b/.test(lower)) return 'sla';
  const cadence = CADENCE_RE.test(masked);
  if (cadence && (timeRule || THRESHOLD_RE.test(masked) || PERCENT_RE.test(masked)))
    return 'cadence_threshold';
  const fullScope = FULL_SCOPE_RE.test(masked);
  if ((fullScope || PERCENT_RE.test(masked)) && timeRule) return 'compliance_rule';
  // "Payroll questions answered within one business day": a service level stated as a fact.
  if (!lead && timeRule && !facts.has_deadline && !CHANGE_VERB_ANY_RE.test(masked)) return 'sla';
  if (fullScope && KO_TIME_RULE_RE.test(masked) && /100\s?%|전원|모든|전체/.test(masked))
    return 'compliance_rule';
  // A recurring mandatory completion is a standard; with a deadline it is this cycle's push (an activity).
  if (
    fullScope &&
    COMPLETE_RE.test(masked) &&
    (RECURRING_RE.test(masked) || cadence || KO_CADENCE_RE.test(masked)) &&
    !facts.has_deadline
  ) {
    return 'recurring_completion';
  }
  if (facts.zeroTarget) return 'zero_target';
  // "ticket reopen rate under 5%", "offer acceptance rate at or above 85%": a measured level stated
  // against a threshold, with no change word and no deadline, is a bar to stay on the right side of.
  if (!lead && !facts.has_deadline && thresholdStatement(masked)) return 'cadence_threshold';
  // "Every production deploy passes security scanning": a standing rule, unless it is a one-off push.
  if (!facts.has_deadline && RULE_STATEMENT_RE.test(masked) && !PASSIVE_ACTIVITY_RE.test(masked))
    return 'compliance_rule';
  return undefined;
}
