import {
  classifyMetricWindow,
  type Direction,
  hasOutcomeHead,
  numericDirection,
} from './classify-metric-window.js';
import { detectKpiStandard, isAdoption, type StandardReason } from './detect-kpi-standard.js';
import { type FactDetails, hasBaseline } from './extract-facts.js';
import { findLeadVerb, type LeadVerb, stripLead } from './find-lead-verb.js';
import {
  ACTIVITY_VERB_RE,
  CHANGE_NOUN_RE,
  CHANGE_VERB_ANY_RE,
  CLAUSE_EFFECT_RE,
  COMPLETION_RATE_RE,
  CUSTOMER_SHARE_RE,
  CUSTOMER_SIDE_RE,
  DEAL_NOUN_RE,
  DECREASE_RE,
  EFFORT_NOUN_RE,
  EFFORT_PARTICIPLE_RE,
  GENERIC_QUANTITY_RE,
  INTERNAL_PROGRAM_RE,
  NON_WORK_FIRST_WORD_RE,
  OBJECT_START_RE,
  OUTCOME_CLAUSE_RE,
  OUTCOME_PREDICATE_RE,
  PARTICIPATION_RE,
  PARTICLE_RE,
  PASSIVE_ACTIVITY_RE,
  PEOPLE_SHARE_RE,
} from './lexicon-en.js';
import {
  KO_ACTIVITY_END_RE,
  KO_BASELINE_POSITION_RE,
  KO_CHANGE_END_RE,
  KO_CHANGE_RE,
  KO_EFFORT_COUNTER_RE,
  KO_EFFORT_NOUN_RE,
  KO_OUTCOME_HEAD_RE,
  KO_RESULT_COUNT_END_RE,
} from './lexicon-ko.js';
import type { PreparedText } from './prepare-text.js';
import type { KeyResultVerdict } from './types.js';

export type KeyResultReason =
  | 'empty'
  | StandardReason
  | 'outcome_clause'
  | 'activity_verb'
  | 'binary_milestone'
  | 'result_count'
  | 'metric_change'
  | 'effort_change'
  | 'passive_activity'
  | 'effort_count'
  | 'project_plan'
  | 'adoption'
  | 'plain_outcome';

export interface KeyResultClassification {
  verdict: KeyResultVerdict;
  reason: KeyResultReason;
  lead?: LeadVerb;
  /** The words after an activity verb, as written by the user (for suggestions). */
  object?: string;
}

const KO_DECREASE_RE =
  /단축|감소|절감|축소|하락|낮추|줄이|줄임|낮춤|최소화|감축|억제|제로화|근절|반감|이하로/;
const KO_RELATIVE_CHANGE_RE =
  /(?:낮추|줄이|높이|늘리|끌어올리|올리|단축하|개선하|향상시키|감소시키|증가시키|절감하|확대하|제고하)는/;
const DIGIT_RE = /\d/;
const KO_UP_END_RE =
  /(?:확대|증가|증대|제고|향상|상승|늘리기|늘림|높이기|높임|올리기|끌어올리기|배가)(?:하기|한다|함|시키기)?\s*[.!]?$/;
const KO_DOWN_END_RE =
  /(?:단축|감소|절감|축소|하락|낮추기|줄이기|줄임|낮춤|최소화|감축)(?:하기|한다|함|시키기)?\s*[.!]?$/;
/** "시범 도입 후 …", "파일럿 진행 후 …": a step of work, then the next. */
const KO_STEP_THEN_RE =
  /(?:도입|파일럿|시범\s?운영|설계|개발|구축|기획|선정|진행|운영|적용|오픈|출시)\s*(?:한\s*)?후\s/;
