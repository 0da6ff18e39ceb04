// The team setting `report: channel | lead`: where the quarter report goes. Parsed, checked and stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { parseImportFile } from '../../src/people/index.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0REPORT';
const NOW = new Date('2026-10-01T00:00:00Z');
const sample = sampleOrgText();
const withPeopleOpsReport = (value: string) =>
  sample.replace('    lead: U04SAM\n', `    lead: U04SAM\n    report: ${value}\n`);

describe('the team setting report: channel | lead', () => {
  it('defaults to channel and accepts lead', () => {
    const plain = parseImportFile(sample, { people: new Set(), teams: new Set(), kpis: new Set() });
    if (!plain.ok) throw new Error(JSON.stringify(plain.problems));
    expect(plain.file.teams.map((t) => [t.key, t.report])).toEqual([
      ['talent', 'channel'],
      ['people-ops', 'channel'],
    ]);
    const lead = parseImportFile(withPeopleOpsReport('lead'), {
      people: new Set(),
      teams: new Set(),
      kpis: new Set(),
    });
    if (!lead.ok) throw new Error(JSON.stringify(lead.problems));
    expect(lead.file.teams.find((t) => t.key === 'people-ops')?.report).toBe('lead');
  });

  it('rejects any other value with a clear error on its line', () => {
    for (const bad of ['everyone', 'Lead', '""']) {
      const result = parseImportFile(withPeopleOpsReport(bad), {
        people: new Set(),
        teams: new Set(),
        kpis: new Set(),
      });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
        'teams[1].report: must be channel or lead (where the quarter report goes)',
      ]);
      const line = sample.split('\n').findIndex((l) => l.includes('lead: U04SAM')) + 2;
      expect(result.problems[0]?.line).toBe(line);
    }
  });
});

describe.each(dialectsUnderTest())('storing the report setting, on %s', (dialect) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await freshDatabase(dialect);
  });
  afterAll(async () => {
    await h?.drop();
  });
  const reportOf = async (key: string) =>
    (
      await h.db
        .selectFrom('teams')
        .select('report')
        .where('team_id', '=', TEAM)
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
    ).report;

  async function importText(text: string, now: Date) {
    const parsed = parseImportFile(text, await knownIds(h.db, TEAM));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return applyImport(h.db, TEAM, parsed.file, now);
  }

  it('stores lead, and a re-import without the setting goes back to channel', async () => {
    await importText(withPeopleOpsReport('lead'), NOW);
    expect(await reportOf('people-ops')).toBe('lead');
    expect(await reportOf('talent')).toBe('channel');
    const again = await importText(withPeopleOpsReport('lead'), new Date(NOW.getTime() + 60_000));
    expect(again.teams).toMatchObject({ updated: 0 });
    await importText(sample, new Date(NOW.getTime() + 120_000));
    expect(await reportOf('people-ops')).toBe('channel');
  });
});
