import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import {
  type Finding,
  type KeyResultLint,
  type Language,
  MIN_KEY_RESULTS,
  type ObjectiveLint,
} from '../../domain/lint/index.js';

const VERDICT: Record<Language, Record<KeyResultLint['verdict'], string>> = {
  en: {
    outcome: '✅ *Outcome*: it measures a change in the world',
    activity: '⚠️ *Activity*: it counts work done, not the change the work should make',
    kpi_standard: '⚠️ *KPI standard*: a level to hold, not a change; track it as a KPI',
  },
  ko: {
    outcome: '✅ *성과(Outcome)*: 세상의 변화를 측정합니다',
    activity: '⚠️ *활동(Activity)*: 변화가 아니라 한 일을 셉니다',
    kpi_standard: '⚠️ *KPI 기준*: 변화가 아니라 유지할 수준입니다. KPI로 관리하세요',
  },
};

const FACTS: Record<Language, { baseline: string; target: string; deadline: string }> = {
  en: { baseline: 'baseline', target: 'target', deadline: 'deadline' },
  ko: { baseline: '기준값', target: '목표값', deadline: '기한' },
};

function factLine(lint: KeyResultLint): string {
  const label = FACTS[lint.language];
  const mark = (ok: boolean, name: string) => `${ok ? '✅' : '⚠️ no'} ${name}`;
  return [
    mark(lint.has_baseline, label.baseline),
    mark(lint.has_target, label.target),
    mark(lint.has_deadline, label.deadline),
  ].join('   ');
}

/**
 * How the draft modal words a finding while the person types: the rule, never their own words. A finding
 * whose text quotes the draft ("20 manager trai…", "to 9", "by Dece") would change on every keystroke and
 * cost a `views.update` each time; stated as its rule it changes only when the verdict does. Findings not
 * listed here are worded without the draft's text already. `/okr lint` keeps the full wording.
 */
const LIVE: Record<Language, Record<string, { message?: string; suggestion?: string }>> = {
  en: {
    // "1 key result" → "0 key results" would change with the first letter typed; the rule does not.
    too_few_key_results: {
      message: `An objective needs at least ${MIN_KEY_RESULTS} key results (2–4 is typical).`,
    },
    vague: {
      message: 'Not measurable: a direction with no number cannot be scored.',
      suggestion:
        "Which number shows it, what is it today, and where should it be? from <today's value> to <target>",
    },
    activity: {
      message: 'This counts work done, not a change in the world: it can be done while nothing changes.',
      suggestion:
        "What should change once the work pays off? Score that instead: from <today's value> to <target>",
    },
    kpi_standard: {
      suggestion:
        "Track it as a KPI with an owner, a target range and an alert threshold; if it must change this quarter, write from <today's value> to <target>.",
    },
    missing_target: { suggestion: "Add the value to reach: from <today's value> to <target>." },
    missing_baseline: { suggestion: "Add today's value: from <today's value> to <target>." },
    deadline_passed: {
      message: 'A date in it is already past.',
      suggestion: 'Use a date in this quarter.',
    },
    objective_is_key_result: {
      suggestion:
        'Keep the metric as a key result, and write the objective as why it matters: what gets better, for whom?',
    },
    objective_has_number: {
      suggestion: 'Move the numbers into key results and keep the direction in words.',
    },
    objective_is_task: {
      suggestion:
        'What will be different once it is done, and for whom? Make that the objective; the work goes in the plan.',
    },
  },
  ko: {
    too_few_key_results: { message: `핵심 결과가 최소 ${MIN_KEY_RESULTS}개(보통 2–4개) 필요합니다.` },
    vague: {
      message: '측정할 수 없습니다: 숫자 없는 방향은 달성 여부를 판단할 수 없습니다.',
      suggestion: '어떤 숫자로 보이나요? 지금은 얼마이고 어디까지 가야 하나요? <현재값>에서 <목표값>으로',
    },
    activity: {
      message: '하는 일을 세고 있습니다. 끝내도 달라지는 것이 없을 수 있습니다.',
      suggestion: '그 일이 효과를 내면 무엇이 달라지나요? 그 변화를 쓰세요: <현재값>에서 <목표값>으로',
    },
    kpi_standard: {
      suggestion:
        '담당자, 목표 범위, 경보 기준을 정해 KPI로 관리하세요. 이번 분기에 바꾸려면 <현재값>에서 <목표값>으로 쓰세요.',
    },
    missing_target: { suggestion: '도달할 값을 쓰세요: <현재값>에서 <목표값>으로.' },
    missing_baseline: { suggestion: '현재값을 쓰세요: <현재값>에서 <목표값>으로.' },
    deadline_passed: { message: '이미 지난 날짜가 있습니다.', suggestion: '이번 분기 안의 날짜를 쓰세요.' },
    objective_is_key_result: {
      suggestion: '지표는 핵심 결과로 옮기고, 목표에는 왜 중요한지(누구에게 무엇이 나아지는지)를 쓰세요.',
    },
    objective_has_number: { suggestion: '숫자는 핵심 결과로 옮기고, 목표에는 방향만 말로 남기세요.' },
    objective_is_task: {
      suggestion: '마치면 누구에게 무엇이 달라지나요? 그것을 목표로 쓰고, 할 일은 실행 계획으로 옮기세요.',
    },
  },
};

/** The wording of the feedback: `full` quotes the text (`/okr lint`), `live` states the rule (the draft modal). */
export type FeedbackForm = 'full' | 'live';

function findingLines(findings: Finding[], max: number, form: FeedbackForm, lang: Language): string[] {
  return findings
    .filter((f) => f.severity !== 'info')
    .slice(0, max)
    .map((f) => {
      const live = form === 'live' ? LIVE[lang][f.code] : undefined;
      const message = live?.message ?? f.message;
      const suggestion = live?.suggestion ?? f.suggestion;
      return `${f.severity === 'error' ? '⛔' : '⚠️'} ${esc(message)}${suggestion ? `\n      → _${esc(suggestion)}_` : ''}`;
    });
}

/** The ✅ / ⚠️ lines shown under a key result while it is being typed (`live`) or linted (`full`). */
export function keyResultFeedback(lint: KeyResultLint, form: FeedbackForm = 'full'): string {
  const lines = [
    VERDICT[lint.language][lint.verdict],
    factLine(lint),
    ...findingLines(lint.findings, 3, form, lint.language),
  ];
  return truncate(lines.join('\n'), 1900);
}

export function objectiveFeedback(lint: ObjectiveLint, form: FeedbackForm = 'full'): string {
  const head =
    lint.verdict === 'objective_ok'
      ? lint.language === 'ko'
        ? '✅ 정성적이고 방향이 분명한 목표입니다'
        : '✅ Qualitative and directional: a good objective'
      : lint.language === 'ko'
        ? '⚠️ 목표는 숫자나 과제가 아니라 가고 싶은 곳입니다'
        : '⚠️ An objective says where you want to go, not a number or a task';
  return truncate([head, ...findingLines(lint.findings, 2, form, lint.language)].join('\n'), 1900);
}

/** Set-level findings: too many objectives, too few or too many key results, duplicates. */
export function draftFindingsText(
  findings: Finding[],
  form: FeedbackForm = 'full',
  lang: Language = 'en',
): string | undefined {
  const lines = findingLines(findings, 5, form, lang);
  return lines.length > 0 ? truncate(lines.join('\n'), 1900) : undefined;
}

export const VERDICT_ICON: Record<KeyResultLint['verdict'], string> = {
  outcome: '✅',
  activity: '⚠️',
  kpi_standard: '⚠️',
};
