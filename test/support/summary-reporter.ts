import type { Reporter, TestModule } from 'vitest/node';

/** A storage test's Postgres variant that `dialectsUnderTest()` leaves out: its SQLite twin's full name. */
const SQLITE_VARIANT = /(\(sqlite\)| on sqlite)( > |$)/;

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after Vitest's own summary, so
 * that CI and people reading logs see the count in a fixed shape.
 *
 * Storage tests run once per dialect (`describe.each(dialectsUnderTest())`); without
 * `OKRBOT_TEST_POSTGRES_URL` the Postgres variants are never registered, so Vitest cannot count them. Each
 * SQLite variant that ran stands for one such Postgres test: they are counted as skipped, with the reason.
 */
export default class SummaryReporter implements Reporter {
  private readonly env: NodeJS.ProcessEnv;

  /** `env` is for the reporter's own test; Vitest passes the reporter's options (none) here. */
  constructor(options: { env?: NodeJS.ProcessEnv } = {}) {
    this.env = options?.env ?? process.env;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let postgresSkipped = 0;
    const postgres = Boolean(this.env.OKRBOT_TEST_POSTGRES_URL);
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
        if (!postgres && (state === 'passed' || state === 'failed') && SQLITE_VARIANT.test(test.fullName)) {
          postgresSkipped++;
        }
      }
      // A file that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    failed += unhandledErrors.length;
    if (postgresSkipped > 0) {
      process.stdout.write(
        `\n${postgresSkipped} Postgres test${postgresSkipped === 1 ? '' : 's'} skipped: OKRBOT_TEST_POSTGRES_URL is not set (.ci/start-postgres.sh starts a server)`,
      );
    }
    process.stdout.write(
      `\ntests: ${passed} passed, ${failed} failed, ${skipped + postgresSkipped} skipped\n`,
    );
  }
}
