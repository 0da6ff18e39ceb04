import type { FactDetails } from './extract-facts.js';
import { type LeadVerb, stripLead } from './find-lead-verb.js';
import {
  CADENCE_RE,
  CHANGE_VERB_ANY_RE,
  CUSTOMER_SHARE_RE,
  NO_START_RE,
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
/** The object of a work verb is a service level itself: "Define SLOs…", "Publish support SLAs". */
const SLA_OBJECT_RE =
  /^(?:(?!(?:within|under|inside|per|against|to|of|in|on|at|meet|meeting|by)\b)[\w-]+\s+){0,3}?(?:slas?|slos?|olas?|service levels?)\b/;
const COMPLETE_RE =
  /\b(?:complete|completes|completed|completion|finish|finished|certified|certification|trained|renew|renews|renewed|recertify|recertifies|re-certify|attest|attests)\b|완료|이수|수료/;
/** Korean cadences of a recurring duty: 연 1회, 분기 1회, 정기. */
const KO_CADENCE_RE = /(?:연|연간|매년|반기|분기|월|매월)\s?\d+\s?회|정기/;
const KO_TIME_RULE_RE = /이내|기한\s?내|기한|제때|적기|정시|당일|즉시/;

/**
 * Why the key result is a standing threshold to hold (a KPI standard), or undefined. A baseline
 * means a real change is wanted, so it is never a standard.
 */
export function detectKpiStandard(
  masked: string,
  facts: FactDetails,
  lead: LeadVerb | undefined,
): StandardReason | undefined {
  if (facts.has_baseline) return undefined;
  const changing = lead?.cls === 'change';
  if (lead?.cls === 'standard') return 'hold_verb';
  if (STANDARD_PHRASE_RE.test(masked)) return 'never';
  if (NO_START_RE.test(masked) && !changing) return 'never';
  if (KO_STANDARD_RE.test(masked)) return 'hold_verb';
  // "Hit the 48-hour SLA on 98% of redlines": reaching a service level is meeting a standard.
  if (changing && /^(?:hit|hits|meet|meets|reach|reaches|achieve|achieves|attain|attains)$/.test(lead.verb)) {
    if (SLA_RE.test(masked)) return 'sla';
  }
  if (changing) return facts.zeroTarget ? 'zero_target' : undefined;
  // "Define p95 latency SLOs for all services": the service level is the deliverable, not a bar to meet.
  const slaDeliverable = lead?.cls === 'activity' && SLA_OBJECT_RE.test(lead.rest);
  if (SLA_RE.test(masked) && !slaDeliverable) return 'sla';
  const timeRule = TIME_RULE_RE.test(masked) && !CUSTOMER_SHARE_RE.test(stripLead(masked));
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
  // "Every production deploy passes security scanning": a standing rule, unless it is a one-off push.
  if (!facts.has_deadline && RULE_STATEMENT_RE.test(masked) && !PASSIVE_ACTIVITY_RE.test(masked))
    return 'compliance_rule';
  return undefined;
}
