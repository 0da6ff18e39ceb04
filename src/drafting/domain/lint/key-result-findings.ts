import { type KeyResultClassification, koVerbDirection } from './classify-key-result.js';
import { numericDirection } from './classify-metric-window.js';
import { datesOutsideQuarter, quarterDeadline, quarterEndLabel } from './deadline-hint.js';
import type { FactDetails } from './extract-facts.js';
import { DECREASE_RE, LEADING_TIME_CLAUSE_RE, LIST_MARKER_RE } from './lexicon-en.js';
import { MAX_LINT_CHARS, type PreparedText } from './prepare-text.js';
import { suggestMetric } from './suggest-metric.js';
import type { Finding, Language, LintContext, Severity } from './types.js';

const TIME_TAIL_RE =
  /\s*(?:\b(?:by|before|until|in|during|this|within|at)\s+(?:the\s+)?(?:end\b|q[1-4]\b|h[12]\b|fy|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|autumn|winter|year|quarter|half|month)|\b(?:up |down )?from\s+[~$\d]|[,;(]).*$/i;
const KO_PREDICATE_TAIL_RE = /\s*\S+\s*$/;
const PARENTHETICAL_RE = /\s*\([^)]*\)/g;
const DIRECTION_WORD_RE =
  /\b(improve|increase|decrease|reduce|grow|boost|enhance|raise|lift|lower|cut|more|less|fewer|better|faster|fairer|smoother|easier|simpler|clearer|stronger|higher|quicker|cheaper|safer|optimi[sz]e|strengthen|expand|accelerate|maximi[sz]e|minimi[sz]e|stop|streamline)\b|개선|향상|강화|증대|확대|제고|증가|감소|축소|단축|절감|활성화|최적화|고도화/i;

function pick(language: Language, en: string, ko: string): string {
  return language === 'ko' ? ko : en;
}

const EN_DEADLINE_LEAD_RE =
  /^(?:by|before|until|till|through|thru|no later than|ahead of|in time for|due|in|during|within|for|at|on|over|across|throughout|this|next|the|current|coming)\b/;

const DAY_AFTER_RE = /^\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s*(?:19|20)\d{2}\b)?/;

/**
 * The deadline for a rewrite: the writer's own when the text has one ("by end of March", "5월 말까지"),
 * else the quarter's end.
 */
function rewriteDeadline(p: PreparedText, f: FactDetails, ctx: LintContext): string {
  const own = f.deadlineText;
  if (!own) return quarterDeadline(ctx, p.language);
  const at = p.lower.indexOf(own);
  const same = at >= 0 && p.lower.length === p.text.length;
  // "by December 31": the day after the month belongs to the date.
  const day = same ? (DAY_AFTER_RE.exec(p.text.slice(at + own.length))?.[0] ?? '') : '';
  let text = ((same ? p.text.slice(at, at + own.length) : own) + day)
    .replace(/^[(\s,]+|[)\s,:]+$/g, '')
    .trim();
  if (!text) return quarterDeadline(ctx, p.language);
  if (p.language === 'en' && !EN_DEADLINE_LEAD_RE.test(text.toLowerCase())) text = `by ${text}`;
  return text;
}

/** Verbs that raise a number (the lexicon's DECREASE_RE covers the other way). */
const INCREASE_VERB_RE =
  /^(?:increas|rais|grow|grew|lift|boost|doubl|tripl|expand|climb|rise|rose|jump|bump|scale)/;

type Way = 'up' | 'down';

/** The way the verb asks the number to go, when it says. */
function verbDirection(p: PreparedText, c: KeyResultClassification): Way | undefined {
  if (p.language === 'ko') {
    const text = p.lower.replace(/\([^)]*\)/g, ' ').trim();
    return koVerbDirection(text);
  }
  const verb = c.lead?.cls === 'change' ? c.lead.verb : undefined;
  if (!verb) return undefined;
  if (DECREASE_RE.test(verb)) return 'down';
  if (INCREASE_VERB_RE.test(verb)) return 'up';
  return undefined;
}

/** "by 20%", "30일 단축": a change relative to today's value, with no end value written. */
interface RelativeChange {
  amount: string;
  percent: boolean;
}

const EN_RELATIVE_RE = /\bby\s+(?:about\s+|around\s+|~)?(\d[\d,]*(?:\.\d+)?)\s*(%|percent\b|[a-z]+)?/;
const KO_RELATIVE_RE =
  /(\d[\d,]*(?:\.\d+)?)\s*(%p?|퍼센트|일|시간|분|초|주|개월|건|회|명|원|만\s?원|억\s?원)?\s*(?:이상\s*)?(?:을|를)?\s*(?:단축|감소|절감|축소|감축|줄이|낮추|증가|향상|제고|증대|확대|늘리|높이|개선)/;

