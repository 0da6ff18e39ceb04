import type { Finding, KeyResultLint, Language, LintContext, ObjectiveLint } from './types.js';

export const MAX_OBJECTIVES_PER_QUARTER = 4;
export const MIN_KEY_RESULTS = 2;
export const MAX_KEY_RESULTS = 5;

const TOKEN_SPLIT_RE = /[^\p{L}\p{N}%]+/u;
const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'for',
  'and',
  'in',
  'on',
  'by',
  'our',
  'we',
  'with',
  'at',
  'from',
  'is',
  'are',
  'be',
  'so',
  'that',
  'it',
  'all',
  'every',
  'this',
  '을',
  '를',
  '의',
  '및',
]);

interface Tokens {
  /** Content words joined by a space, for exact comparison. */
  joined: string;
  set: ReadonlySet<string>;
  count: number;
}

function tokens(text: string): Tokens {
  const list = text
    .toLowerCase()
    .split(TOKEN_SPLIT_RE)
    .filter((t) => t !== '' && !STOP_WORDS.has(t));
  return { joined: list.join(' '), set: new Set(list), count: list.length };
}

function jaccard(a: Tokens, b: Tokens): number {
  if (a.set.size === 0 || b.set.size === 0) return 0;
  let shared = 0;
  for (const t of a.set) if (b.set.has(t)) shared++;
  return shared / (a.set.size + b.set.size - shared);
}

function pick(language: Language, en: string, ko: string): string {
  return language === 'ko' ? ko : en;
}

/** A filled-in key result with its place in the list and its content words. */
interface TokenizedKeyResult {
  index: number;
  tokens: Tokens;
  kr: KeyResultLint;
}

function tooManyObjectivesFinding(lang: Language, objectives: number): Finding {
  return {
    code: 'too_many_objectives',
    severity: 'error',
    message: pick(
      lang,
      `This would be the team's objective number ${objectives} this quarter; the limit is ${MAX_OBJECTIVES_PER_QUARTER} (2–3 is better).`,
      `이번 분기 팀의 ${objectives}번째 목표가 됩니다. 최대 ${MAX_OBJECTIVES_PER_QUARTER}개(2–3개 권장)입니다.`,
    ),
    suggestion: pick(
      lang,
      'Merge it with an existing objective or drop the least important one: with too many, focus is impossible.',
      '기존 목표와 합치거나 가장 덜 중요한 목표를 빼세요. 너무 많으면 집중할 수 없습니다.',
    ),
  };
}

/** Too few or too many filled-in key results, if either. */
function keyResultCountFinding(lang: Language, count: number): Finding | undefined {
  if (count < MIN_KEY_RESULTS) {
    return {
      code: 'too_few_key_results',
      severity: 'error',
      message: pick(
        lang,
        `${count} key result${count === 1 ? '' : 's'}; an objective needs at least ${MIN_KEY_RESULTS} (2–4 is typical).`,
        `핵심 결과가 ${count}개입니다. 최소 ${MIN_KEY_RESULTS}개(보통 2–4개)가 필요합니다.`,
      ),
      suggestion: pick(
        lang,
        'Add a key result that would show the objective from another side (quality as well as speed, say).',
        '목표를 다른 측면에서 보여 줄 핵심 결과를 추가하세요(예: 속도와 함께 품질).',
      ),
    };
  }
  if (count > MAX_KEY_RESULTS) {
    return {
      code: 'too_many_key_results',
      severity: 'error',
      message: pick(
        lang,
        `${count} key results; at most ${MAX_KEY_RESULTS} (2–4 is typical).`,
        `핵심 결과가 ${count}개입니다. 최대 ${MAX_KEY_RESULTS}개(보통 2–4개)입니다.`,
      ),
      suggestion: pick(
        lang,
        'Keep the ones that best show the objective; move the rest to KPIs or the plan.',
        '목표를 가장 잘 보여 주는 것만 남기고 나머지는 KPI나 실행 계획으로 옮기세요.',
      ),
    };
  }
  return undefined;
}

