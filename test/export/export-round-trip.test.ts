import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnNames, EXPORT_TABLES, type ExportTable } from '../../src/app/export/columns.js';
import { quarterPeriods } from '../../src/app/export/read-export.js';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { runExportCommand } from '../../src/cli/export-command.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';
import { memoryIo } from '../support/memory-io.js';
import {
  AT,
  checkTables,
  type KeyResultIds,
  parseCsv,
  records,
  seedExportFixture,
  type Table,
  typed,
} from './export-fixture.js';

const TEAM = 'T0LOCAL';

describe.each(dialectsUnderTest())('okrbot export (%s)', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  let kr: KeyResultIds;

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'okrbot-export-'));
    env = { DATABASE_URL: db.url };
    const parsed = parseImportFile(sampleOrgText(), await knownIds(db.db, TEAM));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await applyImport(db.db, TEAM, parsed.file, new Date(AT));
    kr = await seedExportFixture(db.db, TEAM);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('writes a folder of CSV files with the documented header rows, for the only workspace', async () => {
    const out = join(dir, 'folder');
    const { io, out: stdout, err } = memoryIo(dir);
    expect(await runExportCommand(['--quarter', '2026Q4', '--format', 'csv', '--out', out], env, io)).toBe(0);
    expect(err()).toBe('');
    expect(stdout()).toContain('2 objectives, 4 key results, 4 check-ins, 5 KPI readings, 2 alerts');
    const tables = {} as Record<ExportTable, Table>;
    for (const table of EXPORT_TABLES) {
      const text = readFileSync(join(out, `${table}.csv`), 'utf8');
      expect(text.startsWith(`${columnNames(table).join(',')}\r\n`)).toBe(true);
      const { header, rows } = records(text);
      expect(header).toEqual(columnNames(table));
      tables[table] = typed(table, rows);
    }
    checkTables(tables, kr);
    const checkins = readFileSync(join(out, 'checkins.csv'), 'utf8');
    expect(checkins).toContain('"Waiting on ""legal"", the new\r\nagency contract, and\nbudget"');
    expect(checkins).toContain(',1234567.891,');
  });

  it('writes the same files into a zip, for --team', async () => {
    const out = join(dir, 'export.zip');
    const { io } = memoryIo(dir);
    expect(
      await runExportCommand(['--quarter=2026q4', '--format=csv', `--out=${out}`, '--team', TEAM], env, io),
    ).toBe(0);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(EXPORT_TABLES.map((t) => `${t}.csv`).sort());
    const tables = {} as Record<ExportTable, Table>;
    for (const table of EXPORT_TABLES) {
      const { header, rows } = records(strFromU8(files[`${table}.csv`] as Uint8Array));
      expect(header).toEqual(columnNames(table));
      tables[table] = typed(table, rows);
    }
    checkTables(tables, kr);
  });

  it('writes one JSON document to standard output or a file, every row keyed by the documented columns', async () => {
    const { io, out: stdout } = memoryIo(dir);
    expect(await runExportCommand(['--quarter', '2026Q4', '--format', 'json'], env, io)).toBe(0);
    const doc = JSON.parse(stdout()) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['quarter', 'workspace', 'exported_at', ...EXPORT_TABLES]);
    expect(doc.quarter).toBe('2026Q4');
    expect(doc.workspace).toEqual({ team_id: TEAM, name: null });
    expect(doc.exported_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const table of EXPORT_TABLES)
      for (const row of doc[table] as Table) expect(Object.keys(row)).toEqual(columnNames(table));
    checkTables(doc as unknown as Record<ExportTable, Table>, kr);

    const file = join(dir, 'export.json');
    const second = memoryIo(dir);
    expect(
      await runExportCommand(
        ['--quarter', '2026Q4', '--format', 'json', '--out', 'export.json'],
        env,
        second.io,
      ),
    ).toBe(0);
    const fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect({ ...fromFile, exported_at: null }).toEqual({ ...doc, exported_at: null });
  });

  it('writes the default folder okrbot-export-QUARTER, and empty tables with just their header row', async () => {
    const { io } = memoryIo(dir);
    expect(await runExportCommand(['--quarter', '2026Q1', '--format', 'csv'], env, io)).toBe(0);
    for (const table of EXPORT_TABLES)
      expect(readFileSync(join(dir, 'okrbot-export-2026Q1', `${table}.csv`), 'utf8')).toBe(
        `${columnNames(table).join(',')}\r\n`,
      );
  });

  it('names a bad option in plain words and exits 2', async () => {
    const run = async (...argv: string[]) => {
      const { io, err } = memoryIo(dir);
      const code = await runExportCommand(argv, env, io);
      return { code, err: err().split('\n')[0] };
    };
    expect(await run('--quarter', '2026Q5', '--format', 'csv')).toEqual({
      code: 2,
      err: 'okrbot export: --quarter must be a year and quarter like 2026Q4 (Q1 to Q4), got "2026Q5"',
    });
    expect(await run('--quarter', '2026Q4', '--format', 'xlsx')).toEqual({
      code: 2,
      err: 'okrbot export: --format must be csv or json, got "xlsx"',
    });
    expect((await run('--format', 'csv')).err).toContain('which quarter?');
    expect((await run('--quarter', '2026Q4')).err).toContain('which format?');
    expect((await run('--quarter', '2026Q4', '--format', 'json', '--out', 'x.zip')).code).toBe(2);
    expect((await run('--quarter', '2026Q4', '--format', 'csv', '--team', 'nope')).code).toBe(2);
    expect((await run('--quarter', '2026Q4', '--format', 'csv', '--bogus')).err).toBe(
      'okrbot export: unknown option --bogus',
    );
    expect(await run('--quarter', '2026Q4', '--format', 'csv', '--team', 'T0OTHER')).toEqual({
      code: 1,
      err: `okrbot export: workspace T0OTHER is not in the database (it has ${TEAM})`,
    });
    const help = memoryIo(dir);
    expect(await runExportCommand(['--help'], env, help.io)).toBe(0);
    expect(help.out()).toContain('Usage: okrbot export --quarter 2026Q4 --format csv|json');
  });

  it('says so when the database has no workspace', async () => {
    const empty = await freshDatabase(dialect);
    try {
      const { io, err } = memoryIo(dir);
      expect(
        await runExportCommand(['--quarter', '2026Q4', '--format', 'json'], { DATABASE_URL: empty.url }, io),
      ).toBe(1);
      expect(err()).toContain('the database has no workspace yet');
    } finally {
      await empty.drop();
    }
  });
});

