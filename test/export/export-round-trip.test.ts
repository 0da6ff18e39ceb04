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

const TEAM = 'T0LOCAL';
const AT = '2026-10-01T08:00:00.000Z';

/** A small RFC 4180 parser: quoted fields (with "" for a quote, and commas, CR and LF inside), CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === '' && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      wasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += ch;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The CSV's header row and its records as objects keyed by the header. */
function records(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header = [], ...lines] = parseCsv(text);
  for (const line of lines) expect(line).toHaveLength(header.length);
  return {
    header,
    rows: lines.map((line) => Object.fromEntries(header.map((h, i) => [h, line[i] as string]))),
  };
}

type Table = Array<Record<string, string | number | null>>;

/** CSV fields back to JSON values: the documented number columns as numbers, empty as null. */
function typed(table: ExportTable, rows: Array<Record<string, string>>): Table {
  const numeric = new Set(
    (
      {
        objectives: [],
        key_results: ['position', 'baseline', 'target', 'current'],
        checkins: ['value'],
        kpi_readings: ['value', 'range_low', 'range_high', 'alert_threshold'],
        alerts: ['last_value'],
      } as Record<ExportTable, string[]>
    )[table],
  );
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => {
        if (v === '') return [k, null];
        if (numeric.has(k)) {
          expect(v, `${table}.${k}`).toMatch(/^-?\d+(\.\d+)?$/);
          return [k, Number(v)];
        }
        return [k, v];
      }),
    ),
  );
}

const BLOCKER = 'Waiting on "legal", the new\r\nagency contract, and\nbudget';

