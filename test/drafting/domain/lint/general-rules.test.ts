// The word-class and shape rules added after blind rounds 3 and 4, each checked on fresh sentences
// (not taken from any labelled set).
import { describe, expect, it } from 'vitest';
import { lintKeyResult, lintObjective } from '../../../../src/drafting/domain/lint/index.js';
import { LINT_CONTEXT } from './labelled-set.js';

const verdict = (t: string) => lintKeyResult(t, LINT_CONTEXT).verdict;

describe('change in other verbs and shapes', () => {
  it.each([
    'Take first-response time from 9 hours to 2 hours by end of Q2',
    'Bump trial-to-paid conversion from 8% → 12% in Q2',
    'Get 45% of admins using the audit log weekly (today: 10%) by June',
    'Increase the share of analysts running saved queries from 15% to 50% by Q2',
    'Move month-end close from 8 days to 4 by end of Q2',
    'Bring open security findings from 60 to zero by end of Q2',
    '30% of partners use the self-serve portal weekly by Q4',
    '60% of refund requests submitted through the help center by Q3 (currently 20%)',
    '영업팀의 70%가 새 CRM 대시보드를 매주 사용 (4분기 말)',
    'More candidates recommend us to friends',
  ])('outcome: %s', (t) => expect(verdict(t)).toBe('outcome'));
});

describe('the team’s own output or inputs, and plans', () => {
  it.each([
    'Grow test cases automated from 200 to 900 by Q3',
    'Payroll tickets handled by the HR ops team from 300 to 500 a month',
    'Raise event sponsorship spend from $20k to $60k in H2',
    'Increase travel budget executed from 40% to 85% of plan by Q4',
    'Vendor audits performed: 4 → 12 this year',
    '보안 교육 수행 건수 10건 → 25건 확대',
    '마케팅 예산 집행률 50%에서 85%로 제고 (하반기)',
    'Phase 1: interview users; Phase 2: prototype; Phase 3: launch beta (Q3)',
    'discover → design → ship the billing page',
    'Scope, build and roll out the new expense tool by Q4',
    '리뷰 프로세스 설계, 파일럿, 전사 적용 (연말까지)',
    '신규 ATS 시범 도입 후 4개 본부 순차 확대 (하반기)',
    '고객 커뮤니티 활성화 활동 추진',
    'Provide better onboarding material for new managers',
  ])('activity: %s', (t) => expect(verdict(t)).toBe('activity'));
});

describe('steady-state standards', () => {
  it.each([
    "Don't let cash runway drop below 12 months",
    'invoice dispute rate under 2%',
    'first-year retention at 90% or higher',
    'Never let open P1 bugs exceed 5 at any time',
    'Acknowledge every customer complaint within 2 business days of receipt',
    'Approve all expense claims within the week they arrive',
    'Every new contractor signs the NDA before day 1',
    'Page the on-call engineer within 5 minutes, 24/7',
    'No more than 1% of orders shipped late in any week',
    '반기별 권한 검토 100% 완료',
  ])('kpi_standard: %s', (t) => expect(verdict(t)).toBe('kpi_standard'));

  it('a change predicate after 준수 wants a change', () => {
    expect(verdict('보안 규정 준수 향상')).toBe('outcome');
  });
});

describe('objectives', () => {
  it('a zero-relative clause about people makes a product objective a direction', () => {
    expect(lintObjective('Build a tool teams can rely on every day', LINT_CONTEXT).verdict).toBe(
      'objective_ok',
    );
  });
});