describe('quarterPeriods', () => {
  it('has the quarter’s months and the ISO weeks whose Thursday falls in it', () => {
    const q4 = quarterPeriods({ year: 2026, q: 4 });
    expect(q4.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(q4.weeks[0]).toBe('2026-W40');
    expect(q4.weeks.at(-1)).toBe('2026-W53');
    expect(q4.weeks).toHaveLength(14);
    const q1 = quarterPeriods({ year: 2027, q: 1 });
    expect(q1.weeks[0]).toBe('2027-W01');
    expect(q1.weeks).toHaveLength(12); // 90 days: twelve Thursdays
    // Every week belongs to exactly one quarter.
    const year = [1, 2, 3, 4].flatMap((q) => quarterPeriods({ year: 2026, q: q as 1 | 2 | 3 | 4 }).weeks);
    expect(new Set(year).size).toBe(53);
    expect(year).toHaveLength(53);
  });
});

// Keep the test's own writer in use (CSV written by hand parses as the exporter's does).
it('the test parser reads RFC 4180 quoting', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'okrbot-csv-')), 'x.csv');
  writeFileSync(path, 'a,b\r\n"x, ""y""","line\r\nbreak"\r\n,\r\n');
  expect(parseCsv(readFileSync(path, 'utf8'))).toEqual([
    ['a', 'b'],
    ['x, "y"', 'line\r\nbreak'],
    ['', ''],
  ]);
});
