// Findings that read the writer's numbers and dates: relative changes ("by 20%", "30일 단축") are
// rewritten against today's value, numbers going the wrong way for the verb are flagged, a vague
// key result leads with "not measurable", and rewrites keep the writer's own deadline.
import { describe, expect, it } from 'vitest';
import { lintKeyResult } from '../../../../src/drafting/domain/lint/index.js';
import { LINT_CONTEXT } from './labelled-set.js';

const ctx = LINT_CONTEXT;

function suggestion(text: string, code: string): string {
  return lintKeyResult(text, ctx).findings.find((f) => f.code === code)?.suggestion ?? '';
}

describe('relative changes', () => {
  it('"Reduce time-to-hire by 20%" is from today to 80% of today, not to 20', () => {
    const s = suggestion('Reduce time-to-hire by 20%', 'missing_baseline');
    expect(s).toContain("from <today's value> to <80% of today's value>");
    expect(s).not.toMatch(/to 20%?"/);
  });

  it('"Increase NPS by 10 points" is from today to today + 10 points', () => {
    expect(suggestion('Increase NPS by 10 points by end of Q2', 'missing_baseline')).toContain(
      "<today's value + 10 points>",
    );
  });

  it('"채용 소요 기간을 30일 단축한다" is from today to today − 30 days', () => {
    const s = suggestion('채용 소요 기간을 30일 단축한다', 'missing_baseline');
    expect(s).toContain('<현재값>에서 <현재값 − 30일>');
    expect(s).not.toContain('에서 30(으)로');
  });

  it('"이탈률 20% 감소" is from today to 80% of today', () => {
    expect(suggestion('이탈률 20% 감소', 'missing_baseline')).toContain('<현재값의 80%>');
  });

  it('an explicit target is kept as written', () => {
    expect(suggestion('Reduce time-to-hire to 30 days by end of Q2', 'missing_baseline')).toContain(
      "from <today's value> to 30",
    );
  });
});

describe('numbers that go the wrong way for the verb', () => {
  it('"Decrease time-to-hire from 30 to 45 days" gets a warning', () => {
    const f = lintKeyResult('Decrease time-to-hire from 30 to 45 days', ctx).findings.find(
      (x) => x.code === 'direction_mismatch',
    );
    expect(f?.severity).toBe('warning');
    expect(f?.message).toMatch(/wrong way/);
  });

  it('"Increase NPS from 40 to 30" and "… 20회에서 10회로 확대" are flagged; consistent ones are not', () => {
    const codes = (t: string) => lintKeyResult(t, ctx).findings.map((f) => f.code);
    expect(codes('Increase NPS from 40 to 30 by end of Q2')).toContain('direction_mismatch');
    expect(codes('사내 교육 운영 횟수 20회에서 10회로 확대 (연말까지)')).toContain('direction_mismatch');
    expect(codes('Decrease time-to-hire from 45 to 30 days by end of Q2')).not.toContain(
      'direction_mismatch',
    );
    expect(codes('Improve time-to-hire from 45 to 30 days by end of Q2')).not.toContain('direction_mismatch');
  });
});

describe('vague key results', () => {
  it('"Improve employee engagement" leads with "not measurable"', () => {
    const r = lintKeyResult('Improve employee engagement', ctx);
    expect(r.findings[0]?.code).toBe('vague');
    expect(r.findings[0]?.message).toMatch(/not measurable/i);
  });

  it('a vague activity also leads with "not measurable"', () => {
    const r = lintKeyResult('Offer more training to frontline managers', ctx);
    expect(r.verdict).toBe('activity');
    expect(r.findings[0]?.message).toMatch(/not measurable/i);
  });
});

describe('rewrites keep the writer’s own date', () => {
  it('"by end of March" stays in the rewrite', () => {
    const s = suggestion('Run 12 hiring workshops by end of March', 'activity');
    expect(s).toContain('by end of March');
    expect(s).not.toContain('2026-06-30');
  });

  it('a calendar date stays in the rewrite', () => {
    expect(suggestion('Conduct 150 sourcing calls by December 31', 'activity')).toContain('by December 31');
    expect(suggestion('Improve candidate experience by 2026-05-15', 'vague')).toContain('by 2026-05-15');
  });

  it('a Korean deadline stays in the rewrite', () => {
    const s = suggestion('채용 워크숍 10회 실시 (5월 말까지)', 'activity');
    expect(s).toContain('5월 말');
    expect(s).not.toContain('2026-06-30');
  });

  it('with no date the rewrite uses the quarter’s end', () => {
    expect(suggestion('Run 12 hiring workshops', 'activity')).toContain('by 2026-06-30');
  });
});
