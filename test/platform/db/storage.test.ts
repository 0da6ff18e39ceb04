import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../../src/app/import/apply-import.js';
import { getKpiByKey, listReadings, upsertReading } from '../../../src/kpis/store/kpis.js';
import { activeKeyResultsOf, createObjective, listObjectives } from '../../../src/okrs/store.js';
import { parseImportFile } from '../../../src/people/import/parse-import-file.js';
import { migrateToLatest } from '../../../src/platform/db/migrate.js';
import {
  claimDueMessages,
  countByStatus,
  enqueueMessages,
  markFailed,
  markSent,
} from '../../../src/platform/outbox/store.js';
import { claimJob, finishJob } from '../../../src/platform/scheduler/claims.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../../support/databases.js';
import { repoRoot } from '../../support/paths.js';

const TEAM = 'T0TEST';
const sample = readFileSync(resolve(repoRoot, 'src/demo/sample-org.yaml'), 'utf8');
const t0 = new Date('2026-11-23T01:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

describe.each(dialectsUnderTest())('storage on %s', (dialect) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await h?.drop();
  });

  async function importSample(text = sample, now = t0) {
    const parsed = parseImportFile(text, await knownIds(h.db, TEAM));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return applyImport(h.db, TEAM, parsed.file, now);
  }

  it('applies migrations once: a second run has nothing to do', async () => {
    expect(await migrateToLatest(h.db)).toEqual([]);
  });

  it('imports the sample organisation, and importing it again changes nothing', async () => {
    const first = await importSample();
    expect(first.people.created).toBe(5);
    expect(first.objectives.created).toBe(2);
    expect(first.key_results.created).toBe(4);
    expect(first.kpis.created).toBe(4);
    const snapshot = await h.db.selectFrom('key_results').selectAll().orderBy('id').execute();

    const second = await importSample(sample, later(60_000));
    for (const tally of Object.values(second)) expect(tally).toMatchObject({ created: 0, updated: 0 });
    expect(await h.db.selectFrom('key_results').selectAll().orderBy('id').execute()).toEqual(snapshot);
  });

  it('updates only what changed in the file and keeps key-result progress from check-ins', async () => {
    const kr = await h.db
      .selectFrom('key_results')
      .selectAll()
      .where('key', '=', 'tth')
      .executeTakeFirstOrThrow();
    await h.db.updateTable('key_results').set({ current: 41 }).where('id', '=', kr.id).execute();
    const edited = sample.replace('Joon Lee', 'Joon-ho Lee').replace('range: [28, 45]', 'range: [27, 45]');
    const summary = await importSample(edited, later(120_000));
    expect(summary.people).toMatchObject({ updated: 1, created: 0 });
    expect(summary.kpis).toMatchObject({ updated: 1, created: 0 });
    const after = await h.db
      .selectFrom('key_results')
      .selectAll()
      .where('id', '=', kr.id)
      .executeTakeFirstOrThrow();
    expect(after.current).toBe(41);
    expect((await getKpiByKey(h.db, TEAM, 'time-to-hire'))?.range_low).toBe(27);
  });

  it('rejects an invalid file whole, naming where each problem is, and stores nothing', async () => {
    const before = await h.db.selectFrom('people').select('slack_id').execute();
    const bad = `${sample.replace('owner: U01MINA, baseline: 52', 'owner: U99NOBODY, baseline: 52')}\n  - { slack_id: U06NEW, name: New Person }\n`;
    // The appended person lands under kpis (the last list), which is itself an error.
    const parsed = parseImportFile(
      bad.replace('people:\n', 'people:\n  - { slack_id: U07X, name: X, tz: Mars/Olympus }\n'),
      await knownIds(h.db, TEAM),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.problems.map((p) => p.path);
    expect(paths).toContain('people[0].tz');
    expect(paths.some((p) => p.startsWith('kpis[4]'))).toBe(true);
    const tz = parsed.problems.find((p) => p.path === 'people[0].tz');
    expect(tz?.line).toBe(3);
    expect(await h.db.selectFrom('people').select('slack_id').execute()).toEqual(before);
  });

  it('reports a reference to a person who is not listed', async () => {
    const parsed = parseImportFile(
      sample.replace('owner: U01MINA, baseline: 52', 'owner: U99NOBODY, baseline: 52'),
      {
        people: new Set(),
        teams: new Set(),
        kpis: new Set(),
      },
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toContainEqual(
        expect.objectContaining({
          path: 'objectives[0].key_results[0].owner',
          message: 'U99NOBODY is not listed under people',
        }),
      );
    }
  });

  it('lists the active key results an owner answers for', async () => {
    const krs = (await activeKeyResultsOf(h.db, TEAM, ['U01MINA'])).get('U01MINA') ?? [];
    expect(krs.map((k) => k.key)).toEqual(['tth', 'offer-accept']);
    expect(krs[0]?.objective_owner).toBe('U02JOON');
  });

  it('stores a drafted objective with its key results atomically', async () => {
    const ok = await createObjective(
      h.db,
      {
        teamId: TEAM,
        quarter: '2026Q4',
        type: 'aspirational',
        ownerSlackId: 'U04SAM',
        text: 'Be the place engineers recommend to their friends',
        keyResults: [
          {
            text: 'Raise referral hires from 10% to 25% of hires',
            ownerSlackId: 'U03DANA',
            baseline: 10,
            target: 25,
          },
        ],
      },
      t0,
    );
    expect(ok.keyResults[0]?.direction).toBe('higher_is_better');
    const count = (await listObjectives(h.db, TEAM)).length;
    await expect(
      createObjective(
        h.db,
        {
          teamId: TEAM,
          quarter: '2026Q4',
          type: 'committed',
          ownerSlackId: 'U04SAM',
          text: 'Half-written',
          // A null text violates NOT NULL: the whole objective must roll back.
          keyResults: [{ text: null as unknown as string, ownerSlackId: 'U03DANA' }],
        },
        t0,
      ),
    ).rejects.toThrow();
    expect((await listObjectives(h.db, TEAM)).length).toBe(count);
  });

  it('keeps one reading per KPI and period: a second replaces the first', async () => {
    const kpi = (await getKpiByKey(h.db, TEAM, 'time-to-hire'))!;
    expect(
      await upsertReading(
        h.db,
        { teamId: TEAM, kpiId: kpi.id, period: '2026-10', value: 61, source: 'test' },
        t0,
      ),
    ).toEqual({ changed: true });
    expect(
      await upsertReading(
        h.db,
        { teamId: TEAM, kpiId: kpi.id, period: '2026-10', value: 61, source: 'test' },
        t0,
      ),
    ).toEqual({ changed: false });
    await upsertReading(
      h.db,
      { teamId: TEAM, kpiId: kpi.id, period: '2026-10', value: 58.5, source: 'test' },
      t0,
    );
    await upsertReading(
      h.db,
      { teamId: TEAM, kpiId: kpi.id, period: '2026-09', value: 44, source: 'test' },
      t0,
    );
    expect((await listReadings(h.db, kpi.id)).map((r) => [r.period, r.value])).toEqual([
      ['2026-09', 44],
      ['2026-10', 58.5],
    ]);
  });

  it('lets exactly one of many racing workers claim a job, and lets a dead worker’s claim be taken over', async () => {
    const job = {
      jobKey: 'checkin-round:T0TEST:talent:2026-11-23',
      kind: 'checkin-round',
      teamId: TEAM,
      runAt: t0,
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimJob(h.db, job, `w${i}`, t0, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await claimJob(h.db, job, 'late', later(30_000), 60_000)).toBe(false);
    expect(await claimJob(h.db, job, 'rescuer', later(61_000), 60_000)).toBe(true);
    await finishJob(h.db, job.jobKey, 'rescuer', later(62_000));
    expect(await claimJob(h.db, job, 'again', later(10 * 60_000), 60_000)).toBe(false);
  });

  it('enqueues each message once and hands each to one sender', async () => {
    const msgs = Array.from({ length: 30 }, (_, i) => ({
      teamId: TEAM,
      dedupeKey: `prompt:${TEAM}:U${i}:2026-11-23`,
      kind: 'checkin-prompt',
      method: 'chat.postMessage' as const,
      target: `U${i}`,
      payload: { text: `hello ${i}` },
    }));
    expect(await enqueueMessages(h.db, msgs, t0)).toBe(30);
    expect(await enqueueMessages(h.db, msgs, t0)).toBe(0);
    const [a, b] = await Promise.all([
      claimDueMessages(h.db, 'A', t0, 20),
      claimDueMessages(h.db, 'B', t0, 20),
    ]);
    const rest = await claimDueMessages(h.db, 'C', t0, 50);
    const ids = [...a, ...b, ...rest].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30);
    expect(b.length).toBeGreaterThan(0);
    for (const m of [...a, ...rest])
      await markSent(h.db, m.id, m.claimed_by!, { channel: 'D1', ts: '1.1' }, t0);
    // B fails one message with a retry time, then crashes holding the others.
    await markFailed(h.db, b[0]!.id, 'B', 'ratelimited', later(5_000));
    expect(await claimDueMessages(h.db, 'D', later(1_000), 50)).toHaveLength(0);
    const retried = await claimDueMessages(h.db, 'D', later(6_000), 50);
    expect(retried.map((m) => m.id)).toEqual([b[0]!.id]);
    await markSent(h.db, b[0]!.id, 'D', { channel: 'D1', ts: '1.2' }, later(6_000));
    const rescued = await claimDueMessages(h.db, 'E', later(120_000), 50);
    expect(rescued.map((m) => m.id).sort()).toEqual(
      b
        .slice(1)
        .map((m) => m.id)
        .sort(),
    );
    expect((await countByStatus(h.db, TEAM)).sent).toBe(a.length + rest.length + 1);
  });
});