function relativeChange(p: PreparedText, f: FactDetails): RelativeChange | undefined {
  if (f.has_baseline) return undefined;
  const m = (p.language === 'ko' ? KO_RELATIVE_RE : EN_RELATIVE_RE).exec(f.masked);
  if (!m?.[1]) return undefined;
  const unit = (m[2] ?? '').trim();
  const percent = unit === '%' || unit === 'percent' || unit === '퍼센트';
  return {
    amount: percent ? m[1] : `${m[1]}${unit ? (p.language === 'ko' ? unit : ` ${unit}`) : ''}`,
    percent,
  };
}

/** "<80% of today's value>" for "reduce by 20%", "<today's value − 30 days>" for "by 30 days". */
function relativeTarget(language: Language, change: RelativeChange, way: Way): string {
  if (change.percent) {
    const n = Number(change.amount.replace(/,/g, ''));
    const share = way === 'down' ? 100 - n : 100 + n;
    const shareText = Number.isFinite(share) && share > 0 ? `${Math.round(share * 100) / 100}%` : undefined;
    if (shareText) return pick(language, `<${shareText} of today's value>`, `<현재값의 ${shareText}>`);
  }
  const sign = way === 'down' ? '−' : '+';
  const amount = change.percent ? `${change.amount}%` : change.amount;
  return pick(language, `<today's value ${sign} ${amount}>`, `<현재값 ${sign} ${amount}>`);
}

/** The work as the user wrote it: "100 stay interviews" from "Conduct 100 stay interviews by March 31". */
function describeWork(p: PreparedText, c: KeyResultClassification): string {
  let s = p.text.replace(LIST_MARKER_RE, '').replace(LEADING_TIME_CLAUSE_RE, '');
  if (p.language === 'ko') {
    const body = s.replace(PARENTHETICAL_RE, '').replace(KO_PREDICATE_TAIL_RE, '').trim();
    return body || s.trim();
  }
  if (c.lead && s.toLowerCase().startsWith(c.lead.verb)) s = s.slice(c.lead.verb.length);
  const object = s.replace(TIME_TAIL_RE, '').trim();
  return object || s.trim();
}

function rewriteShape(
  language: Language,
  metric: string,
  direction: 'up' | 'down',
  deadline: string,
): string {
  if (language === 'ko') {
    const verb = direction === 'down' ? '단축' : '증가';
    return `"${metric} <현재값>에서 <목표값>으로 ${verb} (${deadline})"`;
  }
  const verb = direction === 'down' ? 'Reduce' : 'Increase';
  return `"${verb} ${metric} from <today's value> to <target> ${deadline}"`;
}

function activityFinding(
  p: PreparedText,
  c: KeyResultClassification,
  ctx: LintContext,
  severity: Severity,
  deadline: string = quarterDeadline(ctx, p.language),
): Finding {
  const lang = p.language;
  const work = describeWork(p, c);
  const hint = suggestMetric(p.text, lang);
  const metric =
    hint?.metric ?? pick(lang, '<the number this work should move>', '<이 활동으로 바뀌어야 할 지표>');
  const shape = rewriteShape(lang, metric, hint?.direction ?? 'down', deadline);
  const milestone = c.reason === 'binary_milestone';
  const message = milestone
    ? pick(
        lang,
        `"${work}" is a milestone: it scores 0 or 1 and can be done while nothing changes.`,
        `"${work}"은(는) 완료 여부만 보는 마일스톤입니다. 끝내도 달라지는 것이 없을 수 있습니다.`,
      )
    : pick(
        lang,
        `This counts work done ("${work}"), not a change in the world.`,
        `하는 일("${work}")을 세고 있습니다. 결과로 달라지는 것을 측정하지 않습니다.`,
      );
  const question = hint
    ? pick(
        lang,
        `What should change if "${work}" pays off: ${hint.metric}?`,
        `"${work}"이(가) 효과를 내면 무엇이 달라지나요? 예: ${hint.metric}.`,
      )
    : pick(
        lang,
        `What should change if "${work}" pays off?`,
        `"${work}"이(가) 효과를 내면 무엇이 달라져야 하나요?`,
      );
  return {
    code: 'activity',
    severity,
    message,
    suggestion: `${question} ${pick(lang, 'Score that instead:', '그 변화를 핵심 결과로 쓰세요:')} ${shape}`,
  };
}

function standardFinding(p: PreparedText, deadline: string): Finding {
  const lang = p.language;
  const shape = rewriteShape(lang, pick(lang, '<metric>', '<지표>'), 'up', deadline);
  return {
    code: 'kpi_standard',
    severity: 'warning',
    message: pick(
      lang,
      'This holds a level (a KPI standard); nothing is meant to change, so it is not a key result.',
      '현재 수준을 지키는 기준(KPI)입니다. 바뀌는 것이 없으므로 핵심 결과가 아닙니다.',
    ),
    suggestion: pick(
      lang,
      `Track it as a KPI with an owner, a target range and an alert threshold. If it must change this quarter, write today's value and the new one: ${shape}.`,
      `담당자, 목표 범위, 경보 기준을 정해 KPI로 관리하세요. 이번 분기에 바꾸려면 현재값과 목표값을 쓰세요: ${shape}`,
    ),
  };
}

