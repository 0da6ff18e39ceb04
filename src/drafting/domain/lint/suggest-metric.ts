import type { Language } from './types.js';

export interface MetricHint {
  /** A metric the work is usually meant to move, in the user's language. */
  metric: string;
  direction: 'up' | 'down';
}

const HINTS: ReadonlyArray<{ re: RegExp; en: MetricHint; ko: MetricHint }> = [
  {
    re: /stay interview|exit interview|retention|attrition|퇴사|이직|리텐션/,
    en: { metric: 'regretted attrition', direction: 'down' },
    ko: { metric: '자발적 퇴사율', direction: 'down' },
  },
  {
    re: /onboard|온보딩|입사자/,
    en: { metric: 'time-to-productivity of new hires', direction: 'down' },
    ko: { metric: '신규 입사자 업무 적응 기간', direction: 'down' },
  },
  {
    re: /interview|sourcing|recruit|job post|career fair|career day|open house|campus|hiring|채용|면접|공고/,
    en: { metric: 'time-to-hire', direction: 'down' },
    ko: { metric: '채용 리드타임', direction: 'down' },
  },
  {
    re: /training|workshop|course|curriculum|lunch-and-learn|session|coaching|module|lesson|class|academy|교육|워크숍|워크샵|강좌|과정|세션|코칭|강의/,
    en: { metric: 'the skill score the training should raise (e.g. manager effectiveness)', direction: 'up' },
    ko: { metric: '교육 대상자의 역량 평가 점수', direction: 'up' },
  },
  {
    re: /demo|call|qbr|meeting|visit|outreach|email|prospect|데모|미팅|방문|콜/,
    en: { metric: 'win rate', direction: 'up' },
    ko: { metric: '수주율', direction: 'up' },
  },
  {
    re: /post|article|blog|video|episode|podcast|webinar|campaign|content|newsletter|press|case stud|ebook|whitepaper|conference|brand|콘텐츠|영상|게시물|아티클|웨비나|캠페인|뉴스레터|브랜딩|홍보/,
    en: { metric: 'qualified leads (or applications) per month', direction: 'up' },
    ko: { metric: '월간 유효 리드(또는 지원자) 수', direction: 'up' },
  },
  {
    re: /audit|walkthrough|inspection|safety|saftey|점검|감사|안전/,
    en: { metric: 'recordable incidents', direction: 'down' },
    ko: { metric: '사고 건수', direction: 'down' },
  },
  {
    re: /document|manual|process|playbook|wiki|knowledge|checklist|template|매뉴얼|문서|체크리스트|표준화|가이드/,
    en: { metric: 'repeat questions or errors per month', direction: 'down' },
    ko: { metric: '월간 반복 문의(또는 오류) 건수', direction: 'down' },
  },
  {
    re: /migrat|refactor|deploy|dashboard|sensor|kubernetes|infrastructure|on-call|pipeline|system|이관|시스템|인프라/,
    en: { metric: 'incidents (or lead time for changes)', direction: 'down' },
    ko: { metric: '장애 건수', direction: 'down' },
  },
  {
    re: /feature|release|app|prototype|ship|launch|redesign|page|website|site|portal|tool|program|rollout|roll out|ats|hris|crm|erp|기능|출시|오픈|홈페이지|프로그램|툴/,
    en: { metric: 'weekly active users of it', direction: 'up' },
    ko: { metric: '주간 활성 사용자 수', direction: 'up' },
  },
];

/** A metric that the work described in `text` usually exists to move, if one is recognisable. */
export function suggestMetric(text: string, language: Language): MetricHint | undefined {
  const lower = text.toLowerCase();
  for (const hint of HINTS) if (hint.re.test(lower)) return language === 'ko' ? hint.ko : hint.en;
  return undefined;
}
