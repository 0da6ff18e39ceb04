import { describe, expect, it } from 'vitest';
import { type LintContext, lintKeyResult } from '../../../../src/drafting/domain/lint/index.js';

const ctx: LintContext = { quarter: { year: 2026, q: 4 }, okrType: 'committed', today: '2026-10-05' };

function verdict(text: string) {
  return lintKeyResult(text, ctx).verdict;
}
function codes(text: string, c: LintContext = ctx) {
  return lintKeyResult(text, c).findings.map((f) => f.code);
}

describe('lintKeyResult: judged by what is scored, not by the first verb', () => {
  it.each([
    ['Launch onboarding that cuts 90-day attrition from 20% to 12%', 'outcome'],
    ['Conduct 100 stay interviews by March 31', 'activity'],
    ['Ensure 100% of new hires complete paperwork on time', 'kpi_standard'],
    ['Maintain 95% SLA compliance', 'kpi_standard'],
    ['Complete the rollout of the new expense tool to 80% of teams', 'activity'],
    ['Lift career conversations logged from 120 to 400', 'activity'],
    [
      'Migrate checkout to the new service mesh so that the checkout error rate falls from 1.2% to 0.3%',
      'outcome',
    ],
    ['Publish 16 long-form blog articles by the end of Q2', 'activity'],
    ['Zero Sev-1 incidents caused by config changes in Q2 (we had 4 in Q1)', 'outcome'],
    ['Maintain zero material weaknesses in internal controls', 'kpi_standard'],
    ['Hire 12 backend engineers by Q3', 'outcome'],
    ['Sign up 500 employees for the mentoring platform', 'activity'],
    ['Go from 2 to 8 usability tests per quarter', 'activity'],
    ['Cut the number of interview rounds per hire from 7 to 4', 'outcome'],
    ['Reps who finished negotiation training close at a 25% win rate, up from 18%, by year end', 'outcome'],
    ['Engagement survey results are shared with every team by May 15', 'activity'],
    ['No P1 ticket goes unacknowledged for more than 15 minutes', 'kpi_standard'],
    ['Audit adjustments fall from 9 to 0 at the FY25 external audit', 'outcome'],
    ['Redesign the interview loop so it is faster and fairer', 'activity'],
    ['Customers stop having to contact us twice about the same issue', 'outcome'],
  ])('%s → %s', (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });
});

describe('lintKeyResult: Korean', () => {
  it.each([
    ['채용 리드타임을 52일에서 30일로 단축', 'outcome'],
    ['관리자 교육 20회 실시', 'activity'],
    ['안전사고 0건 유지', 'kpi_standard'],
    ['1:1 면담 횟수 월 10회 → 30회', 'activity'],
    ['신규 고객사 계약 건수 분기당 12건 → 20건', 'outcome'],
    ['신규 입사자 첫날 노트북·계정 세팅 100% 완료 (매 입사 기수)', 'kpi_standard'],
    ['직무 교육 과정 확대', 'activity'],
    ['브랜드 인지도 제고', 'outcome'],
  ])('%s → %s', (text, expected) => {
    const r = lintKeyResult(text, ctx);
    expect(r.verdict).toBe(expected);
    expect(r.language).toBe('ko');
  });

  it('writes Korean messages and suggestions for Korean text', () => {
    const r = lintKeyResult('관리자 교육 20회 실시', ctx);
    const activity = r.findings.find((f) => f.code === 'activity');
    expect(activity?.message).toMatch(/[가-힣]/);
    expect(activity?.suggestion).toContain('관리자 교육 20회');
    expect(activity?.suggestion).toContain('2026-12-31까지');
    expect(activity?.message).not.toMatch(/\bthe\b/);
  });
});

