// Korean word lists for the linter, compiled once at module load. Korean OKRs usually end in a
// verbal noun (실시, 단축, 유지…), so the last predicate carries most of the meaning.

function alt(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** Predicates of work done or a deliverable. */
export const KO_ACTIVITY_PREDICATES = [
  '실시',
  '진행',
  '개최',
  '제작',
  '게시',
  '발행',
  '오픈',
  '작성',
  '표준화',
  '도입',
  '운영',
  '수립',
  '개발',
  '배포',
  '완료',
  '시행',
  '출시',
  '론칭',
  '런칭',
  '마련',
  '정비',
  '이관',
  '개편',
  '구축',
  '업데이트',
  '설치',
  '리뉴얼',
  '발송',
  '공유',
  '신설',
  '기획',
  '제공',
  '보급',
  '전파',
  '교육',
  '구성',
  '수행',
  '참여',
  '참석',
  '방문',
  '면담',
  '배치',
  '공개',
  '정리',
  '문서화',
  '자동화',
  '디지털화',
  '이전',
  '통합',
  '체계화',
  '내재화',
  '확산',
  '등록',
  '게재',
  '촬영',
  '녹화',
  '송출',
  '홍보',
  '캠페인',
  '인터뷰',
  '점검',
  '감사',
  '검토',
  '분석',
  '조사',
  '설계',
  '재설계',
  '구현',
  '적용',
  '마이그레이션',
  '전환 완료',
  '교체',
  '정립',
  '편성',
  '준비',
  '이수',
  '수료',
  '완수',
  '간소화',
  '가시화',
  '일원화',
  '최신화',
  '정례화',
  '제도화',
  '효율화',
  '취득',
  '업그레이드',
  '고도화',
  '셋업',
  '세팅',
  '구매',
  '모집',
  '개설',
  '만들기',
  '만든다',
  '진행한다',
  '실시한다',
  '연다',
  '열기',
  '런칭',
  '발간',
  '출간',
  '번역',
  '코칭',
] as const;

/** Predicates that move a measured quantity. */
export const KO_CHANGE_PREDICATES = [
  '단축',
  '감소',
  '증가',
  '향상',
  '개선',
  '제고',
  '증대',
  '절감',
  '달성',
  '확보',
  '축소',
  '상승',
  '하락',
  '돌파',
  '낮추기',
  '높이기',
  '줄이기',
  '늘리기',
  '최소화',
  '최대화',
  '확대',
  '회복',
  '감축',
  '억제',
  '제로화',
  '근절',
  '줄임',
  '늘림',
  '낮춤',
  '높임',
  '올리기',
  '끌어올리기',
  '개선한다',
  '단축한다',
  '성장',
  '반감',
  '두 배',
  '2배',
  '배가',
] as const;

/** Markers of a standing rule: keep, comply, every cohort. */
export const KO_STANDARD_RE =
  /유지|준수|지키|지속|상시|원칙|무사고|무재해|무결점|무중단|(?:^|\s|\()매\s?(?:월|주|일|분기|년|반기|회|건|입사|기수|차수|릴리즈|릴리스|배포|마감|달|해|시즌|평가|사이클|결산)|매월|매주|매일|매년|항상|언제나|예외\s?없이|누락\s?없이|[가-힣]마다(?![가-힣])|(?:이하|이상|미만|이내|수준)(?:으로|로)?\s*관리|모든\s?[가-힣a-z]+\s(?:전|후|시)(?=\s|$)/;

/** Rates and cadences in Korean: 분기당, 월 10회, 연 20명, 매월; not deadlines. */
export const KO_CHANGE_RE = new RegExp(`(?:${alt(KO_CHANGE_PREDICATES)})`);
export const KO_ACTIVITY_END_RE = new RegExp(
  `(?:${alt(KO_ACTIVITY_PREDICATES)})(?:\\s*(?:및|와|과|,|/)\\s*[가-힣]+)?(?:하기|한다|함|했음|하다|됨|된다|완료|예정)?\\s*[.!]?$`,
);
export const KO_CHANGE_END_RE = new RegExp(
  `(?:${alt(KO_CHANGE_PREDICATES)})(?:하기|한다|함|하다|됨|된다|시키기|시킨다)?\\s*[.!]?$`,
);

/** Nouns that count work done. */
export const KO_EFFORT_NOUN_RE =
  /교육|세션|워크숍|워크샵|웨비나|세미나|강의|강좌|과정|면담|인터뷰|미팅|회의|간담회|콘텐츠|컨텐츠|영상|게시물|포스팅|아티클|블로그|뉴스레터|캠페인|이벤트|행사|설명회|박람회|방문|점검|체크리스트|매뉴얼|가이드|문서|보고서|대시보드|프로토타입|기능|테스트|실험|횟수|공고|프로그램|템플릿|플레이북|툴|시스템|홍보|발송|코칭|멘토링|온보딩 세션|1\s*:\s*1|원온원|타운홀|워크북|영상물|카드뉴스|기사|보도자료|자료|교재/;

/** Nouns that name a measured state: rates (…율/…률), scores, time, money, incidents. */
export const KO_OUTCOME_HEAD_RE =
  /[가-힣]*[율률](?![가-힣])|[가-힣]*[율률][을를이가은는의도]|만족도|인지도|정확도|몰입도|충성도|신뢰도|선호도|인식도|점수|지수|평점|nps|enps|csat|리드타임|소요\s?시간|처리\s?시간|응답\s?시간|대기\s?시간|시간|기간|매출|이익|수익|비용|원가|손실|불량|오류|에러|장애|사고|재해|이탈|이직|퇴사|리텐션|mau|dau|wau|사용자|이용자|고객|가입자|재문의|문의|민원|불만|클레임|계약|수주|인원|입사자|합격자|채용\s?(?:인원|률|율|수)|지원자|방문자|방문객|조회수|유입|전환|재고|결품|납기|정시|점유율|트래픽|다운로드|구독자|리드|파이프라인|마진|결함|버그|지연|누락|반품|환불|취소|생산성|효율|품질|참여도|인게이지먼트|건수/;

/** Direction words: with no number they make a key result vague. */
export const KO_DIRECTION_RE =
  /개선|향상|강화|증대|확대|제고|증가|감소|축소|단축|절감|활성화|최적화|고도화|높이기|줄이기|늘리기|높인다|줄인다|늘린다|낮추기|더\s|보다\s|빠르게|쉽게|원활/;

/** Quantifiers that are targets: 전원, 모든, 전 직원, 절반, 두 배. */
export const KO_QUANTIFIER_RE =
  /전원|모든|모두|전\s?(?:직원|구성원|임직원|팀|조직|부서|사원|매장|지점|사업장|공정|제품|서비스)|전사|전체|절반|두\s?배|세\s?배|제로|무사고|무재해|무결점/;
export const KO_ZERO_RE = /(?:^|[^\d.,])0\s*(?:건|회|명|개|%|件)|제로|무사고|무재해|무결점|zero/;

/** Korean deadlines: 연말, 상반기, 3분기까지, 6월 말, 올해; not 연말정산, 분기당, 매 분기. */
export const KO_DEADLINE_RE =
  /(?<!매\s?|지난\s?|작년\s?|전년\s?)(?:\(\s*(?:\d{4}\s*년\s*)?(?:[1-4]\s*분기|q[1-4]|h[12]|\d{1,2}\s*월)\s*\)|연말(?!\s?(?:정산|시즌|특가|세일|프로모션|파티|행사|이벤트|선물|보너스|성과급))|연내|올해|금년|올\s?상반기|상반기|하반기|이번\s?(?:분기|달|반기|해|년도|연도)|금분기|당분기|금월|당월|연도\s?말|회계연도\s?말|(?:\d{4}\s*년\s*)?(?:[1-4]\s*분기|q[1-4]|\d{1,2}\s*월|\d{4}\s*년|상반기|하반기|h[12])\s*(?:말|초|중|내|까지|이내|안|마감|종료)|\d{4}[.-]\s?\d{1,2}[.-]\s?\d{1,2}|\d{1,2}\s*월\s*\d{1,2}\s*일\s*(?:까지|이전|전|내)?|(?<![가-힣\d]\s?)(?:분기|반기)\s?(?:내|중|안)(?![가-힣]))(?!\s?(?:대비|比))/;

/** Korean baselines: 52일에서, 22% →, 현재 45%, 기존 3회. */
export const KO_BASELINE_RE =
  /\d[\d,.]*\s*(?:[가-힣%a-z]{1,4}\s?){0,2}에서\s|\d[\d,.]*\s*[가-힣%a-z/]{0,4}\s*→|(?:현재|기존|작년|전년|지난해|지난\s?분기|종전|현행)(?!\s*(?:대비|比))\s*(?:[가-힣]+\s*)?\d|\d[\d,.]*\s*[%가-힣]{0,3}(?:을|를)\s+(?:[가-힣]+\s+)?\d[\d,.]*\s*[%가-힣]{0,3}\s*(?:미만|이하|이상|초과|수준)?\s*(?:으로|로)(?![가-힣])/;

/** Numbers with Korean counters or units. */
export const KO_COUNT_RE =
  /\d[\d,.]*\s*(?:%|퍼센트|건|회|명|개|편|종|일|시간|분|초|점|원|만|억|천|배|곳|개사|사|팀|차|주|개월|년|위|p|배|기|과목|강|권|대|장|회차|시리즈|km|kg|톤)/;
export const KO_EFFORT_COUNTER_RE = /\d[\d,.]*\s*(?:회|편|종|회차|차례|강|과목)(?![가-힣])/;

/** Objective-friendly nouns: building a culture or an environment is not a task. */
export const KO_QUALITY_NOUN_RE =
  /문화|환경|조직|경험|팀|회사|곳|일터|직장|사람|구성원이|고객이|동료|신뢰|자부심|즐거|행복|성장하는|없이|하는\s|되는\s|있는\s|없는\s|찾는\s|머무는\s|사랑받는|믿을\s|쉬운\s|편한\s|편리한\s|좋은\s|즐거운\s|안전한\s/;

/** "게시 건수", "면담 횟수": a count of work done, even when a result-sounding noun is nearby. */
export const KO_EFFORT_METRIC_RE =
  /(?:게시|발행|실시|진행|개최|제작|발송|작성|방문|면담|교육|미팅|통화|인터뷰|세션|포스팅|콘텐츠|공고)\s?(?:건수|횟수|회수|수|량|실적)/;

/** Participants of internal programmes (멘토링 참여자, 교육 신청자): effort, like sign-ups. */
export const KO_PARTICIPATION_RE =
  /(?:멘토링|교육|강좌|과정|워크숍|워크샵|프로그램|세미나|웨비나|캠프|스터디|동호회)\s?(?:[가-힣]+\s)?(?:참여자|참가자|신청자|수강생|이수자|수료자|참석자|가입자|등록자)|(?:참여자|참가자|신청자|수강생|이수자|수료자|참석자)\s?수?\s?[\d]/;
/** Where the baseline number starts: "… 20회 → 40회", "… 52일에서 30일로". */
export const KO_BASELINE_POSITION_RE = /[-+]?\d[\d,.]*\s*(?:[가-힣%a-z/]{1,3}\s?){0,2}(?:→|에서\s)/;

/** Results other people decide, as the final predicate: N명 채용, 고객 유치, 계약 수주. */
export const KO_RESULT_COUNT_END_RE = /(?:채용|수주|유치|영입|계약\s?체결)(?:하기|한다|함)?\s*$/;
