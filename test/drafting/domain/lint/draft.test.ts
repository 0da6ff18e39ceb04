import { describe, expect, it } from 'vitest';
import { type LintContext, lintDraft } from '../../../../src/drafting/domain/lint/index.js';

const ctx: LintContext = {
  quarter: { year: 2026, q: 2 },
  okrType: 'committed',
  today: '2026-04-02',
  objectivesInQuarter: 2,
};
const objective = 'Make hiring feel fast and fair for every candidate';
const good = [
  'Cut median time-to-hire for backend engineers from 52 days to 30 days by the end of Q2',
  'Raise offer acceptance for senior roles from 68% to 85% by 2026-06-30',
  'Candidate NPS rises from 12 to 40 by end of Q2',
];

function codes(draft: { objective: string; keyResults: string[] }, c: LintContext = ctx) {
  return lintDraft(draft, c).findings.map((f) => f.code);
}

describe('lintDraft', () => {
  it('a focused draft has no set-level findings and does not block', () => {
    const lint = lintDraft({ objective, keyResults: good }, ctx);
    expect(lint.findings).toEqual([]);
    expect(lint.blocking).toBe(false);
    expect(lint.objective.verdict).toBe('objective_ok');
    expect(lint.keyResults.map((kr) => kr.verdict)).toEqual(['outcome', 'outcome', 'outcome']);
  });

  it('more than 4 objectives this quarter blocks', () => {
    expect(codes({ objective, keyResults: good }, { ...ctx, objectivesInQuarter: 4 })).toEqual([]);
    const lint = lintDraft({ objective, keyResults: good }, { ...ctx, objectivesInQuarter: 5 });
    expect(lint.findings.map((f) => f.code)).toEqual(['too_many_objectives']);
    expect(lint.findings[0]?.message).toContain('5');
    expect(lint.blocking).toBe(true);
  });

  it('fewer than 2 or more than 5 key results block; blank rows do not count', () => {
    expect(codes({ objective, keyResults: [good[0] ?? '', '  '] })).toContain('too_few_key_results');
    expect(codes({ objective, keyResults: [] })).toContain('too_few_key_results');
    const six = [
      ...good,
      'Reduce interview rounds per hire from 7 to 4',
      'Drop-off on the application form falls from 58% to 35%',
      'Referral hires rise from 8% to 20%',
    ];
    expect(codes({ objective, keyResults: six })).toContain('too_many_key_results');
    expect(codes({ objective, keyResults: six.slice(0, 5) })).not.toContain('too_many_key_results');
    expect(lintDraft({ objective, keyResults: six }, ctx).blocking).toBe(true);
  });

  it('finds duplicate key results, ignoring case, punctuation and emoji', () => {
    const lint = lintDraft(
      {
        objective,
        keyResults: [
          ...good,
          'cut median time-to-hire for backend engineers from 52 days to 30 days by the end of Q2! 🚀',
        ],
      },
      ctx,
    );
    const dup = lint.findings.find((f) => f.code === 'duplicate_key_result');
    expect(dup?.message).toContain('1');
    expect(dup?.message).toContain('4');
    expect(lint.blocking).toBe(true);
  });

  it('finds a key result that restates the objective', () => {
    const lint = lintDraft(
      { objective, keyResults: [good[0] ?? '', 'Make hiring fast and fair for every candidate'] },
      ctx,
    );
    const f = lint.findings.find((x) => x.code === 'key_result_restates_objective');
    expect(f?.message).toContain('2');
    expect(f?.severity).toBe('warning');
  });

  it('an empty key result row in the middle is an error that blocks', () => {
    const lint = lintDraft({ objective, keyResults: [good[0] ?? '', '', good[1] ?? ''] }, ctx);
    expect(lint.keyResults[1]?.findings.map((f) => f.code)).toEqual(['empty']);
    expect(lint.blocking).toBe(true);
  });

  it('warnings alone (an activity key result) do not block', () => {
    const lint = lintDraft(
      { objective, keyResults: [good[0] ?? '', 'Run 30 structured-interview trainings by end of Q2'] },
      ctx,
    );
    expect(lint.keyResults[1]?.verdict).toBe('activity');
    expect(lint.blocking).toBe(false);
  });

  it('Korean drafts get Korean set-level messages', () => {
    const lint = lintDraft(
      { objective: '구성원이 성장을 체감하는 조직 만들기', keyResults: ['관리자 교육 20회 실시'] },
      ctx,
    );
    expect(lint.findings[0]?.code).toBe('too_few_key_results');
    expect(lint.findings[0]?.message).toMatch(/[가-힣]/);
  });

  it('never throws on malformed drafts', () => {
    expect(() =>
      lintDraft(
        { objective: undefined as unknown as string, keyResults: undefined as unknown as string[] },
        ctx,
      ),
    ).not.toThrow();
    expect(lintDraft({ objective: '', keyResults: [] }, ctx).blocking).toBe(true);
  });
});