/** "Phase 1: …; Phase 2: …", "1) … 2) …": a plan written as numbered steps. */
const STEP_LABEL_RE = /(?:^|[;,.]\s*|\s)(?:phase|step|stage|wave)\s*\d+\s*[:)-]|(?:^|\s)\d\)\s/g;
/** "scope → build → launch": arrows between words (not numbers) chain steps. */
const WORD_ARROW_RE = /(?:^|\s)[^\s\d→]+\s→(?=\s[^\d\s<>~$])/g;
const PLAN_HINT_RE = /[,;→)]|\s(?:and|then|&)\s/;
const KO_PLAN_HINT_RE = /[,;→]|\s및\s|\s후\s/;
const PLAN_SPLIT_RE = /\s*,\s*(?:and\s+|then\s+|& )?|\s+(?:and|then|&)\s+/;
const PLAN_VERB_RE = /^(?:scope|pilot|prototype|evaluate|discover|validate|iterate|expand)\b/;
const RELATIVE_MARKER_RE = /\b(?:so|that|which|until)\b/;
const CLAUSE_STOP_RE =
  /\b(?:by|before|until|in|this|within)\s+(?:the\s+)?(?:end|q[1-4]|h[12]|fy|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|year|quarter)/;
/** "Audit adjustments fall from…": a noun compound opening with a verb-looking word. */
const NOUN_SUBJECT_RE =
  /^(?:[a-z0-9'/-]+\s+){1,3}?(?:fall|falls|drop|drops|rise|rises|go|goes|grow|grows|decline|declines|climb|climbs|reach|reaches|improve|improves|increase|increases|decrease|decreases|shrink|shrinks)\s+(?:from|to|by|below|under|above|\d)/;
const COUNT_OF_EFFORT_RE = /(?:^|[^\w.])\d[\d,.]*\+?\s+(?:[a-z][\w'/-]*\s+){0,3}?/g;

function direction(lower: string, lead: LeadVerb | undefined): Direction {
  const numeric = numericDirection(lower);
  if (numeric !== 'unknown') return numeric;
  if (lead?.cls === 'change') return DECREASE_RE.test(lead.verb) ? 'down' : 'up';
  if (DECREASE_RE.test(lower) || KO_DECREASE_RE.test(lower)) return 'down';
  return 'unknown';
}

/** "Launch X that cuts Y from A to B": a change verb after a relative/purpose marker, with a number. */
function outcomeClause(rest: string): boolean {
  OUTCOME_CLAUSE_RE.lastIndex = 0;
  for (let m = OUTCOME_CLAUSE_RE.exec(rest); m !== null; m = OUTCOME_CLAUSE_RE.exec(rest)) {
    const clause = rest.slice(m.index + m[0].length);
    // ", up from 4 last year" is the baseline of the main count, not a clause of its own.
    if (/^(?:up |down )?from\b/.test(clause)) continue;
    const words = clause.split(' ').slice(0, 8).join(' ');
    if (RELATIVE_MARKER_RE.test(m[0]) && PEOPLE_SHARE_RE.test(clause)) return true;
    if (hasBaseline(clause)) {
      const kind = classifyMetricWindow(clause, direction(clause, undefined));
      if (kind === 'outcome') return true;
      // ", taking reset tickets from 400/mo to <100/mo": a participle clause moving a count from A to B.
      if (
        kind === 'neutral' &&
        /^[a-z]+ing\b/.test(clause) &&
        !/^(?:adding|building|running|shipping)\b/.test(clause)
      )
        return true;
    }
    if (!CHANGE_VERB_ANY_RE.test(words) && !OUTCOME_PREDICATE_RE.test(words)) {
      // "a health score that predicts 80% of churn": what the built thing does to a measured head.
      if (RELATIVE_MARKER_RE.test(m[0]) && CLAUSE_EFFECT_RE.test(clause) && DIGIT_RE.test(words)) {
        if (classifyMetricWindow(clause, 'unknown') === 'outcome') return true;
      }
      continue;
    }
    if (!DIGIT_RE.test(clause) && !/\b(?:half|double|zero|twice as)\b/.test(clause)) continue;
    const kind = classifyMetricWindow(clause, direction(clause, undefined));
    if (kind === 'outcome' || (kind === 'neutral' && CHANGE_VERB_ANY_RE.test(words))) return true;
  }
  return false;
}

/** A number that counts work: "50 customer interviews", "20 webinars held". */
function countsEffort(text: string): boolean {
  COUNT_OF_EFFORT_RE.lastIndex = 0;
  for (let m = COUNT_OF_EFFORT_RE.exec(text); m !== null; m = COUNT_OF_EFFORT_RE.exec(text)) {
    const after = text.slice(m.index, m.index + m[0].length + 24);
    if (/\bof\b/.test(m[0])) continue;
    if (EFFORT_NOUN_RE.test(after) && !CUSTOMER_SIDE_RE.test(after)) return true;
  }
  return false;
}

/**
 * "Share of orders shipped within 24 hours goes from 62% to 90%": with a baseline, a share of things
 * done within a short window is a speed the world shows, not work counted — unless it is a
 * completion or participation rate.
 */
function speedOutcome(f: FactDetails, text: string): boolean {
  return f.speedWindow && f.has_baseline && !COMPLETION_RATE_RE.test(text) && !PARTICIPATION_RE.test(text);
}

function objectOf(rest: string): string {
  const stop = CLAUSE_STOP_RE.exec(rest);
  return (stop ? rest.slice(0, stop.index) : rest).replace(/[,;:.]+$/, '').trim();
}

/** "… onto the new MDM", "… to the new BI tool": things moved to a new system (a migration). */
const ONTO_NEW_RE = /\b(?:onto|on to|into|to|on)\s+(?:the\s+|our\s+)?new\b/;
/** An amount of money opening the object: "$1M in cost savings", "€400k of new ARR". */
const MONEY_AMOUNT_RE =
  /^(?:an?\s+)?(?:extra\s+|additional\s+)?[$€£¥₩]\s?\d[\d,.]*\s*(?:k|m|bn|million|billion)?\b/;
const GO_LIVE_RE = /\b(?:is|are|goes|go|went|gone)\s+live\b/;
const LIVE_PEOPLE_RE =
  /\b(?:customers?|clients?|users?|tenants?|merchants?|partners?|sellers?|hospitals?|schools?|stores?)\b/;
const PEOPLE_COMPLETE_RE =
  /^(?:every|each|all|\d[\d,.]*\s*%\s+of)\s+(?:[a-z0-9'/-]+\s+){0,3}?(?:completes?|complete|finish(?:es)?|attends?|goes through|go through|takes?|sits?)\b/;
const CREDENTIAL_RE =
  /\b(?:certifications?|certificates?|e-?learning|attestations?|induction|accreditation)\b/;
/** "More people talk about us": people doing something, not a deliverable. */
const MORE_PEOPLE_RE =
  /^(?:more|fewer)\s+(?:[a-z-]+\s+)?(?:people|customers|users|candidates|employees|buyers|visitors|prospects|developers|fans|readers|viewers|shoppers|clients|members)\b/;
const BETTER_DELIVERABLE_RE = new RegExp(
  `^(?:better|more|clearer|improved|updated|stronger|richer|fresher)\\s+(?:[a-z-]+\\s+){0,2}?(?:${EFFORT_NOUN_RE.source})`,
);
/** Processes and policies: improving them is work on a deliverable ("채용 프로세스 개선"). */
const KO_PROCESS_NOUN_RE = /프로세스|절차|제도|체계|정책|규정|양식|워크플로/;
/** Korean share of people as the subject: "신규 입사자 중 80% 이상이 …", "팀장의 75%가 …". */
const KO_PEOPLE_SHARE_RE = /\d[\d,.]*\s*%\s*(?:이상|이하|미만|초과)?\s*(?:이|가)\s/;
const KO_PARTICIPATION_END_RE = /(?:이수|수료|참여|참석|완료|등록|신청|가입)(?:하기|한다|함)?\s*$/;

/** A deadline after the predicate: "~x 까지", ", 2분기 내", "by x". */
const KO_TRAILING_DEADLINE_RE =
  /[\s,~]*(?:(?:by|before|until|in)\s+(?:the\s+)?(?:end\s+of\s+)?[a-z0-9x]+(?:\s+end)?|(?:(?:\d{4}\s*년\s*)?(?:[\dx]+\s*(?:월|분기|일)?|상반기|하반기|연말|연내|올해|분기|반기)\s*)+(?:말|초|내|중|까지|이내)(?:\s*까지)?)\s*$/;

/** Rate and cadence words that can follow the head noun: 월, 주간, 1인당, 평균, 수. */
const KO_TRAILING_RATE_RE =
  /^(?:월|주|연|일|분기|반기|월간|주간|연간|일간|분기당|월평균|평균|[0-9]*인당|당|수|총|누적|매월|매주|매년)$/;

/** The head noun of a Korean noun phrase: its last word, skipping rate words. */
function koHead(window: string): string {
  const words = window.trim().split(/\s+/);
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] ?? '';
    if (w && !KO_TRAILING_RATE_RE.test(w)) return w;
  }
  return '';
}

/** The direction the final predicate asks for (확대 up, 단축 down), when there is one. */
export function koVerbDirection(text: string): 'up' | 'down' | undefined {
  if (KO_UP_END_RE.test(text)) return 'up';
  if (KO_DOWN_END_RE.test(text)) return 'down';
  return undefined;
}

/**
 * "RFP 발행, PoC 2건 진행, 계약 체결", "기획, 파일럿, 전사 확대", "시범 도입 후 3개 센터 확대",
 * "현황 진단 → 개편안 설계 → 파일럿": a plan of steps, each of them work.
 */
function koProjectPlan(text: string): boolean {
  if (!KO_PLAN_HINT_RE.test(text)) return false;
  const segments = text.split(/\s*(?:,|;|→|\s및\s)\s*/).filter((x) => x.trim() !== '');
  if (segments.length >= 2) {
    let steps = 0;
    for (const seg of segments) if (KO_ACTIVITY_END_RE.test(seg.trim())) steps++;
    if (steps >= 2) return true;
  }
  const after = KO_STEP_THEN_RE.exec(text);
  return after !== null && !KO_OUTCOME_HEAD_RE.test(text.slice(after.index + after[0].length));
}

function classifyKorean(f: FactDetails): KeyResultClassification {
  let text = f.masked.replace(/\([^)]*\)/g, ' ').trim();
  // "도입 완료 ~9월까지", "위키 구축 by Q3": a trailing deadline is not the predicate.
  if (f.has_deadline) text = text.replace(KO_TRAILING_DEADLINE_RE, '').trim() || text;
  // "사내 교육 운영 횟수 20회에서 10회로 확대": the predicate says which way the writer means.
  const dir = koVerbDirection(text) ?? direction(f.masked, undefined);
  if (!f.has_baseline && koProjectPlan(text)) return { verdict: 'activity', reason: 'project_plan' };
  if (f.has_baseline) {
    const position = KO_BASELINE_POSITION_RE.exec(text);
    const cut = position ? position.index : text.search(/\d/);
    const window = cut > 0 ? text.slice(0, cut) : text;
    const kind = classifyMetricWindow(window, dir);
    if (kind === 'activity') return { verdict: 'activity', reason: 'effort_change' };
    // "월 고객 인터뷰 5회 → 15회": the head is the last noun before the number; an effort noun
    // counted in 회/편/… is work, whatever modifies it (고객).
    if (dir !== 'down' && KO_EFFORT_COUNTER_RE.test(text) && KO_EFFORT_NOUN_RE.test(koHead(window)))
      return { verdict: 'activity', reason: 'effort_change' };
    // "현재 월 20회 수준인 고객 방문 미팅을 40회까지 확대": the object before the target number is the head.
    const lastNumber = text.search(/\d[\d,.]*\s*[가-힣%]{0,3}\s*(?:까지|으로|로)?\s*[가-힣]*\s*$/);
    const object = lastNumber > 0 ? koHead(text.slice(0, lastNumber)) : '';
    if (
      dir !== 'down' &&
      KO_EFFORT_COUNTER_RE.test(text) &&
      KO_EFFORT_NOUN_RE.test(object) &&
      !KO_OUTCOME_HEAD_RE.test(object)
    )
      return { verdict: 'activity', reason: 'effort_change' };
    return { verdict: 'outcome', reason: 'metric_change' };
  }
  if (KO_RELATIVE_CHANGE_RE.test(text) && (DIGIT_RE.test(text) || f.vague) && KO_OUTCOME_HEAD_RE.test(text)) {
    return { verdict: 'outcome', reason: 'outcome_clause' };
  }
  const changeEnd =
    KO_CHANGE_END_RE.test(text) || (KO_CHANGE_RE.test(text) && !KO_ACTIVITY_END_RE.test(text));
  // "신규 입사자 교육 자료 개선": a direction word on a deliverable (the head noun) is work.
  if (changeEnd && !f.hasNumber && KO_CHANGE_END_RE.test(text)) {
    const head = koHead(text.replace(KO_CHANGE_END_RE, ''));
    if ((KO_EFFORT_NOUN_RE.test(head) || KO_PROCESS_NOUN_RE.test(head)) && !KO_OUTCOME_HEAD_RE.test(head))
      return { verdict: 'activity', reason: 'binary_milestone' };
  }
  if (changeEnd) {
    const kind = classifyMetricWindow(text, dir);
    if (kind === 'activity' && dir !== 'down') return { verdict: 'activity', reason: 'effort_change' };
    return { verdict: 'outcome', reason: 'metric_change' };
  }
  if (KO_RESULT_COUNT_END_RE.test(text) && DIGIT_RE.test(text))
    return { verdict: 'outcome', reason: 'result_count' };
  if (KO_PEOPLE_SHARE_RE.test(text) && !KO_PARTICIPATION_END_RE.test(text))
    return { verdict: 'outcome', reason: 'plain_outcome' };
  if (KO_ACTIVITY_END_RE.test(text)) {
    return { verdict: 'activity', reason: DIGIT_RE.test(text) ? 'activity_verb' : 'binary_milestone' };
  }
  if (KO_EFFORT_COUNTER_RE.test(text)) return { verdict: 'activity', reason: 'effort_count' };
  if (KO_OUTCOME_HEAD_RE.test(text) || hasOutcomeHead(text))
    return { verdict: 'outcome', reason: 'plain_outcome' };
  if (KO_EFFORT_NOUN_RE.test(text)) return { verdict: 'activity', reason: 'effort_count' };
  return classifyEnglish(f);
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

/**
 * A multi-step project plan: "Phase 1: audit; Phase 2: redesign", "scope → build → launch", "Scope,
 * build and launch X", "Run discovery, prototype, and ship X". Each step is work; no change is scored.
 */
function projectPlan(lower: string, clause: string): boolean {
  if (!PLAN_HINT_RE.test(clause)) return false;
  if (countMatches(STEP_LABEL_RE, lower) >= 2) return true;
  if (countMatches(WORD_ARROW_RE, clause) >= 2) return true;
  const segments = clause.split(PLAN_SPLIT_RE);
  if (segments.length < 2) return false;
  const isStep = (seg: string) => {
    const s = seg.trim();
    return PLAN_VERB_RE.test(s) || ACTIVITY_VERB_RE.test(s);
  };
  if (!isStep(segments[0] ?? '')) return false;
  for (let i = 1; i < segments.length; i++) if (isStep(segments[i] ?? '')) return true;
  return false;
}

/** "Deliver a 10% reduction in cloud spend", "Run 12 workshops": a work verb leads. */
function classifyActivityLead(f: FactDetails, lead: LeadVerb): KeyResultClassification {
  if (outcomeClause(lead.rest)) return { verdict: 'outcome', reason: 'outcome_clause', lead };
  // "Deliver a 10% reduction in cloud spend", "Resolve 80% of tickets on first contact, up from 55%".
  const changeNoun = CHANGE_NOUN_RE.test(lead.rest) && DIGIT_RE.test(lead.rest);
  if ((changeNoun || f.has_baseline) && hasOutcomeHead(lead.rest)) {
    return { verdict: 'outcome', reason: 'metric_change', lead };
  }
  // "Deliver $1M in cost savings": an amount of money on a measured head is the result.
  if (MONEY_AMOUNT_RE.test(lead.rest) && hasOutcomeHead(lead.rest)) {
    return { verdict: 'outcome', reason: 'metric_change', lead };
  }
  const reason = DIGIT_RE.test(lead.rest) || f.has_target ? 'activity_verb' : 'binary_milestone';
  return { verdict: 'activity', reason, lead, object: objectOf(lead.rest) };
}

/** "Reduce churn to 3%", "Move all batch jobs to Python 3": a change verb leads. */
function classifyChangeLead(f: FactDetails, lead: LeadVerb, dir: Direction): KeyResultClassification {
  if (outcomeClause(lead.rest)) return { verdict: 'outcome', reason: 'outcome_clause', lead };
  // "Move all batch jobs to Python 3": moving things with no measured head is a migration.
  const moving =
    (/^mov/.test(lead.verb) && !f.has_baseline) ||
    (/^(?:g[eo]t|reach|bring|brought)/.test(lead.verb) && ONTO_NEW_RE.test(lead.rest));
  if (moving && !hasOutcomeHead(lead.rest) && !OUTCOME_PREDICATE_RE.test(lead.rest)) {
    const reason = f.hasNumber ? 'activity_verb' : 'binary_milestone';
    return { verdict: 'activity', reason, lead, object: objectOf(lead.rest) };
  }
  const kind = classifyMetricWindow(lead.rest, dir);
  if (kind === 'activity' && !speedOutcome(f, lead.rest))
    return { verdict: 'activity', reason: 'effort_change', lead, object: objectOf(lead.rest) };
  return { verdict: 'outcome', reason: 'metric_change', lead };
}

/** An unknown first word followed by an object ("Photograph all 2,400 SKUs") is a work verb. */
function unknownWorkVerb(clause: string): KeyResultClassification | undefined {
  const [first = '', second = '', third = ''] = clause.split(' ', 3);
  if (
    /^[a-z]+(?:-[a-z]+)?$/.test(first) &&
    !first.endsWith('s') &&
    !NON_WORK_FIRST_WORD_RE.test(first) &&
    (OBJECT_START_RE.test(second) || (PARTICLE_RE.test(second) && OBJECT_START_RE.test(third)))
  ) {
    const rest = clause.slice(first.length);
    const money = MONEY_AMOUNT_RE.test(rest.trim()) && hasOutcomeHead(rest);
    if (!money && !outcomeClause(rest)) {
      return { verdict: 'activity', reason: 'activity_verb', object: objectOf(clause.slice(first.length)) };
    }
  }
  return undefined;
}

/** No known lead verb and no starting value: an unknown work verb, a light verb with a count, going live. */
function classifyWithoutLead(clause: string): KeyResultClassification | undefined {
  if (!CHANGE_VERB_ANY_RE.test(clause)) {
    const work = unknownWorkVerb(clause);
    if (work) return work;
  }
  // "Make 500 outbound calls": a light verb with a count of work.
  if (/^(?:make|makes|do|does)\s+\d/.test(clause) && countsEffort(clause)) {
    return { verdict: 'activity', reason: 'effort_count', object: objectOf(clause.replace(/^\S+\s+/, '')) };
  }
  // "Ten new integrations are live by Q4": a deliverable going live (customers going live decide).
  if (GO_LIVE_RE.test(clause) && !DEAL_NOUN_RE.test(clause) && !LIVE_PEOPLE_RE.test(clause)) {
    return { verdict: 'activity', reason: 'passive_activity', object: objectOf(clause) };
  }
  return undefined;
}

/** Subject-first: "Stockouts drop to…", "Engagement survey results are shared…". */
function classifySubjectFirst(f: FactDetails, clause: string, dir: Direction): KeyResultClassification {
  if (PASSIVE_ACTIVITY_RE.test(clause) && !f.has_baseline) {
    return { verdict: 'activity', reason: 'passive_activity', object: objectOf(clause) };
  }
  const kind = classifyMetricWindow(clause, dir);
  if (kind === 'activity' && !speedOutcome(f, clause))
    return { verdict: 'activity', reason: 'effort_change', object: objectOf(clause) };
  return { verdict: 'outcome', reason: 'metric_change' };
}

/** No change is asked for: passive work, people getting through a programme, deliverables, counts of effort. */
function classifyStatement(f: FactDetails, clause: string): KeyResultClassification {
  if (PASSIVE_ACTIVITY_RE.test(clause)) {
    return { verdict: 'activity', reason: 'passive_activity', object: objectOf(clause) };
  }
  // "Every manager completes the new feedback workshop": people getting through a programme once.
  if (
    PEOPLE_COMPLETE_RE.test(clause) &&
    !CUSTOMER_SHARE_RE.test(clause) &&
    (INTERNAL_PROGRAM_RE.test(clause) || EFFORT_NOUN_RE.test(clause) || CREDENTIAL_RE.test(clause))
  ) {
    return { verdict: 'activity', reason: 'effort_count', object: objectOf(clause) };
  }
  // "Better documentation for the API": a direction word on a deliverable, not on a measured state.
  if (
    !f.hasNumber &&
    BETTER_DELIVERABLE_RE.test(clause) &&
    !hasOutcomeHead(clause) &&
    !MORE_PEOPLE_RE.test(clause)
  ) {
    return { verdict: 'activity', reason: 'binary_milestone' };
  }
  const strong =
    hasOutcomeHead(clause) || OUTCOME_PREDICATE_RE.test(clause) || KO_OUTCOME_HEAD_RE.test(clause);
  if (!strong) {
    const effort = weakHeadEffort(clause);
    if (effort) return effort;
  }
  return { verdict: 'outcome', reason: 'plain_outcome' };
}

/** With no measured head, a count of effort, participation in an internal programme, or an effort noun is work. */
function weakHeadEffort(clause: string): KeyResultClassification | undefined {
  if (countsEffort(clause)) return { verdict: 'activity', reason: 'effort_count', object: objectOf(clause) };
  if (DIGIT_RE.test(clause) && EFFORT_PARTICIPLE_RE.test(clause) && GENERIC_QUANTITY_RE.test(clause)) {
    return { verdict: 'activity', reason: 'effort_count', object: objectOf(clause) };
  }
  if (DIGIT_RE.test(clause) && PARTICIPATION_RE.test(clause) && INTERNAL_PROGRAM_RE.test(clause)) {
    return { verdict: 'activity', reason: 'effort_count', object: objectOf(clause) };
  }
  if (!DIGIT_RE.test(clause) && KO_EFFORT_NOUN_RE.test(clause)) {
    return { verdict: 'activity', reason: 'binary_milestone' };
  }
  return undefined;
}

function classifyEnglish(f: FactDetails, lower = f.masked): KeyResultClassification {
  const clause = stripLead(f.masked);
  if (!f.has_baseline && projectPlan(lower, clause)) return { verdict: 'activity', reason: 'project_plan' };
  // "Get 50% of managers using the new tool every week (today: 12%)": people taking something up.
  if (isAdoption(clause) && !COMPLETION_RATE_RE.test(clause))
    return { verdict: 'outcome', reason: 'adoption' };
  let lead = findLeadVerb(clause);
  if (lead && lead.cls !== 'change' && NOUN_SUBJECT_RE.test(clause)) lead = undefined;
  const dir = direction(clause, lead);

  if (lead?.cls === 'activity') return classifyActivityLead(f, lead);
  if (lead?.cls === 'outcome_count') return { verdict: 'outcome', reason: 'result_count', lead };
  if (lead?.cls === 'change') return classifyChangeLead(f, lead, dir);
  if (!lead && !f.has_baseline) {
    const work = classifyWithoutLead(clause);
    if (work) return work;
  }
  // Subject-first: "Stockouts drop to…", "Engagement survey results are shared…", "Better visibility".
  if (f.has_baseline || CHANGE_VERB_ANY_RE.test(clause)) return classifySubjectFirst(f, clause, dir);
  return classifyStatement(f, clause);
}

/** Judges a key result by what is scored, not by its first verb. */
export function classifyKeyResult(p: PreparedText, f: FactDetails): KeyResultClassification {
  if (p.empty) return { verdict: 'activity', reason: 'empty' };
  const lead = p.language === 'en' ? findLeadVerb(stripLead(f.masked)) : undefined;
  const standard = detectKpiStandard(f.masked, f, lead, p.lower);
  if (standard) {
    const clauseHasOutcome = lead && lead.cls !== 'standard' && outcomeClause(lead.rest);
    if (!clauseHasOutcome) {
      const result: KeyResultClassification = { verdict: 'kpi_standard', reason: standard };
      if (lead) result.lead = lead;
      return result;
    }
  }
  return p.language === 'ko' ? classifyKorean(f) : classifyEnglish(f, p.lower);
}