describe('lintKeyResult: facts and their traps', () => {
  it('"by 20%" alone is not a baseline; a from-value is', () => {
    expect(lintKeyResult('Reduce avg handle time by 20%', ctx).has_baseline).toBe(false);
    expect(lintKeyResult('Reduce avg handle time from 9 to 6 minutes', ctx).has_baseline).toBe(true);
    expect(lintKeyResult('Incrase close rate from demos to 25%', ctx).has_baseline).toBe(false);
    expect(lintKeyResult('Stockouts drop to under 2% of days (currently 9%)', ctx).has_baseline).toBe(true);
    expect(lintKeyResult('재직증명서 발급 리드타임 2일 → 10분 이내', ctx).has_baseline).toBe(true);
  });

  it('numbers inside names are not targets; all / every / zero / half are', () => {
    expect(lintKeyResult('Publish the 30-60-90 day plan template', ctx).has_target).toBe(false);
    expect(lintKeyResult('Set up 24/7 on-call coverage', ctx).has_target).toBe(false);
    expect(lintKeyResult('Complete the SOC 2 readiness checklist', ctx).has_target).toBe(false);
    expect(lintKeyResult('Release v2 of the mobile app', ctx).has_target).toBe(false);
    expect(lintKeyResult('Digitize all paper-based inspection forms', ctx).has_target).toBe(true);
    expect(lintKeyResult('Halve support tickets about billing confusion', ctx).has_target).toBe(true);
  });

  it('measurement windows, rates and cadences are not deadlines', () => {
    expect(
      lintKeyResult('60% of new AEs close their first deal within 90 days of starting', ctx).has_deadline,
    ).toBe(false);
    expect(lintKeyResult('Go from 2 to 8 usability tests per quarter', ctx).has_deadline).toBe(false);
    expect(lintKeyResult('신규 고객사 계약 건수 분기당 12건 → 20건', ctx).has_deadline).toBe(false);
    expect(lintKeyResult('연말정산 관련 재문의 건수 1,200건 → 300건', ctx).has_deadline).toBe(false);
    expect(lintKeyResult('Keep CSAT at or above 90% every month', ctx).has_deadline).toBe(false);
    expect(
      lintKeyResult('Complete onboarding for all 60 new hires in the April cohort', ctx).has_deadline,
    ).toBe(false);
  });

  it('calendar and cycle bounds are deadlines', () => {
    for (const text of [
      'Cut p95 latency from 820 ms to 300 ms by end of Q3',
      'Halve billing tickets this quarter',
      'Raise offer acceptance from 68% to 85% in H2',
      'Host 4 open houses before the summer hiring push',
      '🔥 영업본부 eNPS -10 → +10 (연말 서베이)',
      '신규 ATS 도입 (2분기까지)',
    ]) {
      expect(lintKeyResult(text, ctx).has_deadline, text).toBe(true);
    }
  });

  it('shorthand from-to is a baseline, a range of a count is not; relative bounds are deadlines', () => {
    expect(lintKeyResult('NPS 30 to 45 by Q4', ctx).has_baseline).toBe(true);
    expect(lintKeyResult('Grow MRR $50k to $80k', ctx).has_baseline).toBe(true);
    expect(lintKeyResult('Hire 3 to 5 senior engineers', ctx).has_baseline).toBe(false);
    expect(lintKeyResult('Reduce churn to 2% in the next 90 days', ctx).has_deadline).toBe(true);
    expect(lintKeyResult('Launch the referral program by day 30 of onboarding', ctx).has_target).toBe(false);
  });

  it('vague means a direction word with no number', () => {
    expect(lintKeyResult('Increase sales', ctx).vague).toBe(true);
    expect(lintKeyResult('구성원 만족도 향상', ctx).vague).toBe(true);
    expect(lintKeyResult('Increase sales from $2M to $3M', ctx).vague).toBe(false);
    expect(lintKeyResult('Ship dark mode', ctx).vague).toBe(false);
  });
});

