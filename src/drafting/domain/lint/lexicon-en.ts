// English word lists for the linter, compiled to regular expressions once, at module load.
// The lists are about kinds of words (effort nouns, change verbs, standard markers), never about
// particular sentences.

const IRREGULAR: Record<string, string[]> = {
  run: ['run', 'runs', 'ran', 'running'],
  hold: ['hold', 'holds', 'held', 'holding'],
  send: ['send', 'sends', 'sent', 'sending'],
  build: ['build', 'builds', 'built', 'building'],
  write: ['write', 'writes', 'wrote', 'written', 'writing'],
  rewrite: ['rewrite', 'rewrites', 'rewrote', 'rewritten', 'rewriting'],
  do: ['do', 'does', 'did', 'done', 'doing'],
  make: ['make', 'makes', 'made', 'making'],
  go: ['go', 'goes', 'went', 'gone', 'going'],
  fall: ['fall', 'falls', 'fell', 'fallen', 'falling'],
  rise: ['rise', 'rises', 'rose', 'risen', 'rising'],
  cut: ['cut', 'cuts', 'cutting'],
  set: ['set', 'sets', 'setting'],
  get: ['get', 'gets', 'got', 'gotten', 'getting'],
  bring: ['bring', 'brings', 'brought', 'bringing'],
  hit: ['hit', 'hits', 'hitting'],
  win: ['win', 'wins', 'won', 'winning'],
  keep: ['keep', 'keeps', 'kept', 'keeping'],
  have: ['have', 'has', 'had', 'having'],
  grow: ['grow', 'grows', 'grew', 'grown', 'growing'],
  shrink: ['shrink', 'shrinks', 'shrank', 'shrunk', 'shrinking'],
  sell: ['sell', 'sells', 'sold', 'selling'],
  lead: ['lead', 'leads', 'led', 'leading'],
  put: ['put', 'puts', 'putting'],
  begin: ['begin', 'begins', 'began', 'begun', 'beginning'],
  speak: ['speak', 'speaks', 'spoke', 'spoken', 'speaking'],
  give: ['give', 'gives', 'gave', 'given', 'giving'],
  meet: ['meet', 'meets', 'met', 'meeting'],
  stay: ['stay', 'stays', 'stayed', 'staying'],
};

const DOUBLE_FINAL = new Set([
  'ship',
  'drop',
  'plan',
  'map',
  'stop',
  'slash',
  'trim',
  'log',
  'pilot',
  'audit',
  'submit',
  'commit',
]);
const NO_DOUBLE = new Set(['pilot', 'audit', 'slash']);

