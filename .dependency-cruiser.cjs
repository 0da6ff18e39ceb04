// The architecture's rules (README, "Architecture"), checked in CI: `npm run check:architecture`.
// Direction: people ← okrs ← {checkins, drafting, kpis} ← home ← app ← {cli, demo}; every feature may use
// platform; a feature is entered only through its index.ts (or domain/index.ts for pure rules).
const FEATURES = 'people|okrs|checkins|drafting|kpis|home';
const above = {
  people: 'okrs|checkins|drafting|kpis|home|app|cli|demo',
  okrs: 'checkins|drafting|kpis|home|app|cli|demo',
  checkins: 'drafting|kpis|home|app|cli|demo',
  drafting: 'checkins|kpis|home|app|cli|demo',
  kpis: 'checkins|drafting|home|app|cli|demo',
  home: 'app|cli|demo',
  app: 'cli|demo',
};

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-feature',
      comment: 'platform/ is the floor: db, outbox, scheduler, http, slack port, config, logger.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: `^src/(${FEATURES}|app|cli|demo|localslack)/` },
    },
    ...Object.entries(above).map(([feature, forbidden]) => ({
      name: `${feature}-imports-nothing-above-it`,
      comment: `${feature} may not import ${forbidden.split('|').join(', ')} (never upward, never sideways).`,
      severity: 'error',
      from: { path: `^src/${feature}/` },
      to: { path: `^src/(${forbidden})/` },
    })),
    {
      name: 'features-through-their-index',
      comment: "Another feature is entered only through its index.ts (or its pure domain/index.ts).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: `^src/(${FEATURES})/`,
        pathNot: ['^src/$1/', `^src/(${FEATURES})/(domain/)?index\\.ts$`],
      },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: it imports only domain/ code and no Node I/O.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { path: '^src/', pathNot: '^src/[^/]+/domain/' },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'views-import-no-store',
      comment: 'Views are pure functions from data to Block Kit.',
      severity: 'error',
      from: { path: '/slack/views/' },
      to: { path: '/store(\\.ts$|/)' },
    },
    {
      name: 'localslack-only-for-demo-and-tests',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(demo|localslack)/' },
      to: { path: '^src/localslack/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
