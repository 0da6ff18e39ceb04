import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { applyImport, type ImportOptions, knownIds } from '../../src/app/import/apply-import.js';
import { formatSummary } from '../../src/app/import/format-summary.js';
import { ownerTeamCounts } from '../../src/checkins/store/index.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { loadKpiBatch } from '../../src/kpis/evaluation-batch.js';
import { activeKeyResultsOf } from '../../src/okrs/store.js';
import { type ImportFile, parseImportFile } from '../../src/people/index.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0RETIRE';
const t0 = new Date('2026-11-23T01:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

type Doc = {
  people: Array<{ slack_id: string }>;
  objectives: Array<{ key: string; key_results: Array<{ key: string; text: string }> }>;
  kpis: Array<{ key: string }>;
};
const sampleDoc = (): Doc => parse(sampleOrgText()) as Doc;

describe.each(dialectsUnderTest())('retiring what a re-import leaves out, on %s', (dialect) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await h?.drop();
  });

  async function importDoc(doc: Doc | string, now: Date, options: ImportOptions = {}) {
    const text = typeof doc === 'string' ? doc : stringify(doc);
    const parsed = parseImportFile(text, await knownIds(h.db, TEAM, options));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return applyImport(h.db, TEAM, parsed.file as ImportFile, now, options);
  }
  const retiredAt = async (table: 'people' | 'kpis' | 'objectives' | 'key_results') =>
    (await h.db.selectFrom(table).select('retired_at').where('team_id', '=', TEAM).execute()).filter(
      (r) => r.retired_at !== null,
    ).length;

  it('imports the sample, and a dry run of a smaller file reports retirements but writes nothing', async () => {
    await importDoc(sampleOrgText(), t0);
    const before = await h.db.selectFrom('key_results').selectAll().orderBy('id').execute();
    const audits = (await h.db.selectFrom('audit_events').select('id').execute()).length;
    const doc = sampleDoc();
    doc.objectives[0]!.key_results.pop(); // offer-accept
    const dry = await importDoc(doc, at(1), { dryRun: true });
    expect(dry.key_results).toMatchObject({ retired: 1, retiredKeys: ['hire-faster/offer-accept'] });
    expect(await h.db.selectFrom('key_results').selectAll().orderBy('id').execute()).toEqual(before);
    expect((await h.db.selectFrom('audit_events').select('id').execute()).length).toBe(audits);
  });

  it('with --keep-missing leaves what the file does not list', async () => {
    const doc = sampleDoc();
    doc.kpis = doc.kpis.filter((k) => k.key !== 'hr-sla');
    const summary = await importDoc(doc, at(2), { keepMissing: true });
    for (const t of Object.values(summary)) expect(t.retired).toBe(0);
    expect(await retiredAt('kpis')).toBe(0);
  });

  it('retires a key result, a KPI and a person the file leaves out: no prompts, no checks, history kept', async () => {
    const doc = sampleDoc();
    doc.objectives[0]!.key_results.pop(); // offer-accept (Mina keeps tth)
    doc.kpis = doc.kpis.filter((k) => k.key !== 'hr-sla');
    // Priya goes: her key result manager-score goes with her objective's list.
    doc.people = doc.people.filter((p) => p.slack_id !== 'U05PRIYA');
    doc.objectives[1]!.key_results = doc.objectives[1]!.key_results.filter(
      (kr) => kr.key !== 'manager-score',
    );
    (doc.kpis as Array<{ key: string; owner: string }>).forEach((k) => {
      if (k.owner === 'U05PRIYA') k.owner = 'U04SAM';
    });
    const summary = await importDoc(doc, at(3));
    expect(summary.key_results).toMatchObject({ retired: 2 });
    expect(summary.key_results.retiredKeys.sort()).toEqual([
      'hire-faster/offer-accept',
      'keep-new-hires/manager-score',
    ]);
    expect(summary.kpis).toMatchObject({ retired: 1, retiredKeys: ['hr-sla'] });
    expect(summary.people).toMatchObject({ retired: 1, retiredKeys: ['U05PRIYA'] });
    expect(formatSummary(summary)).toContain('kpis: 0 created, 0 updated, 3 unchanged, retired: 1 (hr-sla)');

    // Kept for history.
    expect(
      await h.db.selectFrom('key_results').select('key').where('key', '=', 'offer-accept').execute(),
    ).toHaveLength(1);
    expect(
      await h.db.selectFrom('people').select('slack_id').where('slack_id', '=', 'U05PRIYA').execute(),
    ).toHaveLength(1);
    // No longer prompted or checked.
    const mina = (await activeKeyResultsOf(h.db, TEAM, ['U01MINA'])).get('U01MINA') ?? [];
    expect(mina.map((k) => k.key)).toEqual(['tth']);
    const owners = await ownerTeamCounts(h.db, TEAM);
    expect(owners.find((o) => o.owner === 'U01MINA')?.count).toBe(1);
    expect(owners.some((o) => o.owner === 'U05PRIYA')).toBe(false);
    const batch = await loadKpiBatch(h.db, TEAM);
    expect(batch.kpis.map((k) => k.key)).not.toContain('hr-sla');

    // The same file again changes nothing, retires nothing more.
    const again = await importDoc(doc, at(4));
    for (const t of Object.values(again)) expect(t).toMatchObject({ created: 0, updated: 0, retired: 0 });
  });

  it('a key result that comes back is active again', async () => {
    const doc = sampleDoc();
    doc.people = doc.people.filter((p) => p.slack_id !== 'U05PRIYA');
    doc.objectives[1]!.key_results = doc.objectives[1]!.key_results.filter(
      (kr) => kr.key !== 'manager-score',
    );
    doc.kpis = doc.kpis.filter((k) => k.key !== 'hr-sla');
    const summary = await importDoc(doc, at(5));
    expect(summary.key_results).toMatchObject({ updated: 1, retired: 0 });
    const mina = (await activeKeyResultsOf(h.db, TEAM, ['U01MINA'])).get('U01MINA') ?? [];
    expect(mina.map((k) => k.key)).toEqual(['tth', 'offer-accept']);
  });

  it('a renamed key is a new key result, the old one is retired, and the summary says so', async () => {
    const doc = sampleDoc();
    doc.people = doc.people.filter((p) => p.slack_id !== 'U05PRIYA');
    doc.objectives[1]!.key_results = doc.objectives[1]!.key_results.filter(
      (kr) => kr.key !== 'manager-score',
    );
    doc.kpis = doc.kpis.filter((k) => k.key !== 'hr-sla');
    doc.objectives[0]!.key_results[0]!.key = 'time-to-hire-days';
    const summary = await importDoc(doc, at(6));
    expect(summary.key_results).toMatchObject({
      created: 1,
      retired: 1,
      renamed: [{ from: 'hire-faster/tth', to: 'hire-faster/time-to-hire-days' }],
    });
    expect(formatSummary(summary)).toMatch(
      /renamed\? key result hire-faster\/tth → hire-faster\/time-to-hire-days/,
    );
  });

  it('retires an objective with its key results', async () => {
    const doc = sampleDoc();
    doc.people = doc.people.filter((p) => p.slack_id !== 'U05PRIYA');
    doc.kpis = doc.kpis.filter((k) => k.key !== 'hr-sla' && k.key !== 'retention-90');
    doc.objectives = doc.objectives.filter((o) => o.key !== 'keep-new-hires');
    doc.objectives[0]!.key_results[0]!.key = 'time-to-hire-days';
    const summary = await importDoc(doc, at(7));
    expect(summary.objectives).toMatchObject({ retired: 1, retiredKeys: ['keep-new-hires'] });
    expect(summary.key_results).toMatchObject({ retired: 1, retiredKeys: ['keep-new-hires/retention-90'] });
    expect((await activeKeyResultsOf(h.db, TEAM, ['U03DANA'])).get('U03DANA') ?? []).toEqual([]);
  });

  it('refuses a reference to a stored person the file leaves out (unless --keep-missing)', async () => {
    const doc = sampleDoc();
    doc.people = doc.people.filter((p) => p.slack_id !== 'U05PRIYA' && p.slack_id !== 'U03DANA');
    const parsed = parseImportFile(stringify(doc), await knownIds(h.db, TEAM));
    expect(parsed.ok).toBe(false);
    const kept = parseImportFile(stringify(doc), await knownIds(h.db, TEAM, { keepMissing: true }));
    // Dana is stored and active, so with --keep-missing she may be referred to; Priya is retired.
    expect(kept.ok ? [] : kept.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining(['U05PRIYA is not listed under people']),
    );
    expect(kept.ok ? [] : kept.problems.map((p) => p.message)).not.toContain(
      'U03DANA is not listed under people',
    );
  });
});