/** The inflected forms of one verb (base, -s, -ed, -ing), with simple spelling rules. */
export function verbForms(base: string): string[] {
  const irregular = IRREGULAR[base];
  if (irregular) return irregular;
  if (base.endsWith('e')) return [base, `${base}s`, `${base}d`, `${base.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(base)) {
    const stem = base.slice(0, -1);
    return [base, `${stem}ies`, `${stem}ied`, `${base}ing`];
  }
  if (/(s|sh|ch|x|z)$/.test(base)) return [base, `${base}es`, `${base}ed`, `${base}ing`];
  if (DOUBLE_FINAL.has(base) && !NO_DOUBLE.has(base)) {
    const last = base.slice(-1);
    return [base, `${base}s`, `${base}${last}ed`, `${base}${last}ing`];
  }
  return [base, `${base}s`, `${base}ed`, `${base}ing`];
}

/** Expands "roll out" to "roll|rolls|rolled|rolling out"; one-word verbs get all forms. */
function phrasePattern(phrase: string): string {
  const [head, ...rest] = phrase.split(' ');
  const forms = verbForms(head ?? phrase).join('|');
  return rest.length === 0 ? `(?:${forms})` : `(?:${forms})\\s+${rest.join('\\s+')}`;
}

function alternation(phrases: readonly string[]): string {
  // Longer phrases first, so "set up" wins over "set".
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern)
    .join('|');
}

function wordAlternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** Verbs whose object is work done or a deliverable (a launch, a session, a migration). */
export const ACTIVITY_VERBS = [
  'run',
  'conduct',
  'host',
  'hold',
  'organize',
  'organise',
  'facilitate',
  'deliver',
  'ship',
  'launch',
  'release',
  'deploy',
  'build',
  'create',
  'develop',
  'design',
  'redesign',
  'refactor',
  'rewrite',
  'migrate',
  'implement',
  'roll out',
  'set up',
  'install',
  'instrument',
  'publish',
  'produce',
  'record',
  'film',
  'write',
  'document',
  'draft',
  'complete',
  'finish',
  'train',
  'onboard',
  'send',
  'share',
  'sponsor',
  'digitize',
  'digitise',
  'standardize',
  'standardise',
  'do',
  'have',
  'sign up',
  'enroll',
  'enrol',
  'register',
  'post',
  'attend',
  'introduce',
  'establish',
  'automate',
  'upgrade',
  'replace',
  'translate',
  'audit',
  'review',
  'update',
  'revamp',
  'pilot',
  'test',
  'interview',
  'call',
  'visit',
  'email',
  'contact',
  'survey',
  'map',
  'define',
  'prepare',
  'present',
  'distribute',
  'print',
  'schedule',
  'integrate',
  'configure',
  'deprecate',
  'retire',
  'consolidate',
  'centralize',
  'centralise',
  'kick off',
  'start',
  'begin',
  'initiate',
  'adopt',
  'rebuild',
  'revise',
  'refresh',
  'overhaul',
  'rework',
  'reorganize',
  'reorganise',
  'restructure',
  'close out',
  'wrap up',
  'put in place',
  'stand up',
  'spin up',
  'hand out',
  'reach out',
  'coach',
  'mentor',
  'teach',
  'speak',
  'demo',
  'give',
  'submit',
  'file',
  'collect feedback',
  'gather',
  'localize',
  'photograph',
  'shoot',
  'illustrate',
  'localise',
  'archive',
  'clean up',
  'tag',
  'label',
  'write up',
  'add',
  'open',
  'source',
  'outreach',
  'commit',
  'plan',
  'compile',
  'curate',
  'catalog',
  'catalogue',
  'inventory',
  'apply',
  'apply for',
  'enter',
  'fix',
  'resolve',
  'address',
  'clear',
  'process',
  'handle',
  'triage',
  'answer',
  'respond to',
  'burn down',
  'remediate',
  'patch',
  'benchmark',
  'assess',
  'finalize',
  'finalise',
  'approve',
  'negotiate',
  'procure',
  'purchase',
  'select',
  'decide on',
  'announce',
  'communicate',
  'monitor',
  'track',
  'measure',
  'report',
  'refine',
  'formalize',
  'formalise',
  'codify',
  'roll out',
  'hand over',
  'handover',
  'stand up',
  'sunset',
  'prototype',
  'publish',
  'circulate',
  'invite',
  'nominate',
  'shortlist',
  'screen',
  'evaluate',
  'analyze',
  'analyse',
  'research',
  'study',
  'explore',
  'investigate',
  'offer',
  'provide',
  'scope',
] as const;

/** Verbs that move a measured quantity: the thing after them is what is scored. */
export const CHANGE_VERBS = [
  'reduce',
  'cut',
  'lower',
  'decrease',
  'drop',
  'fall',
  'shrink',
  'halve',
  'raise',
  'increase',
  'grow',
  'lift',
  'boost',
  'improve',
  'double',
  'triple',
  'quadruple',
  'reach',
  'hit',
  'achieve',
  'attain',
  'bring',
  'go',
  'rise',
  'climb',
  'accelerate',
  'shorten',
  'speed up',
  'eliminate',
  'minimize',
  'minimise',
  'maximize',
  'maximise',
  'exceed',
  'surpass',
  'deflect',
  'move',
  'get',
  'decline',
  'narrow',
  'slash',
  'trim',
  'curb',
  'push',
  'drive',
  'jump',
  'expand',
  'improve',
  'lessen',
  'tighten',
  'recover',
  'stop',
  'prevent',
  'avoid',
  'beat',
  'top',
  'break',
  'crack',
  'outperform',
  'return',
  'restore',
  'shave',
] as const;

/** Verbs whose counted object is decided by other people (a hire, a signed deal): an outcome. */
export const OUTCOME_COUNT_VERBS = [
  'hire',
  'win',
  'sign',
  'acquire',
  'retain',
  'land',
  'generate',
  'earn',
  'save',
  'collect',
  'sell',
  'renew',
  'attract',
  'fill',
  'convert',
  'recruit',
  'secure',
  'book',
  'gain',
  'add',
  'close',
  'place',
  'upsell',
  'capture',
  'onboard paying',
  'activate',
  'reactivate',
  'win back',
] as const;

/** Verbs that hold a level rather than change it. */
export const STANDARD_VERBS = [
  'maintain',
  'keep',
  'ensure',
  'sustain',
  'stay',
  'remain',
  'preserve',
  'uphold',
  'guarantee',
  'comply',
  'adhere',
  'safeguard',
  'hold steady',
  'protect',
  'make sure',
] as const;

export const ACTIVITY_VERB_RE = new RegExp(`^(?:${alternation(ACTIVITY_VERBS)})\\b`);
export const CHANGE_VERB_RE = new RegExp(`^(?:${alternation(CHANGE_VERBS)})\\b`);
export const OUTCOME_COUNT_VERB_RE = new RegExp(`^(?:${alternation(OUTCOME_COUNT_VERBS)})\\b`);
export const STANDARD_VERB_RE = new RegExp(`^(?:${alternation(STANDARD_VERBS)})\\b`);
/** A change verb anywhere (any tense), for subject-first sentences and relative clauses. */
export const CHANGE_VERB_ANY_RE = new RegExp(`\\b(?:${alternation(CHANGE_VERBS)})\\b`);

/** Participles that make a percentage or count into percent-complete of work ("services migrated"). */
export const EFFORT_PARTICIPLE_RE =
  /\b(?:migrated|completed|(?<!\b(?:checkout|check-out|purchase|order|cart|signup|sign-up|registration|application|form|profile|setup|survey|task|funnel)\s)completion|complete|rolled out|deployed|digiti[sz]ed|documented|installed|onboarded|trained|logged|held|hosted|conducted|delivered|published|shipped|launched|sent|signed up|enrolled|registered|attended|recorded|produced|posted|closed out|upgraded|implemented|audited|translated|certified)\b/;

/** Passive or participle predicates of work done: "results are shared", "20 webinars held". */
export const PASSIVE_ACTIVITY_RE = new RegExp(
  `\\b(?:is|are|was|were|be|been|being|get|gets|got|gotten|has|have|had)\\s+(?:been\\s+)?(?:\\w+ly\\s+)?(?:${[
    'shared',
    'published',
    'launched',
    'shipped',
    'released',
    'deployed',
    'rolled out',
    'completed',
    'finished',
    'delivered',
    'held',
    'hosted',
    'run',
    'conducted',
    'built',
    'created',
    'implemented',
    'migrated',
    'documented',
    'sent',
    'trained',
    'onboarded',
    'installed',
    'set up',
    'written',
    'posted',
    'recorded',
    'produced',
    'updated',
    'reviewed',
    'audited',
    'tested',
    'introduced',
    'established',
    'redesigned',
    'refactored',
    'digitized',
    'digitised',
    'standardized',
    'standardised',
    'automated',
    'upgraded',
    'replaced',
    'translated',
    'filed',
    'submitted',
    'scheduled',
    'presented',
    'distributed',
    'communicated',
    'announced',
    'signed up',
    'enrolled',
    'registered',
    'revamped',
    'organized',
    'rewritten',
    'revised',
    'refreshed',
    'drafted',
    'finalized',
    'finalised',
    'overhauled',
    'rebuilt',
    'designed',
  ].join('|')})\\b`,
);

/** Nouns that count work done or deliverables. */
export const EFFORT_NOUNS = [
  'session',
  'sessions',
  'workshop',
  'workshops',
  'webinar',
  'webinars',
  'training',
  'trainings',
  'class',
  'classes',
  'course',
  'courses',
  'module',
  'modules',
  'lesson',
  'lessons',
  'lunch-and-learn',
  'lunch-and-learns',
  'lunch and learns',
  'meetup',
  'meetups',
  'event',
  'events',
  'conference',
  'conferences',
  'open house',
  'open houses',
  'roadshow',
  'roadshows',
  'hackathon',
  'hackathons',
  'call',
  'calls',
  'meeting',
  'meetings',
  '1:1',
  '1:1s',
  'one-on-one',
  'one-on-ones',
  'check-in',
  'check-ins',
  'interview',
  'interviews',
  'demo',
  'demos',
  'qbr',
  'qbrs',
  'visit',
  'visits',
  'touchpoint',
  'touchpoints',
  'outreach',
  'email',
  'emails',
  'post',
  'posts',
  'article',
  'articles',
  'blog',
  'blogs',
  'blog post',
  'video',
  'videos',
  'episode',
  'episodes',
  'podcast',
  'podcasts',
  'newsletter',
  'newsletters',
  'campaign',
  'campaigns',
  'press release',
  'press releases',
  'case study',
  'case studies',
  'whitepaper',
  'whitepapers',
  'ebook',
  'ebooks',
  'content',
  'report',
  'reports',
  'dashboard',
  'dashboards',
  'prototype',
  'prototypes',
  'feature',
  'features',
  'release',
  'releases',
  'test',
  'tests',
  'experiment',
  'experiments',
  'audit',
  'audits',
  'inspection',
  'inspections',
  'walkthrough',
  'walkthroughs',
  'conversation',
  'conversations',
  'process',
  'processes',
  'playbook',
  'playbooks',
  'template',
  'templates',
  'guide',
  'guides',
  'doc',
  'docs',
  'document',
  'documents',
  'documentation',
  'sensor',
  'sensors',
  'integration',
  'integrations',
  'pull request',
  'pull requests',
  'prs',
  'commit',
  'commits',
  'story points',
  'tasks',
  'ticket closures',
  'presentation',
  'presentations',
  'talk',
  'talks',
  'coaching',
  'program',
  'programs',
  'programme',
  'programmes',
  'initiative',
  'initiatives',
  'project',
  'projects',
  'pilot',
  'pilots',
  'tool',
  'tools',
  'page',
  'pages',
  'assessment',
  'assessments',
  'review',
  'reviews',
  'survey',
  'surveys',
  'job post',
  'job posts',
  'job posting',
  'job postings',
  'ad',
  'ads',
  'branding',
  'curriculum',
  'curricula',
  'handbook',
  'wiki',
  'checklist',
  'checklists',
  'roadmap items',
  'migration',
  'migrations',
  'rollout',
  'rollouts',
  'outreach messages',
  'messages',
  'social posts',
  'tweets',
  'stories',
  'shifts',
  'hours of training',
  'training hours',
  'office hours',
  'sprints',
  'retrospectives',
  'retros',
  'standups',
  'huddles',
  'town halls',
  'all-hands',
  'offsites',
  'fairs',
  'career fairs',
  'job fairs',
  'trade shows',
  'expos',
  'booths',
  'improvements',
  'fixes',
  'enhancements',
  'deliverables',
  'action items',
  'bug fixes',
  'field visits',
  'site visits',
  'ride-alongs',
  'shadowing',
  'sourcing',
  'referral asks',
  'mentoring sessions',
  'touches',
  'dials',
  'cold calls',
  'cold emails',
  'inmails',
  'pitches',
  'proposals',
  'follow-ups',
  'doors',
  'door knocks',
  'screens',
  'phone screens',
  'sequences',
] as const;

export const EFFORT_NOUN_RE = new RegExp(`(?<![\\w-])(?:${wordAlternation(EFFORT_NOUNS)})(?![\\w-])`);
/** An effort noun that ends the phrase: its head ("newsletter subscribers" does not match). */
export const EFFORT_NOUN_END_RE = new RegExp(`(?<![\\w-])(?:${wordAlternation(EFFORT_NOUNS)})[\\s.,;:!?)]*$`);

/** Modifiers that turn a work noun into something customers or candidates do ("repeat calls"). */
export const CUSTOMER_SIDE_RE =
  /\b(?:inbound|incoming|repeat|customer|customers'|abandoned|missed|escalated|unplanned|complaint|support|no-show|dropped|unanswered|reopened|backlogged)\s+(?:\w+\s+)?(?:calls?|tickets?|emails?|visits?|contacts?|messages?|requests?)\b|\b(?:booked|requested|scheduled|attended|initiated|started|written|posted|left)\s+by\s+(?:our\s+|the\s+)?(?:prospects|customers|buyers|users|visitors|candidates|leads|shoppers|guests)\b|\b(?:five-star|5-star|\d-star|positive|customer|app store|online|public|g2|google|product)\s+reviews?\b/;

/** Nouns that name a measured state of the world: when present, the number is about an outcome. */
export const OUTCOME_HEADS = [
  'rate',
  'rates',
  'ratio',
  'score',
  'scores',
  'rating',
  'ratings',
  'nps',
  'enps',
  'csat',
  'ces',
  'satisfaction',
  'attrition',
  'retention',
  'churn',
  'turnover',
  'revenue',
  'arr',
  'mrr',
  'bookings',
  'qualified pipeline',
  'sales pipeline',
  'pipeline coverage',
  'pipeline value',
  'margin',
  'margins',
  'profit',
  'profitability',
  'cost',
  'costs',
  'spend',
  'savings',
  'latency',
  'uptime',
  'availability',
  'downtime',
  'error',
  'errors',
  'defect',
  'defects',
  'bug',
  'bugs',
  'incident',
  'incidents',
  'injuries',
  'injury',
  'accidents',
  'complaints',
  'escalations',
  'stockouts',
  'stockout',
  'lead time',
  'cycle time',
  'handle time',
  'wait time',
  'response time',
  'resolution time',
  'time-to-hire',
  'time to hire',
  'time-to-fill',
  'time to fill',
  'time-to-productivity',
  'time-to-value',
  'time to value',
  'time-to-first',
  'time to first',
  'conversion',
  'conversions',
  'activation',
  'adoption',
  'usage',
  'engagement',
  'acceptance',
  'win rate',
  'close rate',
  'deflection',
  'departures',
  'hires',
  'customers',
  'users',
  'accounts',
  'subscribers',
  'signups',
  'sign-ups',
  'registrations',
  'downloads',
  'installs',
  'traffic',
  'leads',
  'mqls',
  'sqls',
  'applications',
  'applicants',
  'referrals',
  'renewals',
  'dau',
  'mau',
  'wau',
  'active',
  'favorable',
  'favourable',
  'effectiveness',
  'productivity',
  'accuracy',
  'quality',
  'share of wallet',
  'market share',
  'gmv',
  'aov',
  'ltv',
  'cac',
  'payback',
  'yield',
  'scrap',
  'throughput',
  'occupancy',
  'utilization',
  'utilisation',
  'absenteeism',
  'overtime',
  'backlog',
  'on-time',
  'on time delivery',
  'fulfillment',
  'fulfilment',
  'delivery time',
  'sla breaches',
  'breaches',
  'violations',
  'findings',
  'weaknesses',
  'adjustments',
  'chargebacks',
  'refunds',
  'returns',
  'cancellations',
  'no-shows',
  'drop-off',
  'drop-offs',
  'dropoff',
  'abandonment',
  'bounce',
  'ctr',
  'click-through',
  'open rate',
  'reply rate',
  'response rate',
  'show rate',
  'promotion',
  'promotions',
  'internal mobility',
  'moves',
  'diversity',
  'representation',
  'pay gap',
  'wellbeing',
  'well-being',
  'burnout',
  'trust',
  'confidence',
  'sentiment',
  'awareness',
  'recall',
  'reach',
  'impressions',
  'visibility',
  'rank',
  'ranking',
  'rankings',
  'requests',
  'inquiries',
  'enquiries',
  'test coverage',
  'code coverage',
  'branch coverage',
  'first contact',
  'first-contact',
  'first-call',
  'fcr',
  'resolution',
  'deal size',
  'basket size',
  'nrr',
  'grr',
  'deals',
  'logos',
  'contracts',
  'wins',
  'offers accepted',
  'quota attainment',
  'attainment',
  'win-rate',
  'days sales outstanding',
  'dso',
  'cash',
  'burn',
  'ebitda',
  'gross margin',
  'opex',
  'capex',
  'budget variance',
  'forecast accuracy',
  'mttr',
  'mttd',
  'mtbf',
  'p95',
  'p99',
  'performance',
  'speed',
  'load time',
  'page load',
  'crash',
  'crashes',
  'crash-free',
  'outages',
  'outage',
  'sev-1',
  'sev-2',
  'p1',
  'p0',
  'vulnerabilities',
  'rework',
  'waste',
  'emissions',
  'energy',
  'inventory',
  'on-time delivery',
  'complaint',
  'tickets per',
] as const;

export const OUTCOME_HEAD_RE = new RegExp(`(?:^|[^\\w-])(?:${wordAlternation(OUTCOME_HEADS)})(?![\\w])`);

/** Heads that only say "how many" or "what share": they do not decide the class on their own. */
export const GENERIC_QUANTITY_RE =
  /\b(?:share|percentage|percent|proportion|number|count|amount|volume|total)\b|%/;

/** "completion rate", "participation in training": a rate of work done, not a result. */
export const COMPLETION_RATE_RE =
  /(?<!\b(?:checkout|check-out|purchase|order|cart|signup|sign-up|registration|application|form|profile|setup|survey|task|funnel)\s)\b(?:completion|completions)\b(?!\s+(?:time|times|speed|lead time))|\b(?:completed|training|onboarding|certification)\s+rates?\b/;

/** Programmes run internally: sign-ups or attendance in them count effort (the team's push). */
export const INTERNAL_PROGRAM_RE =
  /\b(?:mentoring|mentorship|mentor|training|course|courses|workshop|workshops|lunch-and-learn|learning platform|l&d|erg|webinar|bootcamp|academy|coaching)\b/;
export const PARTICIPATION_RE =
  /\b(?:attend|attends|participate|participates|join|joins|sign up|signs up|enrol(?:l)?s?|sign-?ups?|signed up|enrol(?:l)?ments?|enrolled|registrations?|registered|participants?|attendees?|participation|mentors|mentees|volunteers)\b/;

/** Objects of "close", "win", "sign" that are results other people decide. */
export const DEAL_NOUN_RE =
  /\b(?:(?:accepted|signed)\s+offers?|offers?\s+accepted|offer acceptances?|deals?|customers?|logos?|accounts?|contracts?|clients?|partners?|partnerships?|renewals?|sales|revenue|arr|mrr|bookings|opportunit(?:y|ies)|the gap|gap)\b/;

/** Markers of a standing rule rather than a change. */
export const STANDARD_PHRASE_RE =
  /\b(?:never|at no point|at all times|no exceptions?|without exceptions?|zero tolerance|without fail|100% of the time|always|no more than [^,;]{0,40}\b(?:per|each|every|a)\s+(?:day|week|month|quarter|year)|(?:don'?t|do not|never) let\b[^,;]{0,40}\b(?:exceed|drop|fall|slip|go (?:above|below|over|under))|(?:must |should |does |do |will )?not (?:exceed|drop below|fall below|go above|go below)|at any (?:time|point|moment)|(?:in|during|for) any (?:given |single )?(?:day|week|month|quarter|year|sprint|shift|period)|around the clock)\b/;
export const SLA_RE = /\b(?:slas?|slos?|within sla|service level|olas?)\b/;
export const CADENCE_RE =
  /\b(?:(?:every|each|per)\s+(?:(?!(?:this|next|by|in|before|until|during)\b)[a-z-]+\s+){0,2}?(?:day|week|month|quarter|year|sprint|release|cycle|enrollment|run|payroll|close|period|shift|audit|review|cohort|intake|launch|deploy(?:ment)?|batch|hire|order|shipment|invoice|filing|deadline|season|semester|term)s?|monthly|weekly|quarterly|daily|annually|yearly|every time|all year|year-round|year round|month over month|month-over-month|continuously|consistently|at every|on every)\b/;
export const RECURRING_RE =
  /\b(?:annual|annually|yearly|mandatory|recurring|ongoing|required|compulsory|regulatory)\b/;
/** Comparators that express a threshold to stay on one side of. */
export const THRESHOLD_RE =
  /(?:\bat or (?:above|below|under|over)\b|\b(?:above|below|under|over|at least|at most|no more than|no less than|no fewer than|no higher than|no lower than|no worse than|not (?:above|below|over|under)|or (?:more|less|higher|lower|better|fewer)|or above|or below|or under|or over|or higher|or lower)\b|[<>≤≥]|\bwithin\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|sixty|ninety)|\bat\s+\d)/;
/** Time rules of a compliance standard: on time, within N days (of nothing), N days before. */
export const TIME_RULE_RE =
  /\b(?:on time|on-time|on schedule|in advance|by (?:the\s+)?(?:(?:business|working) day \d+|(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|tenth) (?:business|working) day)|before any|before each|before every|ahead of each|ahead of every|at least [\w\s]{1,20}?\b(?:before|prior to|ahead of)|no later than \d+|(?:in|in under|under|in less than)\s+\d+(?:\.\d+)?\s*(?:seconds?|secs?|minutes?|mins?)\b|within (?:one|two|three|four|five|ten|a single) (?:business |working |calendar )?(?:minute|hour|day|week)s?\b|within \d+(?:\.\d+)?\s*(?:business |working |calendar )?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|seconds?|secs?)(?!\s+(?:of|after|from|since)\s+(?!every|each|any|receipt|detection|submission|request|the request|the incident|incident|notice|escalation|the escalation|expiry|the report|reporting|a request|an incident|month-end|quarter-end|year-end|period-end|the close|close|payday|the end of each|the end of every)))\b/;

/** Words of direction; with no number they make a key result vague. */
export const DIRECTION_RE =
  /\b(?:improv(?:e|es|ed|ing|ement|ements)|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|reduc(?:e|es|ed|ing|tion)|grow(?:s|th|ing)?|boost(?:s|ed|ing)?|enhanc(?:e|es|ed|ing|ement)|rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|lower(?:s|ed|ing)?|cut(?:s|ting)?|more|less|fewer|better|best|faster|fairer|smoother|easier|simpler|clearer|stronger|higher|quicker|cheaper|safer|happier|healthier|tighter|leaner|greater|bigger|larger|smaller|richer|deeper|broader|wider|sharper|smarter|cleaner|calmer|sooner|optimi[sz](?:e|es|ed|ing|ation)|strengthen(?:s|ed|ing)?|expand(?:s|ed|ing)?|accelerat(?:e|es|ed|ing)|speed up|maximi[sz](?:e|es|ed|ing)|minimi[sz](?:e|es|ed|ing)|stop(?:s|ped)?|no longer|shorter|streamlin(?:e|es|ed|ing)|upgrad(?:e|es|ed|ing)|elevat(?:e|es|ed|ing)|deepen|broaden|widen|shorten|tighten)\b/;

/** What a built thing does in a relative clause: "a model that predicts 80% of churn". */
export const CLAUSE_EFFECT_RE =
  /^(?:\S+\s+){0,3}?(?:predicts?|detects?|catches|catch|flags?|blocks?|resolves?|answers?|automates?|handles?|deflects?|prevents?|generates?|attracts?|brings? in|wins?|earns?|converts?|retains?|saves?|books?)\b/;

/** Relative or purpose clauses that can carry the scored outcome after an activity verb. */
export const OUTCOME_CLAUSE_RE =
  /(?:\b(?:that|which|so that|so|in order to|thereby|resulting in|leading to|to|and|such that|until)\b|,)\s+/g;

/**
 * Number words that are targets. "twice", "once", "both" alone are not ("contact us twice"), nor are
 * hyphenated compounds ("two-way", "double-checking"); a frequency ("twice a month"), a fraction
 * ("a third") and "one business day" are.
 */
export const NUMBER_WORD_RE =
  /\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|dozen|half|halve|halves|halved|double|doubles|doubled|triple|tripled|quadruple|(?:one|two|three|four|five|six|seven|eight|nine) (?:in|out of) (?:two|three|four|five|six|seven|eight|nine|ten))\b(?!-\w)|\b(?:a|one) (?:third|fifth)\b|\btwo[- ]thirds\b|\bthree[- ]quarters\b|\b(?:once|twice)\s+(?:a|per|every|each)\s+(?:day|week|month|quarter|year|sprint)\b|\b(?:one|a single) (?:business |working |calendar )?(?:day|hour|week|minute)\b/;
export const QUANTIFIER_RE =
  /\b(?:all(?![-\s](?:hands|in|time|around)\b)|(?:every|each)(?!\s+(?:day|week|month|quarter|year|sprint|time|other))|everyone|everybody|none|no one|nobody|never)\b/;
/** "Be a top-3 vendor": in an objective a rank is a number ("top-100 SKUs" in a key result is a scope). */
export const OBJECTIVE_RANK_RE = /\btop[- ]?\d+\b/;
/** "at or under the approved plan", "within agreed terms": the plan or budget is the end value. */
export const PLAN_THRESHOLD_RE =
  /\b(?:at or (?:under|below|above|over)|within|under|below|on)\s+(?:the\s+|our\s+)?(?:approved\s+|agreed\s+|annual\s+)?(?:budget|plan|headcount plan|forecast|payment terms|terms|quota)\b/;
/** Sentence-initial "No P1 ticket…": a zero target. */
export const NO_START_RE = /^(?:no|not a single|not one)\s+(?!more\b|longer\b)\w/;
export const ZERO_RE =
  /\b(?:zero|none|no one|nobody)\b|(?:^|[^\d.,])0(?![\d.,]*\d)(?:\s*(?:%|incidents?|errors?|findings?|defects?|injur\w*|breaches?|weaknesses?|cases?|issues?|complaints?|sev|p[01]|adjustments?)|\s*$|\s*[)(,;])|\bto 0\b/;

/** Numbers inside names (30-60-90, 24/7, SOC 2, Q3, FY25, p95, v2…) that are not targets. */
export const NAME_NUMBER_RE = new RegExp(
  [
    // A platform or language with its version ("Python 3", "iOS 18", "Kubernetes 1.29", "앱 2.0").
    String.raw`\b(?:version|ver\.?|release|python|java|jdk|node(?:\.?js)?|ios|ipados|macos|android|windows|kubernetes|k8s|postgres(?:ql)?|mysql|php|ruby|rails|react|angular|vue|django|\.net|ubuntu|debian|centos|rhel|elasticsearch|kafka|spark|terraform|tls|http|wcag|swift|kotlin|typescript|scala|oracle|excel|hana)\s*\d+(?:\.\d+)*(?![\d%])(?!\s*(?:%|[a-z]*\s*(?:users|customers|devices|apps|percent)\b))`,
    String.raw`(?:앱|버전|어플|애플리케이션|시스템)\s*\d+\.\d+(?:\.\d+)*`,
    String.raw`\b\d+(?:\.\d+)+\s+(?:version|release)\b`,
    // Korean calendar periods ("3분기", "12월", "2026년") are names of time, not targets.
    String.raw`\b[1-4]\s*분기(?!당)`,
    String.raw`\b(?:1[0-2]|0?[1-9])\s*월(?=\s*(?:말|초|중|까지|내|이내|안|부터)|[\s)]|$)`,
    String.raw`\b(?:19|20)\d{2}\s*년`,
    String.raw`\b\d+(?:-\d+){2,}\b`,
    String.raw`\b24\s*/\s*7\b`,
    String.raw`\b24x7\b`,
    String.raw`\bsoc\s*-?\s*[12]\b`,
    String.raw`\biso\s*-?\s*\d+\b`,
    String.raw`\bv\d+(?:\.\d+)*\b`,
    String.raw`\bq[1-4]\b`,
    String.raw`\bh[12]\b`,
    String.raw`\bfy\s*'?\d{2,4}\b`,
    String.raw`\b(?:19|20)\d{2}\b(?![,.]?\d|\s*(?:%|k\b|m\b|users|customers|people|employees|hires|tickets))`,
    String.raw`\b[pP]\d{2,3}\b`,
    String.raw`\b(?:sev|p|tier|level|l|t|grade|phase|step|stage|wave|gen|version|web|series|round)\s*-?\s*\d\b`,
    String.raw`\b\d+s\b`,
    // The day of a calendar date ("by November 15", "31 March", "by 6/30") is not a target.
    String.raw`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![,.]?\d|\s*(?:%|k\b))`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b`,
    String.raw`\b(?:by|before|until|on|due)\s+(?!24\s*\/\s*7\b)\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b`,
    String.raw`\bh-?1b\b`,
    String.raw`\b401\s*\(?k\)?`,
    String.raw`\b\d+(?:st|nd|rd|th)\b(?!\s+(?:business |working |calendar )?day|\s+of\s+(?:the|each|every)\s+month)`,
    String.raw`\b\d+-(?:days?|weeks?|months?|years?|hours?|minutes?|seconds?|point|step|person|member|stage|tier)\b`,
    String.raw`\btop-\d+\b`,
    String.raw`\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty|sixty|ninety)-(?:days?|weeks?|months?|years?|hours?|minutes?|steps?|points?|person|stage|part|tier)\b`,
    String.raw`\b1\s*:\s*1s?\b`,
    String.raw`\b1-on-1s?\b`,
    String.raw`\b[a-z]+\d+[a-z]*\b`,
    String.raw`\b(?!\d+(?:st|nd|rd|th)\s+(?:(?:business|working|calendar)\s+)?day|\d+(?:st|nd|rd|th)\s+of\s+(?:the|each|every)\s+month)\d+[a-z]+\d*[a-z]*\b(?<!\d(?:k|m|bn|x|h|hr|hrs|ms|min|mins|s|d|pp|pts))`,
    String.raw`\bwithin\s+\d+(?:\.\d+)?\s*(?:business |working |calendar )?(?:minutes?|hours?|days?|weeks?|months?)\s+(?:of|after|from|since)\b(?!\s+(?:every|each|any|receipt|detection|submission|request|the request|the incident|incident|notice|escalation|the escalation|expiry|the report|reporting|a request|an incident|month-end|quarter-end|year-end|period-end|the close|close|payday|the end of each|the end of every))`,
    String.raw`\bday\s*-?\s*(?:one|1)\b`,

    String.raw`\b(?:by|on|before|until)\s+day\s+\d+\b`,
  ].join('|'),
  'g',
);

/** Step numbers of a plan ("1) map … 2) write …", "1차(설계)", "1단계 오픈", "1기 파일럿") are not targets. */
export const STEP_NUMBER_RE = /(?<!\S)\d\)(?=\s)|\b\d\s*(?:차|단계|기)(?=\s|\(|$)/g;
const STEP_NUMBER_HINT_RE = /\d\)|차|단계|기/;
export function hasStepNumberHint(text: string): boolean {
  return STEP_NUMBER_HINT_RE.test(text);
}

/** A number as written in a key result: 1,300  4.5  -10  +30  $400k  ~5%  <5/month. */
export const NUMBER_RE = /(?:^|[^\w.])[~≈<>≤≥+-]?\s*\$?\d[\d,]*(?:\.\d+)?/;

/** Predicates about what people do or say, and "time to X" metrics: outcome signals. */
export const OUTCOME_PREDICATE_RE =
  /\b(?:are|is|were|get|gets) rated\b|\brated\b|\bpass(?:es)?\b|\b(?:account|accounts|make|makes) (?:up )?for\b|\bmakes? up\b|\brepresents?\b|\bmeets? (?:their|its|the|our) (?:slos?|slas?|targets?|bar|standards?|quota)\b|\b(?:say|says|(?:report|reports|reported) (?:that|feeling|being|they|a|an|high|low|better|positive)|feel|feels|agree|agrees|recommend|recommends|rank|ranks|ranking|stay|stays|remain employed|still employed|promoted|retained|engag(?:e|es|ing) with|close at|convert|converts|renew|renews|return|returns|choose|chooses|accept|accepts)\b|\btime[- ]to[- ][a-z]+|\bin \d+(?:\.\d+)? (?:days|hours|weeks|minutes|seconds)\b(?= instead| rather| vs| versus| compared| down| from|,|$)|\bmean time\b|\bcycle time\b|\blead time\b/;

/** Verbs that bring a measured quantity down. */
export const DECREASE_RE =
  /\b(?:reduc(?:e|es|ed|ing)|cut(?:s|ting)?|lower(?:s|ed|ing)?|decreas(?:e|es|ed|ing)|drop(?:s|ped|ping)?|fall(?:s|ing)?|fell|shrink(?:s|ing)?|shrank|halv(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing)|minimi[sz](?:e|es|ed|ing)|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|curb(?:s|ed|ing)?|prevent(?:s|ed|ing)?|avoid(?:s|ed|ing)?|stop(?:s|ped|ping)?|shorten(?:s|ed|ing)?|narrow(?:s|ed|ing)?|declin(?:e|es|ed|ing)|lessen(?:s|ed|ing)?|brought down|bring(?:s|ing)? [\w\s-]{0,60}?down|go(?:es)? down|down to|down from|under|below|fewer|less)\b/;

/** Leading time clause ("By Q4, …", "By the end of the fiscal year, …"), skipped to find the verb. */
export const LEADING_TIME_CLAUSE_RE =
  /^(?:by|before|in|during|this|over|through|within|for|until|starting|from now until)\b[^,]{0,70},\s*/;
/** Bullets, numbering and "KR1:" labels at the start of a line. */
export const LIST_MARKER_RE =
  /^(?:[-*•·◦▪▫‣⁃–—>]+\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|[①-⑳]\s*|\[[ xX]?\]\s*|kr\s*\d*\s*[:.)-]\s*)/i;

/** Nouns a metric name can modify without being the thing scored: "engagement survey", "retention program". */
export const HEAD_AS_MODIFIER_RE =
  /^[\s-]*(?:training|trainings|program|programs|programme|survey|surveys|workshop|workshops|course|courses|session|sessions|campaign|campaigns|initiative|initiatives|project|projects|plan|plans|playbook|playbooks|dashboard|dashboards|report|reports|analysis|analyses|audit|audits|review|reviews|experiment|experiments|tests?|interviews?|tool|tools|module|modules|policy|policies|strategy|process|processes|committee|meetings?|framework|guide|guides|checklist|webinars?|videos?|content|calls?)\b/;

/** "a 10% reduction in cloud spend": a change written as a noun after a work verb. */
export const CHANGE_NOUN_RE =
  /\b(?:reduction|increase|improvement|decrease|drop|growth|uplift|lift|cut|gain|rise|decline|savings?)s?\s+(?:in|of|to|on|across)\b/;

/** "so that 60% of new users finish setup": a share of people doing something after a work verb. */
export const PEOPLE_SHARE_RE =
  /^(?:the\s+)?(?:\d[\d,.]*\s*%|\d+ (?:of|in|out of) (?:every )?\d+|(?:half|most|two thirds|a third|a quarter) of)\s+(?:of\s+)?(?:(?:our|the|all|new|active|paying|first-time|existing|eligible|target)\s+)*(?:users|customers|employees|managers|hires|new hires|candidates|teams|accounts|agents|reps|engineers|buyers|visitors|members|learners|students|patients|sellers|drivers|partners|clients|people|staff|leaders|applicants|subscribers|trials?)\b/;

/** Present-tense rule statements: "Every deploy passes scanning", "All visa renewals are filed…". */
export const RULE_STATEMENT_RE =
  /^(?:every|each|all|100\s*% of)\s+(?:[a-z0-9'/-]+\s+){1,4}?(?:has|have|is|are|passes|pass|meets|meet|gets|get|follows|follow|includes|include|receives|receive|goes through|go through|complies|comply|uses|use|stays|stay|runs through|run through|carries|carry|holds|hold|matches|match|clears|clear|submitted|filed|approved|paid|reconciled|acknowledged|answered|signed|countersigned|backed up|patched|issued|logged|closed|reviewed|processed)\b/;

/** "70% of trial users invite…": customers acting within a window, not a team meeting a time rule. */
export const CUSTOMER_SHARE_RE =
  /^(?:the\s+)?(?:\d[\d,.]*\s*%|\d+ (?:of|in|out of) \d+|(?:half|most) of)\s+(?:of\s+)?(?:(?:our|the|all|new|active|paying|first-time|existing|trial|free|eligible|target)\s+)*(?:users|customers|visitors|buyers|prospects|subscribers|members|learners|students|patients|drivers|sellers|applicants|candidates|trials|accounts|shoppers|players|readers|viewers|teams)\b/;

/** First words that start a subject or a general statement, not a work verb ("Make search more useful"). */
export const NON_WORK_FIRST_WORD_RE =
  /^(?:make|makes|help|helps|let|lets|become|becomes|be|turn|turns|put|the|a|an|all|every|each|our|we|no|zero|new|more|fewer|less|better|most|half|at|by|in|on|for|with|to|from|after|before|during|this|that|these|those|its|their|his|her|my|your|any|some|many|both|one|two|three|four|five|six|seven|eight|nine|ten|customers?|users?|employees?|managers?|teams?|people|staff|engineers?|agents?|reps?|candidates?|hires?)$/;
/** "Photograph all 2,400 SKUs": an unknown first word followed by an object is an imperative verb. */
export const OBJECT_START_RE = /^(?:(?:the|a|an|all|every|each|our|new)\b|\d|[$€£¥₩])/;
/** Particles of phrasal verbs: "Tidy up the CRM", "Knock on 3,000 doors". */
export const PARTICLE_RE = /^(?:up|out|down|off|on|through|over|in|into|back)$/;
