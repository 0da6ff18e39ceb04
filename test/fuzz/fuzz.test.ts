import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { type Harness, startHarness } from '../support/harness.js';
import { FORBIDDEN, fuzzProblem, generate, type Input, reseedFuzz, sendFuzzInput } from './inputs.js';

// A seeded fuzz of everything okrbot answers over HTTP: slash commands, interactions, events and the readings
// API, correctly signed (and some unsigned or badly signed), against one running okrbot with the sample org.
// The inputs come from ./inputs.ts (the load test sends the same ones under load). 10,000 inputs in CI;
// OKRBOT_LONG_TESTS=1 (npm run test:long) tries 50,000; FUZZ_INPUTS=N sets the count, FUZZ_SEED varies them.
const LONG = process.env.OKRBOT_LONG_TESTS === '1';
const TOTAL = Number(process.env.FUZZ_INPUTS ?? (LONG ? 50_000 : 10_000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CONCURRENCY = 16;
const TIMEOUT_MS = 3_000;
reseedFuzz(SEED);

const TABLES = ['kpi_readings', 'alerts', 'people', 'kpis', 'objectives', 'checkins'] as const;

describe('fuzz: signed and unsigned junk against one running okrbot', () => {
  let h: Harness;
  let token: string;
  const tried = new Map<string, number>();
  const statuses = new Map<string, number>();
  const failures: string[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  beforeAll(async () => {
    // Junk makes listeners fail (invalid trigger ids, unknown users): counted, not printed.
    h = await startHarness({
      now: '2026-11-25T08:00:00Z',
      jobs: kpiJobs(),
      logSink: (line) => {
        if (line.includes('"level":"error"')) bump(statuses, 'logged_errors');
      },
    });
    await h.importSample();
    token = (await createApiToken(h.db, h.teamId, 'fuzz', h.clock.now())).token;
  });
  afterAll(async () => {
    const line = (m: Map<string, number>) =>
      [...m.entries()]
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
    console.log(`fuzz (seed ${SEED}): inputs by kind: ${line(tried)}`);
    console.log(`fuzz: statuses: ${line(statuses)}`);
    await h?.slack.waitForIdle(200).catch(() => undefined);
    await h?.stop();
  });

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [
          t,
          Number(
            (
              await h.db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ]),
      ),
    );

  async function send(input: Input): Promise<void> {
    bump(tried, `${input.kind}${input.signing === 'signed' ? '' : `:${input.signing}`}`);
    const answer = await sendFuzzInput(h.bot.port, input, TIMEOUT_MS);
    bump(statuses, answer.status === undefined ? 'no_answer' : String(answer.status));
    const problem = fuzzProblem(input, answer);
    if (problem) failures.push(problem);
  }

  async function run(n: number, make: () => Input): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          next++;
          await send(make());
        }
      }),
    );
  }

  it(`answers ${TOTAL} generated inputs without a crash, a 5xx or a timeout, and refused ones write nothing`, {
    timeout: LONG ? 3_600_000 : 600_000,
  }, async () => {
    // Phase 1: only inputs known to be refused (bad or missing signature, another workspace, /kpi log by
    // people the permission table forbids, the readings API without a valid token): no row may change.
    const before = await counts();
    const refusedCount = Math.floor(TOTAL * 0.4);
    await run(refusedCount, () => generate(true, token));
    await h.slack.waitForIdle(100).catch(() => undefined);
    expect(await counts()).toEqual(before);

    // Phase 2: everything, mixed; some of it is accepted and writes.
    await run(TOTAL - refusedCount, () => generate(false, token));

    expect(failures.slice(0, 20)).toEqual([]);
    // Nobody outside the permission table ever logged a reading.
    const sources = await h.db.selectFrom('kpi_readings').select('source').distinct().execute();
    for (const s of sources) for (const f of FORBIDDEN) expect(s.source).not.toBe(`slack:${f}`);
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    expect(health.status).toBe(200);
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(TOTAL);
  });
});
