import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import type { Finding, KeyResultLint, Language, ObjectiveLint } from '../../domain/lint/index.js';

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

function findingLines(findings: Finding[], max: number): string[] {
  return findings
    .filter((f) => f.severity !== 'info')
    .slice(0, max)
    .map(
      (f) =>
        `${f.severity === 'error' ? '⛔' : '⚠️'} ${esc(f.message)}${f.suggestion ? `\n      → _${esc(f.suggestion)}_` : ''}`,
    );
}

/** The ✅ / ⚠️ lines shown under a key result while it is being typed. */
export function keyResultFeedback(lint: KeyResultLint): string {
  const lines = [VERDICT[lint.language][lint.verdict], factLine(lint), ...findingLines(lint.findings, 3)];
  return truncate(lines.join('\n'), 1900);
}

export function objectiveFeedback(lint: ObjectiveLint): string {
  const head =
    lint.verdict === 'objective_ok'
      ? lint.language === 'ko'
        ? '✅ 정성적이고 방향이 분명한 목표입니다'
        : '✅ Qualitative and directional: a good objective'
      : lint.language === 'ko'
        ? '⚠️ 목표는 숫자나 과제가 아니라 가고 싶은 곳입니다'
        : '⚠️ An objective says where you want to go, not a number or a task';
  return truncate([head, ...findingLines(lint.findings, 2)].join('\n'), 1900);
}

/** Set-level findings: too many objectives, too few or too many key results, duplicates. */
export function draftFindingsText(findings: Finding[]): string | undefined {
  const lines = findingLines(findings, 5);
  return lines.length > 0 ? truncate(lines.join('\n'), 1900) : undefined;
}

export const VERDICT_ICON: Record<KeyResultLint['verdict'], string> = {
  outcome: '✅',
  activity: '⚠️',
  kpi_standard: '⚠️',
};