describe.each(dialectsUnderTest())('okrbot export (%s)', (dialect) => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  const kr = new Map<string, { id: string; objective_id: string }>();
  const kpi = new Map<string, string>();

  beforeAll(async () => {
    db = await freshDatabase(dialect);
    dir = mkdtempSync(join(tmpdir(), 'okrbot-export-'));
    env = { DATABASE_URL: db.url };
    const parsed = parseImportFile(sampleOrgText(), await knownIds(db.db, TEAM));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    await applyImport(db.db, TEAM, parsed.file, new Date(AT));
    for (const r of await db.db.selectFrom('key_results').select(['id', 'key', 'objective_id']).execute())
      kr.set(r.key as string, r);
    for (const k of await db.db.selectFrom('kpis').select(['id', 'key']).execute()) kpi.set(k.key, k.id);

    const checkin = (id: string, key: string, round: string, value: number | null, extra = {}) => ({
      id,
      team_id: TEAM,
      key_result_id: kr.get(key)?.id as string,
      owner_slack_id: key === 'manager-score' ? 'U05PRIYA' : 'U01MINA',
      round_key: round,
      value,
      confidence: 'on_track' as const,
      changed: null,
      blockers: null,
      next_focus: null,
      submitted_at: `${round}T01:05:00.000Z`,
      updated_at: `${round}T01:05:00.000Z`,
      ...extra,
    });
    await db.db
      .insertInto('checkins')
      .values([
        checkin('ci_1', 'tth', '2026-10-05', 48.5, {
          confidence: 'at_risk',
          changed: 'Sourcing, referrals up 20%',
          blockers: BLOCKER,
          next_focus: '채용 담당자와 주간 회의',
        }),
        checkin('ci_2', 'manager-score', '2026-11-02', 3.55),
        checkin('ci_3', 'offer-accept', '2026-12-28', 1234567.891),
        checkin('ci_4', 'offer-accept', '2026-12-21', null, { confidence: 'off_track' }),
        checkin('ci_old', 'tth', '2026-09-28', 50),
        checkin('ci_next', 'tth', '2027-01-04', 40),
      ])
      .execute();

    const reading = (key: string, period: string, value: number) => ({
      team_id: TEAM,
      kpi_id: kpi.get(key) as string,
      period,
      value,
      source: 'api:hris-sync',
      recorded_at: AT,
    });
    await db.db
      .insertInto('kpi_readings')
      .values([
        reading('time-to-hire', '2026-10', 61),
        reading('time-to-hire', '2026-11', 44.5),
        reading('time-to-hire', '2026-09', 58),
        reading('time-to-hire', '2027-01', 39),
        reading('offer-acceptance', '2026-12', -0.25),
        reading('hr-sla', '2026-W39', 91),
        reading('hr-sla', '2026-W40', 96.5),
        reading('hr-sla', '2026-W53', 99),
      ])
      .execute();

    const state = (extra: Record<string, unknown>) =>
      JSON.stringify({
        since: '2026-10',
        lastPeriod: '2026-10',
        lastValue: 61,
        detail: '61 days, past 52',
        ...extra,
      });
    const alert = (id: string, key: string, extra: Record<string, unknown>) => ({
      id,
      team_id: TEAM,
      kpi_id: kpi.get(key) as string,
      rule: 'threshold',
      status: 'firing',
      severity: 'critical',
      state_json: state({}),
      channel_id: null,
      channel_ts: null,
      dm_channel_id: null,
      dm_ts: null,
      acknowledged_by: null,
      acknowledged_at: null,
      snoozed_until: null,
      snooze_reason: null,
      folded_into_key_result_id: null,
      escalated_at: null,
      opened_at: '2026-11-01T00:10:00.000Z',
      updated_at: '2026-11-01T00:10:00.000Z',
      resolved_at: null,
      group_key: null,
      dm_key: null,
      ...extra,
    });
    await db.db
      .insertInto('alerts')
      .values([
        alert('al_ack', 'time-to-hire', {
          status: 'acknowledged',
          acknowledged_by: 'U01MINA',
          acknowledged_at: '2026-11-01T03:00:00.000Z',
          state_json: state({ status: 'acknowledged', acknowledgedBy: 'U01MINA' }),
        }),
        alert('al_snz', 'offer-acceptance', {
          rule: 'out_of_range',
          severity: 'warning',
          status: 'snoozed',
          snoozed_until: 'next_reading',
          snooze_reason: 'Comp review, "Q4" bands land next week',
          state_json: state({
            since: '2026-12',
            lastPeriod: '2026-12',
            lastValue: -0.25,
            snoozedBy: 'U04SAM',
          }),
          opened_at: '2026-09-30T23:00:00.000Z',
        }),
        alert('al_old', 'retention-90', {
          status: 'resolved',
          opened_at: '2026-08-01T00:00:00.000Z',
          resolved_at: '2026-09-15T00:00:00.000Z',
        }),
        alert('al_next', 'retention-90', { opened_at: '2027-01-02T00:00:00.000Z' }),
      ])
      .execute();
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** What every format must say, as JSON values. */
  function checkTables(tables: Record<ExportTable, Table>): void {
    const byKey = (t: Table, col: string) => new Map(t.map((r) => [r[col], r]));
    expect(tables.objectives.map((o) => o.objective_key).sort()).toEqual(['hire-faster', 'keep-new-hires']);
    expect(tables.objectives.every((o) => o.quarter === '2026Q4' && o.created_at === AT)).toBe(true);
    const krs = byKey(tables.key_results, 'key_result_key');
    expect([...krs.keys()].sort()).toEqual(['manager-score', 'offer-accept', 'retention-90', 'tth']);
    const imported = {
      tth: [52, 30, 52, 0, 'days', 'lower_is_better', 'time-to-hire'],
      'offer-accept': [72, 88, 72, 1, '%', 'higher_is_better', 'offer-acceptance'],
      'retention-90': [78, 90, 78, 0, '%', 'higher_is_better', 'retention-90'],
      'manager-score': [3.3, 4, 3.3, 1, 'points', 'higher_is_better', null],
    };
    for (const [key, [baseline, target, current, position, unit, direction, kpiKey]] of Object.entries(
      imported,
    )) {
      expect(krs.get(key)).toMatchObject({
        baseline,
        target,
        current,
        position,
        unit,
        direction,
        kpi_key: kpiKey,
      });
      expect(krs.get(key)?.key_result_id).toBe(kr.get(key)?.id);
    }
    expect(krs.get('tth')).toMatchObject({
      owner_slack_id: 'U01MINA',
      owner_name: 'Mina Park',
      objective_key: 'hire-faster',
    });

    expect(tables.checkins.map((c) => c.checkin_id)).toEqual(['ci_1', 'ci_2', 'ci_4', 'ci_3']);
    const cis = byKey(tables.checkins, 'checkin_id');
    expect(cis.get('ci_1')).toMatchObject({
      round_key: '2026-10-05',
      key_result_key: 'tth',
      objective_id: kr.get('tth')?.objective_id,
      value: 48.5,
      confidence: 'at_risk',
      changed: 'Sourcing, referrals up 20%',
      blockers: BLOCKER,
      next_focus: '채용 담당자와 주간 회의',
      owner_name: 'Mina Park',
      submitted_at: '2026-10-05T01:05:00.000Z',
    });
    expect(cis.get('ci_2')).toMatchObject({
      value: 3.55,
      owner_slack_id: 'U05PRIYA',
      owner_name: 'Priya Nair',
    });
    expect(cis.get('ci_3')?.value).toBe(1234567.891);
    expect(cis.get('ci_4')).toMatchObject({ value: null, confidence: 'off_track', blockers: null });

    const readings = tables.kpi_readings.map((r) => [r.kpi_key, r.period, r.value, r.period_start]);
    expect(readings).toEqual([
      ['hr-sla', '2026-W40', 96.5, '2026-09-28'],
      ['hr-sla', '2026-W53', 99, '2026-12-28'],
      ['offer-acceptance', '2026-12', -0.25, '2026-12-01'],
      ['time-to-hire', '2026-10', 61, '2026-10-01'],
      ['time-to-hire', '2026-11', 44.5, '2026-11-01'],
    ]);
    expect(tables.kpi_readings[3]).toMatchObject({
      kpi_name: 'Time to hire',
      unit: 'days',
      cadence: 'monthly',
      source: 'api:hris-sync',
      recorded_at: AT,
      range_low: 28,
      range_high: 45,
      alert_threshold: 52,
    });

    expect(tables.alerts.map((a) => a.alert_id)).toEqual(['al_snz', 'al_ack']);
    const alerts = byKey(tables.alerts, 'alert_id');
    expect(alerts.get('al_ack')).toMatchObject({
      kpi_key: 'time-to-hire',
      rule: 'threshold',
      severity: 'critical',
      status: 'acknowledged',
      acknowledged_by: 'U01MINA',
      acknowledged_by_name: 'Mina Park',
      acknowledged_at: '2026-11-01T03:00:00.000Z',
      snoozed_by: null,
      last_value: 61,
      detail: '61 days, past 52',
    });
    expect(alerts.get('al_snz')).toMatchObject({
      status: 'snoozed',
      snoozed_by: 'U04SAM',
      snoozed_by_name: 'Sam Okafor',
      snoozed_until: 'next_reading',
      snooze_reason: 'Comp review, "Q4" bands land next week',
      last_value: -0.25,
      since_period: '2026-12',
    });
  }

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
    checkTables(tables);
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
    checkTables(tables);
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
    checkTables(doc as unknown as Record<ExportTable, Table>);

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