function duplicateFinding(lang: Language, a: TokenizedKeyResult, b: TokenizedKeyResult): Finding {
  return {
    code: 'duplicate_key_result',
    severity: 'error',
    message: pick(
      lang,
      `Key results ${a.index + 1} and ${b.index + 1} say the same thing.`,
      `핵심 결과 ${a.index + 1}번과 ${b.index + 1}번이 같은 내용입니다.`,
    ),
    suggestion: pick(
      lang,
      `Remove key result ${b.index + 1} or make it measure something else.`,
      `${b.index + 1}번을 지우거나 다른 것을 측정하게 바꾸세요.`,
    ),
  };
}

/** Every pair of key results that say the same thing, in list order. */
function pushDuplicateFindings(
  findings: Finding[],
  lang: Language,
  tokenized: readonly TokenizedKeyResult[],
): void {
  for (let i = 0; i < tokenized.length; i++) {
    for (let j = i + 1; j < tokenized.length; j++) {
      const a = tokenized[i];
      const b = tokenized[j];
      if (!a || !b) continue;
      const same = a.tokens.joined === b.tokens.joined;
      if (same || (Math.min(a.tokens.count, b.tokens.count) >= 4 && jaccard(a.tokens, b.tokens) >= 0.85)) {
        findings.push(duplicateFinding(lang, a, b));
      }
    }
  }
}

function restatesObjectiveFinding(lang: Language, index: number): Finding {
  return {
    code: 'key_result_restates_objective',
    severity: 'warning',
    message: pick(
      lang,
      `Key result ${index + 1} restates the objective instead of measuring it.`,
      `핵심 결과 ${index + 1}번이 목표를 되풀이할 뿐 측정하지 않습니다.`,
    ),
    suggestion: pick(
      lang,
      'Ask "how would we know we got there?" and write that number: from <today\'s value> to <target>.',
      '"목표에 도달했는지 어떻게 알 수 있나?"를 묻고 그 숫자를 쓰세요: <현재값>에서 <목표값>으로.',
    ),
  };
}

/** Key results that only repeat the objective's words. */
function pushRestatesObjectiveFindings(
  findings: Finding[],
  lang: Language,
  objective: ObjectiveLint,
  tokenized: readonly TokenizedKeyResult[],
): void {
  const objectiveTokens = tokens(objective.text);
  if (objectiveTokens.count === 0) return;
  for (const { index, tokens: t, kr } of tokenized) {
    const same = t.joined === objectiveTokens.joined;
    const restates = same || (!/\d/.test(kr.text) && t.count > 0 && jaccard(t, objectiveTokens) >= 0.6);
    if (restates) findings.push(restatesObjectiveFinding(lang, index));
  }
}

/** Set-level findings: objectives per quarter, key results per objective, duplicates, restating. */
export function draftFindings(
  objective: ObjectiveLint,
  keyResults: readonly KeyResultLint[],
  ctx: LintContext,
): Finding[] {
  const lang = objective.text !== '' ? objective.language : (keyResults[0]?.language ?? 'en');
  const findings: Finding[] = [];
  const objectives = ctx.objectivesInQuarter;
  if (objectives !== undefined && objectives > MAX_OBJECTIVES_PER_QUARTER) {
    findings.push(tooManyObjectivesFinding(lang, objectives));
  }
  const filled = keyResults.map((kr, index) => ({ kr, index })).filter(({ kr }) => kr.text !== '');
  const count = keyResultCountFinding(lang, filled.length);
  if (count) findings.push(count);
  const tokenized: TokenizedKeyResult[] = filled.map(({ kr, index }) => ({
    index,
    tokens: tokens(kr.text),
    kr,
  }));
  pushDuplicateFindings(findings, lang, tokenized);
  pushRestatesObjectiveFindings(findings, lang, objective, tokenized);
  return findings;
}