function emptyFinding(lang: Language, ctx: LintContext): Finding {
  return {
    code: 'empty',
    severity: 'error',
    message: pick(lang, 'The key result is empty.', '핵심 결과가 비어 있습니다.'),
    suggestion: pick(
      lang,
      `Write what will change and by how much, e.g. "Reduce <metric> from <today's value> to <target> ${quarterDeadline(ctx, lang)}".`,
      `무엇이 얼마나 바뀔지 쓰세요. 예: "<지표>를 <현재값>에서 <목표값>으로 (${quarterDeadline(ctx, lang)})"`,
    ),
  };
}

function tooLongFinding(lang: Language): Finding {
  return {
    code: 'too_long',
    severity: 'warning',
    message: pick(
      lang,
      `The text is over ${MAX_LINT_CHARS} characters; only the first ${MAX_LINT_CHARS} were checked.`,
      `${MAX_LINT_CHARS}자를 넘습니다. 앞의 ${MAX_LINT_CHARS}자만 검사했습니다.`,
    ),
    suggestion: pick(lang, 'Keep a key result to one sentence.', '핵심 결과는 한 문장으로 쓰세요.'),
  };
}

function vagueFinding(p: PreparedText, deadline: string): Finding {
  const lang = p.language;
  const word = DIRECTION_WORD_RE.exec(p.text)?.[0] ?? pick(lang, 'a direction', '방향');
  return {
    code: 'vague',
    severity: 'error',
    message: pick(
      lang,
      `Not measurable: "${word}" with no number cannot be scored.`,
      `측정할 수 없습니다: 숫자 없는 "${word}"은(는) 달성 여부를 판단할 수 없습니다.`,
    ),
    suggestion: pick(
      lang,
      `Which number shows it, what is it today, and where should it be? e.g. ${rewriteShape(lang, '<metric>', 'up', deadline)}`,
      `어떤 숫자로 보이나요? 지금은 얼마이고 어디까지 가야 하나요? 예: ${rewriteShape(lang, '<지표>', 'up', deadline)}`,
    ),
  };
}

/** The verb says one way, the from/to numbers the other. */
function directionMismatchFinding(
  p: PreparedText,
  f: FactDetails,
  way: Way | undefined,
): Finding | undefined {
  const lang = p.language;
  const numbers = way && f.has_baseline ? numericDirection(f.masked) : 'unknown';
  if (!way || numbers === 'unknown' || way === numbers) return undefined;
  return {
    code: 'direction_mismatch',
    severity: 'warning',
    message: pick(
      lang,
      `The numbers go the wrong way for the verb: it says ${way === 'down' ? 'down' : 'up'}, but the target is ${numbers === 'up' ? 'higher' : 'lower'} than the starting value.`,
      `숫자가 동사와 반대 방향입니다: ${way === 'down' ? '줄이는' : '늘리는'} 표현인데 목표값이 시작값보다 ${numbers === 'up' ? '큽니다' : '작습니다'}.`,
    ),
    suggestion: pick(
      lang,
      "Check which value is today's and which is the target, or change the verb.",
      '어느 값이 현재값이고 어느 값이 목표값인지 확인하거나 동사를 바꾸세요.',
    ),
  };
}

function missingTargetFinding(lang: Language, deadline: string): Finding {
  return {
    code: 'missing_target',
    severity: 'error',
    message: pick(
      lang,
      'No target value: how will you know it is done?',
      '목표값이 없습니다. 달성 여부를 어떻게 아나요?',
    ),
    suggestion: pick(
      lang,
      `Add the value to reach, e.g. "… from <today's value> to <target> ${deadline}".`,
      `도달할 값을 쓰세요. 예: "… <현재값>에서 <목표값>으로 (${deadline})"`,
    ),
  };
}

function missingBaselineFinding(
  p: PreparedText,
  f: FactDetails,
  ctx: LintContext,
  way: Way | undefined,
): Finding {
  const lang = p.language;
  // "Reduce time-to-hire by 20%": the end value is relative to today's ("from X to 0.8·X"), not 20.
  const relative = relativeChange(p, f);
  const target =
    relative && way
      ? relativeTarget(lang, relative, way)
      : (f.targetText ?? pick(lang, '<target>', '<목표값>'));
  return {
    code: 'missing_baseline',
    severity: ctx.okrType === 'committed' ? 'warning' : 'info',
    message: pick(
      lang,
      'No starting value: what is it today? Without it nobody can tell how far this moves.',
      '시작값이 없습니다. 지금은 얼마인가요? 시작값이 없으면 얼마나 바뀌었는지 알 수 없습니다.',
    ),
    suggestion: pick(
      lang,
      `Add today's value: "from <today's value> to ${target}".`,
      `현재값을 쓰세요: "<현재값>에서 ${target}(으)로"`,
    ),
  };
}

