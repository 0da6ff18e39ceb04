import type { FactDetails } from './extract-facts.js';
import { stripLead } from './find-lead-verb.js';
import { OBJECTIVE_RANK_RE, OUTCOME_HEAD_RE, STANDARD_VERB_RE } from './lexicon-en.js';
import {
  KO_ACTIVITY_END_RE,
  KO_CHANGE_END_RE,
  KO_OUTCOME_HEAD_RE,
  KO_QUALITY_NOUN_RE,
} from './lexicon-ko.js';
import type { PreparedText } from './prepare-text.js';
import type { ObjectiveVerdict } from './types.js';

export type ObjectiveProblem = 'empty' | 'number' | 'key_result' | 'task' | 'task_list' | 'maintenance';

export interface ObjectiveClassification {
  verdict: ObjectiveVerdict;
  problems: ObjectiveProblem[];
}

/** Verbs that make an objective a project: launch X, roll out Y, migrate Z. */
const TASK_VERB_RE =
  /^(?:launch|ship|roll out|implement|migrate|deploy|install|complete|finish|run|conduct|do|hire|release|publish|document|set up|upgrade|replace|refactor|redesign|digiti[sz]e|introduce|hold|host|train|send|write|draft|rebuild|revamp|overhaul|roll|move|switch|adopt|automate|integrate|create a new|build a new|build an? (?:new )?(?:app|website|site|page|portal|dashboard|tool|system|integration|pipeline|feature|api|database|(?:data )?warehouse|data lake|lakehouse|crm|erp|chatbot|bot|model|microservice|service|engine|catalog|design system|help center|knowledge base|wiki|playbook|platform|framework|library|sdk|cli)|develop|design|organi[sz]e|sponsor|record|produce|audit|review|update|standardi[sz]e|centrali[sz]e|consolidate|pilot|test|deliver|onboard|recruit|file|submit|close out|finali[sz]e|rewrite|translate|deprecate|retire|sunset|renew|sign)\b(?!-)/;
/** After a task verb, a preposition means there is no deliverable object ("Ship on Fridays…"). */
const NO_OBJECT_RE =
  /^(?:on|with|without|faster|fast|quickly|safely|confidently|every|daily|weekly|often|more|less|like|as|at|in|together|boldly|fearlessly)\b/;
/** Why-clauses that turn a project into a direction: "…so that", "…where", "…that people love". */
const QUALITY_RE =
  /\b(?:so that|so|that|where|which|who|love|loves|trust|trusts|proud|enjoy|enjoys|want|wants|brag|delight|delights|feel|feels|because|not just|not only|rather than|instead of|remember|remembers|the way)\b|\b(?:people|customers|users|teams|employees|everyone|developers|clients)\s+(?:can't|cannot|can|will|would|want|need|love|trust|rely|choose|recommend)\b/;
const CHANGE_LEAD_RE =
  /^(?:reduce|cut|lower|decrease|increase|raise|grow|boost|improve|lift|double|halve|reach|hit|achieve|drive|maximi[sz]e|minimi[sz]e)\b/;
/** "Get SOC 2 certified", "Have all managers trained": a task written as a state to reach. */
const GET_DONE_RE =
  /^(?:get|have|see)\s+(?:[\w'-]+\s+){0,4}?(?:certified|approved|signed(?: off)?|done|live|launched|shipped|finished|completed|implemented|set up|trained|onboarded|migrated|deployed|rolled out|installed|in place)\b/;
/** A bare noun phrase naming a deliverable: "Q3 hiring plan", "New careers site". */
const DELIVERABLE_END_RE =
  /\b(?:plan|roadmap|project|migration|launch|rollout|roll-out|implementation|upgrade|audit|survey|report|dashboard|website|site|app|portal|system|tool|redesign|refresh|revamp|integration|certification|move|offsite|kickoff|kick-off|budget|policy|handbook)s?[.!]?$/;
/** Objectives that open with a verb ("Build a…", "Become…") are not bare noun phrases. */
const VERB_START_RE =
  /^(?:make|build|become|be|give|help|create|turn|put|earn|grow|win|own|let|delight|stop|reduce|improve|increase|raise|lower|cut|bring|keep|close|ship|run|get|have)\b/;
/** Keeping things as they are: "Continue supporting…", "Business as usual", "current levels". */
const MAINTENANCE_RE =
  /^(?:continue|continues|carry on)\b|\bbusiness as usual\b|\bbau\b|\bstatus quo\b|\bcurrent (?:levels?|state|standards?)\b/;
/** "Launch in three new countries": a counted scope is a number (not "double down", "half"). */
const CARDINAL_WORD_RE =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|dozen)\s+(?!-)(?:[a-z-]+\s+){0,2}?(?:countries|markets|cities|regions|offices|stores|sites|products|customers|clients|hires|people|engineers|teams|languages|segments|verticals|launches|features|partners|deals|logos)\b/;
const LIST_OF_TASKS_RE =
  /,\s*(?:and\s+)?[a-z]+\s|\band\s+(?:run|launch|ship|hire|roll out|build|complete|train|publish|implement)\b/;

export function classifyObjective(p: PreparedText, f: FactDetails): ObjectiveClassification {
  if (p.empty) return { verdict: 'objective_bad', problems: ['empty'] };
  const problems: ObjectiveProblem[] = [];
  const clause = stripLead(f.masked);
  if (f.hasNumber || f.has_baseline || OBJECTIVE_RANK_RE.test(p.lower) || CARDINAL_WORD_RE.test(f.masked))
    problems.push('number');
  const change = CHANGE_LEAD_RE.exec(clause);
  const metric = OUTCOME_HEAD_RE.test(clause) || KO_OUTCOME_HEAD_RE.test(clause);
  const koChange = p.language === 'ko' && KO_CHANGE_END_RE.test(clause);
  const short = clause.split(' ').length <= 5;
  if (
    (change || koChange) &&
    metric &&
    (f.hasNumber || f.has_baseline || (short && !QUALITY_RE.test(clause)))
  ) {
    problems.push('key_result');
  }
  const task = TASK_VERB_RE.exec(clause);
  if (GET_DONE_RE.test(clause)) problems.push('task');
  else if (
    !task &&
    !QUALITY_RE.test(clause) &&
    DELIVERABLE_END_RE.test(clause) &&
    !VERB_START_RE.test(clause)
  ) {
    problems.push('task');
  } else if (task) {
    const after = clause.slice(task[0].length).trim();
    if (!NO_OBJECT_RE.test(after) && !QUALITY_RE.test(after)) {
      problems.push(LIST_OF_TASKS_RE.test(after) ? 'task_list' : 'task');
    }
  } else if (p.language === 'ko') {
    const body = clause.replace(/\([^)]*\)/g, '').trim();
    if (KO_ACTIVITY_END_RE.test(body) && !KO_QUALITY_NOUN_RE.test(body)) problems.push('task');
  }
  if (
    STANDARD_VERB_RE.test(clause) ||
    MAINTENANCE_RE.test(f.masked.trim()) ||
    /유지|준수|현행|현\s?수준|지속(?:하기|한다|함)?\s*$/.test(clause)
  )
    problems.push('maintenance');
  return { verdict: problems.length > 0 ? 'objective_bad' : 'objective_ok', problems };
}
