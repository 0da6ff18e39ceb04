// Linting runs on every keystroke while a user drafts an OKR: a whole draft (objective + 5 key
// results) must take well under a millisecond at the median. Run with `npm run bench -- lint`.
import { type LintContext, lintDraft } from '../../src/drafting/domain/lint/index.js';

const ctx: LintContext = {
  quarter: { year: 2026, q: 4 },
  okrType: 'committed',
  today: '2026-10-12',
  objectivesInQuarter: 3,
};

const DRAFTS: Array<{ objective: string; keyResults: string[] }> = [
  {
    objective: 'Make hiring feel fast and fair for every candidate',
    keyResults: [
      'Cut median time-to-hire for backend engineers from 52 days to 30 days by the end of Q4',
      'Raise offer acceptance for senior product roles from 68% to 85% in H2',
      'Conduct 150 sourcing calls with passive candidates by December 31',
      'Launch a structured-interview program that brings first-year regretted attrition down from 19% to 10%',
      'Ensure 100% of new hires complete onboarding paperwork on time',
    ],
  },
  {
    objective: '장애 걱정 없이 배포하는 개발 문화 구축',
    keyResults: [
      '배포 후 장애 건수 분기당 12건 → 3건',
      '장애 대응 매뉴얼 작성',
      '배치 작업 실패 알림 발생 시 30분 내 대응 원칙 준수',
      '평균 복구 시간을 3시간에서 30분으로 단축 (연말까지)',
      '관리자 교육 20회 실시',
    ],
  },
  {
    objective: 'Lower attrition from 18% to 10% by year end',
    keyResults: [
      'Reps who finished negotiation training close at a 25% win rate, up from 18%, by year end',
      'Go from 40 to 120 discovery calls a month',
      'Keep CSAT at or above 90% every month',
      'Publish 16 long-form blog articles by the end of Q4 📝',
      'Improve candidate experience',
    ],
  },
  {
    objective: 'Become the most trusted voice on payroll compliance for small businesses',
    keyResults: [
      'Trial-to-paid conversion for paid-search signups reaches 12% by Q4',
      "3 of our 10 pillar articles rank in Google's top 5 for their target keyword by October",
      'Zero Sev-1 incidents caused by config changes in Q4 (we had 4 in Q3)',
      'Run an ABM campaign that gets 40 of our 150 target accounts engaging with sales, up from 11',
      'Sign up 500 employees for the mentoring platform',
    ],
  },
];

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export default async function (): Promise<void> {
  const warmup = 2_000;
  const iterations = 20_000;
  let sink = 0;
  for (let i = 0; i < warmup; i++) {
    const draft = DRAFTS[i % DRAFTS.length];
    if (draft) sink += lintDraft(draft, ctx).keyResults.length;
  }
  const samples = new Float64Array(iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const draft = DRAFTS[i % DRAFTS.length];
    if (!draft) continue;
    const t0 = process.hrtime.bigint();
    sink += lintDraft(draft, ctx).keyResults.length;
    samples[i] = Number(process.hrtime.bigint() - t0) / 1e3;
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const sorted = Array.from(samples).sort((a, b) => a - b);
  console.log(
    `lintDraft (objective + 5 key results, ${DRAFTS.length} drafts, EN+KO), ${iterations} iterations`,
  );
  console.log(
    `  median ${percentile(sorted, 50).toFixed(1)} µs   p99 ${percentile(sorted, 99).toFixed(1)} µs`,
  );
  console.log(`  throughput ${Math.round(iterations / (totalMs / 1000)).toLocaleString('en-US')} drafts/s`);
  if (sink === 0) console.log('(no key results linted)');
}
