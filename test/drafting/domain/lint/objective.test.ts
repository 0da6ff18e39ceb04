import { describe, expect, it } from 'vitest';
import { type LintContext, lintObjective } from '../../../../src/drafting/domain/lint/index.js';

const ctx: LintContext = { quarter: { year: 2026, q: 4 }, okrType: 'committed', today: '2026-10-05' };

function codes(text: string) {
  return lintObjective(text, ctx).findings.map((f) => f.code);
}

describe('lintObjective', () => {
  it.each([
    'Ship on Fridays without fear',
    'Build a platform other teams love building on',
    'make on-call weeks boring (in a good way)',
    'Give every new hire a first month they brag about to their friends',
    'Close the books so fast that finance becomes a strategic partner',
    'Delight hiring managers 😊 with candidates they actually want to meet',
    '장애 걱정 없이 배포하는 개발 문화 구축',
  ])('qualitative and directional: %s', (text) => {
    const lint = lintObjective(text, ctx);
    expect(lint.verdict).toBe('objective_ok');
    expect(lint.findings).toEqual([]);
  });

  it('a number is bad, and the number goes to a key result', () => {
    const lint = lintObjective(
      'Become a great place to work with a 4.5 Glassdoor rating and eNPS over 40',
      ctx,
    );
    expect(lint.verdict).toBe('objective_bad');
    expect(lint.has_target).toBe(true);
    expect(lint.findings.map((f) => f.code)).toContain('objective_has_number');
  });

  it('a key result in the objective slot is named as such', () => {
    expect(codes('Lower attrition from 18% to 10% by year end')).toContain('objective_is_key_result');
    expect(codes('Reduce time-to-hire to 30 days')).toContain('objective_is_key_result');
    expect(codes('채용 리드타임 30일 달성')).toContain('objective_is_key_result');
    const f = lintObjective('Lower attrition from 18% to 10% by year end', ctx).findings[0];
    expect(f?.suggestion).toContain('Lower attrition from 18% to 10% by year end');
  });

  it('a task, a project or a task list is bad', () => {
    expect(codes('Launch the new mobile app')).toContain('objective_is_task');
    expect(codes('Roll out OKRs to all teams by Q2')).toContain('objective_is_task');
    expect(codes('Hire 3 recruiters, launch the careers page and run manager training')).toContain(
      'objective_is_task',
    );
    expect(
      lintObjective('Hire 3 recruiters, launch the careers page and run manager training', ctx).findings[1]
        ?.message,
    ).toMatch(/task list/);
    expect(codes('신규 HRIS 도입')).toContain('objective_is_task');
  });

  it('a maintenance goal is bad', () => {
    expect(codes('Maintain 99.9% uptime')).toContain('objective_is_maintenance');
    expect(codes('Keep costs flat')).toContain('objective_is_maintenance');
    expect(codes('보안 규정 준수')).toContain('objective_is_maintenance');
  });

  it('Korean objectives get Korean findings', () => {
    const f = lintObjective('신규 HRIS 도입', ctx).findings[0];
    expect(f?.message).toMatch(/[가-힣]/);
    expect(f?.suggestion).toMatch(/[가-힣]/);
  });

  it('"every new hire" is who the objective is for, not a target', () => {
    expect(
      lintObjective('Give every new hire a first month they brag about to their friends', ctx).has_target,
    ).toBe(false);
    expect(lintObjective('Roll out OKRs to all teams by Q2', ctx).has_target).toBe(true);
  });

  it('empty text is an error finding, never an exception', () => {
    for (const text of ['', '  ', '✨']) {
      const lint = lintObjective(text, ctx);
      expect(lint.verdict).toBe('objective_bad');
      expect(lint.findings.map((f) => [f.code, f.severity])).toEqual([['empty', 'error']]);
    }
  });
});