describe('lintKeyResult: findings and suggestions', () => {
  it('an activity asks what should change and offers a rewrite from the user’s words with the user’s own date', () => {
    const r = lintKeyResult('Conduct 100 stay interviews by March 31', ctx);
    const f = r.findings.find((x) => x.code === 'activity');
    expect(f?.severity).toBe('warning');
    expect(f?.suggestion).toContain('100 stay interviews');
    expect(f?.suggestion).toMatch(/what should change/i);
    expect(f?.suggestion).toContain("from <today's value> to <target> by March 31");
    expect(f?.suggestion).not.toContain('2026-12-31');
  });

  it('a missing baseline asks for today’s value and keeps the target', () => {
    const f = lintKeyResult('Increase offer-accept rate for data scientists to 80%', ctx).findings.find(
      (x) => x.code === 'missing_baseline',
    );
    expect(f?.message).toMatch(/today/);
    expect(f?.suggestion).toContain('80%');
  });

  it('the baseline finding is softer for aspirational OKRs', () => {
    const aspirational = { ...ctx, okrType: 'aspirational' as const };
    const f = lintKeyResult('Increase NPS to 50', aspirational).findings.find(
      (x) => x.code === 'missing_baseline',
    );
    expect(f?.severity).toBe('info');
  });

  it('a deadline-less key result is offered the quarter’s end', () => {
    const f = lintKeyResult('Reduce churn from 5% to 3%', ctx).findings.find(
      (x) => x.code === 'missing_deadline',
    );
    expect(f?.suggestion).toContain('by 2026-12-31');
    expect(f?.suggestion).toContain('2026Q4');
    const ko = lintKeyResult('이탈률 5% → 3%', ctx).findings.find((x) => x.code === 'missing_deadline');
    expect(ko?.suggestion).toContain('2026-12-31까지');
  });

  it('a KPI standard says to track it as a KPI', () => {
    const f = lintKeyResult('Keep CSAT at or above 90% every month', ctx).findings.find(
      (x) => x.code === 'kpi_standard',
    );
    expect(f?.suggestion).toMatch(/KPI/);
    expect(codes('Keep CSAT at or above 90% every month')).not.toContain('missing_deadline');
  });

  it('a vague key result is an error; a complete outcome has no findings', () => {
    expect(
      lintKeyResult('Improve candidate experience', ctx).findings.find((f) => f.code === 'vague')?.severity,
    ).toBe('error');
    expect(codes('Reduce p95 API latency from 820 ms to 300 ms by end of Q4')).toEqual([]);
  });

  it('flags ISO dates already past or after the quarter', () => {
    expect(codes('Reduce churn from 5% to 3% by 2026-09-30')).toContain('deadline_passed');
    expect(codes('Reduce churn from 5% to 3% by 2027-03-31')).toContain('deadline_after_quarter');
    expect(codes('Reduce churn from 5% to 3% by 2026-12-31')).toEqual([]);
  });
});

describe('lintKeyResult: bad input never throws', () => {
  it.each(['', '   ', '\n\t', '🎉🎉🎉'])('empty text %j gets the empty finding', (text) => {
    const r = lintKeyResult(text, ctx);
    expect(r.findings.map((f) => f.code)).toEqual(['empty']);
    expect(r.findings[0]?.severity).toBe('error');
  });

  it('lints text over 3000 characters on a prefix, with a finding', () => {
    const text = `Reduce churn from 5% to 3% by Q4 ${'and keep going '.repeat(300)}`;
    const r = lintKeyResult(text, ctx);
    expect(r.text.length).toBeGreaterThan(3000);
    expect(r.findings.map((f) => f.code)).toContain('too_long');
    expect(r.verdict).toBe('outcome');
    expect(r.has_baseline).toBe(true);
  });

  it('ignores emoji and list markers, and copes with mixed languages', () => {
    expect(verdict('🚀 Publish 48 blog posts 📝 this year')).toBe('activity');
    expect(verdict('- Reduce churn from 5% to 3%')).toBe('outcome');
    expect(lintKeyResult('MAU 30% 증가 by Q4', ctx).language).toBe('ko');
    expect(verdict('MAU 30% 증가 by Q4')).toBe('outcome');
    expect(verdict('Launch 신규 온보딩 프로그램')).toBe('activity');
  });

  it('survives odd input without throwing', () => {
    for (const text of [
      '((((',
      '\u0000',
      '→→→',
      '1.',
      '-',
      '%%%',
      'a'.repeat(10_000),
      undefined as unknown as string,
    ]) {
      expect(() => lintKeyResult(text, ctx)).not.toThrow();
    }
  });
});
