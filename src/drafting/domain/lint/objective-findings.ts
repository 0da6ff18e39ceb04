import type { ObjectiveClassification } from './classify-objective.js';
import { MAX_LINT_CHARS, type PreparedText } from './prepare-text.js';
import type { Finding, Language } from './types.js';

type Problem = ObjectiveClassification['problems'][number];

function pick(language: Language, en: string, ko: string): string {
  return language === 'ko' ? ko : en;
}

function emptyFinding(lang: Language): Finding {
  return {
    code: 'empty',
    severity: 'error',
    message: pick(lang, 'The objective is empty.', '목표가 비어 있습니다.'),
    suggestion: pick(
      lang,
      'Write where you want to go, in words: qualitative, inspiring, one sentence.',
      '가고 싶은 방향을 숫자 없이 한 문장으로 쓰세요.',
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
    suggestion: pick(lang, 'Keep an objective to one sentence.', '목표는 한 문장으로 쓰세요.'),
  };
}

/** A metric in the objective slot, or else numbers in it, if either. */
function numberFinding(
  lang: Language,
  has: (problem: Problem) => boolean,
  quoted: string,
): Finding | undefined {
  if (has('key_result')) {
    return {
      code: 'objective_is_key_result',
      severity: 'warning',
      message: pick(
        lang,
        'This is a key result sitting in the objective slot: it names a metric, not a direction.',
        '목표 자리에 핵심 결과(지표)가 들어 있습니다. 방향이 아니라 숫자를 말하고 있습니다.',
      ),
      suggestion: pick(
        lang,
        `Keep ${quoted} as a key result, and write the objective as why it matters: what gets better, for whom?`,
        `${quoted}은(는) 핵심 결과로 옮기고, 목표에는 왜 중요한지(누구에게 무엇이 나아지는지)를 쓰세요.`,
      ),
    };
  }
  if (has('number')) {
    return {
      code: 'objective_has_number',
      severity: 'warning',
      message: pick(
        lang,
        'An objective is qualitative; the number belongs in a key result.',
        '목표는 정성적이어야 합니다. 숫자는 핵심 결과로 옮기세요.',
      ),
      suggestion: pick(
        lang,
        `Move the numbers in ${quoted} into key results and keep the direction in words.`,
        `${quoted}의 숫자는 핵심 결과로 옮기고, 목표에는 방향만 말로 남기세요.`,
      ),
    };
  }
  return undefined;
}

function taskFinding(lang: Language, taskList: boolean, quoted: string): Finding {
  return {
    code: 'objective_is_task',
    severity: 'warning',
    message: taskList
      ? pick(lang, 'This is a task list, not a destination.', '할 일 목록이지 목표가 아닙니다.')
      : pick(
          lang,
          'This is a project, not a destination: it can be finished while nothing improves.',
          '프로젝트이지 목표가 아닙니다. 끝내도 나아지는 것이 없을 수 있습니다.',
        ),
    suggestion: pick(
      lang,
      `What will be different once ${quoted} is done, and for whom? Make that the objective; the work goes in the plan.`,
      `${quoted}을(를) 마치면 누구에게 무엇이 달라지나요? 그것을 목표로 쓰고, 할 일은 실행 계획으로 옮기세요.`,
    ),
  };
}

function maintenanceFinding(lang: Language): Finding {
  return {
    code: 'objective_is_maintenance',
    severity: 'warning',
    message: pick(
      lang,
      'Holding a level is a KPI, not an objective.',
      '현재 수준 유지는 KPI이지 목표가 아닙니다.',
    ),
    suggestion: pick(
      lang,
      'Track it as a KPI (owner, target range, alert threshold) and choose an objective for what should change this quarter.',
      'KPI(담당자, 목표 범위, 경보 기준)로 관리하고, 이번 분기에 바꾸고 싶은 것을 목표로 고르세요.',
    ),
  };
}

/** Findings for an objective, in the language it was written in. */
export function objectiveFindings(p: PreparedText, c: ObjectiveClassification): Finding[] {
  const lang = p.language;
  const quoted = `"${p.text.length > 120 ? `${p.text.slice(0, 117)}…` : p.text}"`;
  const findings: Finding[] = [];
  const has = (problem: Problem) => c.problems.includes(problem);
  if (has('empty')) return [emptyFinding(lang)];
  if (p.truncated) findings.push(tooLongFinding(lang));
  const number = numberFinding(lang, has, quoted);
  if (number) findings.push(number);
  if (has('task') || has('task_list')) findings.push(taskFinding(lang, has('task_list'), quoted));
  if (has('maintenance')) findings.push(maintenanceFinding(lang));
  return findings;
}
