// The architecture's rules (.dependency-cruiser.cjs) run in CI over src/. These tests prove that each kind
// of violation fails the check: a throwaway tree breaks one rule at a time, and the checker must say which.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const depcruise = join(repoRoot, 'node_modules', '.bin', 'depcruise');
const config = join(repoRoot, '.dependency-cruiser.cjs');
let dir: string | undefined;

function check(files: Record<string, string>): { status: number | null; output: string } {
  dir = mkdtempSync(join(tmpdir(), 'okrbot-arch-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(depcruise, ['src', '--config', config], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const leaf = 'export const x = 1;\n';

describe('the architecture check', () => {
  it('passes a tree that follows the rules', () => {
    const r = check({
      'src/kpis/index.ts': "export { x } from './store.js';\n",
      'src/kpis/store.ts': leaf,
      'src/home/view.ts': "import { x } from '../kpis/index.js';\nexport const y = x;\n",
    });
    expect(r.output).toContain('no dependency violations');
    expect(r.status).toBe(0);
  });

  it.each([
    ['platform-imports-no-feature', { 'src/platform/db.ts': "import { x } from '../kpis/index.js';\n" }],
    ['features-through-their-index', { 'src/home/view.ts': "import { x } from '../kpis/store.js';\n" }],
    ['okrs-imports-nothing-above-it', { 'src/okrs/store.ts': "import { x } from '../kpis/index.js';\n" }],
    [
      'kpis-imports-nothing-above-it',
      { 'src/kpis/alerts.ts': "import { x } from '../checkins/index.js';\n" },
    ],
    ['domain-is-pure', { 'src/kpis/domain/detect.ts': "import { x } from '../store.js';\n" }],
    ['domain-has-no-io', { 'src/kpis/domain/detect.ts': "import { readFileSync } from 'node:fs';\n" }],
    ['views-import-no-store', { 'src/kpis/slack/views/v.ts': "import { x } from '../../store.js';\n" }],
    ['localslack-only-for-demo-and-tests', { 'src/app/a.ts': "import { x } from '../localslack/s.js';\n" }],
  ])('fails on %s', (rule, files) => {
    const r = check({
      'src/kpis/index.ts': "export { x } from './store.js';\n",
      'src/kpis/store.ts': leaf,
      'src/checkins/index.ts': leaf,
      'src/localslack/s.ts': leaf,
      ...files,
    });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain(rule);
  });
});
