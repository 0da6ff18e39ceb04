import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import SummaryReporter from './summary-reporter.js';

type State = 'passed' | 'failed' | 'skipped' | 'pending';
const module = (tests: Array<[string, State]>) =>
  ({
    state: () => 'passed',
    children: {
      allTests: () =>
        tests.map(([fullName, state]) => ({ fullName, result: () => ({ state }) }))[Symbol.iterator](),
    },
  }) as unknown as TestModule;

describe('the closing summary line', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function run(env: NodeJS.ProcessEnv): string {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    new SummaryReporter({ env }).onTestRunEnd(
      [
        module([
          ['check-in rounds (sqlite) > one reminder', 'passed'],
          ['check-in rounds (sqlite) > digests', 'passed'],
          ['storage on sqlite > migrates', 'failed'],
          ['the value people type > accepts 41', 'passed'],
          ['plain > not run', 'skipped'],
        ]),
      ],
      [],
    );
    vi.restoreAllMocks();
    return out;
  }

  it('without Postgres, says how many Postgres variants were skipped and why, and counts them', () => {
    const out = run({});
    expect(out).toContain('3 Postgres tests skipped: OKRBOT_TEST_POSTGRES_URL is not set');
    expect(out).toMatch(/\ntests: 3 passed, 1 failed, 4 skipped\n$/);
  });

  it('with Postgres, counts only what Vitest skipped', () => {
    const out = run({ OKRBOT_TEST_POSTGRES_URL: 'postgres://localhost/x' });
    expect(out).not.toContain('Postgres tests skipped');
    expect(out).toMatch(/\ntests: 3 passed, 1 failed, 1 skipped\n$/);
  });
});