/** Target and baseline: what a measurable key result still lacks. */
function pushMeasurementFindings(
  findings: Finding[],
  p: PreparedText,
  f: FactDetails,
  c: KeyResultClassification,
  ctx: LintContext,
  way: Way | undefined,
  deadline: string,
): void {
  // A vague key result was already reported as not measurable.
  if (!f.vague && !f.has_target && c.verdict === 'outcome') {
    findings.push(missingTargetFinding(p.language, deadline));
  }
  if (c.verdict === 'outcome' && f.has_target && !f.has_baseline) {
    findings.push(missingBaselineFinding(p, f, ctx, way));
  }
}

function missingDeadlineFinding(lang: Language, ctx: LintContext, endLabel: string): Finding {
  return {
    code: 'missing_deadline',
    severity: 'info',
    message: pick(lang, 'No deadline.', '기한이 없습니다.'),
    suggestion: pick(
      lang,
      `Add the quarter's end: "${quarterDeadline(ctx, lang)}" (${endLabel}).`,
      `분기 말을 기한으로 쓰세요: "${quarterDeadline(ctx, lang)}" (${endLabel})`,
    ),
  };
}

function deadlinePassedFinding(lang: Language, ctx: LintContext, past: readonly string[]): Finding {
  return {
    code: 'deadline_passed',
    severity: 'warning',
    message: pick(lang, `${past.join(', ')} is already past.`, `${past.join(', ')}은(는) 이미 지났습니다.`),
    suggestion: pick(
      lang,
      `Use a date in this quarter, e.g. "${quarterDeadline(ctx, lang)}".`,
      `이번 분기 안의 날짜를 쓰세요. 예: "${quarterDeadline(ctx, lang)}"`,
    ),
  };
}

function deadlineAfterQuarterFinding(
  lang: Language,
  ctx: LintContext,
  late: readonly string[],
  endLabel: string,
): Finding {
  return {
    code: 'deadline_after_quarter',
    severity: 'info',
    message: pick(
      lang,
      `${late.join(', ')} is after this quarter ends (${endLabel}).`,
      `${late.join(', ')}은(는) 이번 분기(${endLabel}) 이후입니다.`,
    ),
    suggestion: pick(
      lang,
      `Score what can be reached ${quarterDeadline(ctx, lang)}, or move this to a later quarter.`,
      `${quarterDeadline(ctx, lang)} 도달할 수 있는 값으로 쓰거나 다음 분기로 옮기세요.`,
    ),
  };
}

/** Deadlines: none written, dates already past, dates after the quarter ends. */
function pushDeadlineFindings(
  findings: Finding[],
  p: PreparedText,
  f: FactDetails,
  c: KeyResultClassification,
  ctx: LintContext,
): void {
  const lang = p.language;
  const endLabel = quarterEndLabel(ctx, lang);
  if (!f.has_deadline && c.verdict !== 'kpi_standard')
    findings.push(missingDeadlineFinding(lang, ctx, endLabel));
  const { past, late } = datesOutsideQuarter(p.lower, ctx);
  if (past.length > 0) findings.push(deadlinePassedFinding(lang, ctx, past));
  if (late.length > 0) findings.push(deadlineAfterQuarterFinding(lang, ctx, late, endLabel));
}

/** Findings for one key result, in the language it was written in. */
export function keyResultFindings(
  p: PreparedText,
  f: FactDetails,
  c: KeyResultClassification,
  ctx: LintContext,
): Finding[] {
  if (p.empty) return [emptyFinding(p.language, ctx)];
  const findings: Finding[] = [];
  if (p.truncated) findings.push(tooLongFinding(p.language));
  const deadline = rewriteDeadline(p, f, ctx);
  // Not being measurable is the first thing to fix, before what kind of key result it is.
  if (f.vague) findings.push(vagueFinding(p, deadline));
  if (c.verdict === 'activity') findings.push(activityFinding(p, c, ctx, 'warning', deadline));
  if (c.verdict === 'kpi_standard') findings.push(standardFinding(p, deadline));
  const way = verbDirection(p, c);
  const mismatch = directionMismatchFinding(p, f, way);
  if (mismatch) findings.push(mismatch);
  pushMeasurementFindings(findings, p, f, c, ctx, way, deadline);
  pushDeadlineFindings(findings, p, f, c, ctx);
  return findings;
}
