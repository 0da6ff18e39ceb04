// The round trip's material, shared by `okrbot export` (test/export/export-round-trip.test.ts) and `/okr export`
// (test/e2e/okr-export.test.ts): what is imported, checked in and read, and what every format must then say.
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { ExportTable } from '../../src/app/export/columns.js';
import type { Database } from '../../src/platform/db/schema.js';

/** When the sample organisation is imported. */
export const AT = '2026-10-01T08:00:00.000Z';

/** A small RFC 4180 parser: quoted fields (with "" for a quote, and commas, CR and LF inside), CRLF or LF. */
export function parseCsv(text: string): string[][] {
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
export function records(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const [header = [], ...lines] = parseCsv(text);
  for (const line of lines) expect(line).toHaveLength(header.length);
  return {
    header,
    rows: lines.map((line) => Object.fromEntries(header.map((h, i) => [h, line[i] as string]))),
  };
}

export type Table = Array<Record<string, string | number | null>>;

/** CSV fields back to JSON values: the documented number columns as numbers, empty as null. */
export function typed(table: ExportTable, rows: Array<Record<string, string>>): Table {
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

/** Key results of the imported sample, by key: their ids and objectives (to check exported ids against). */
export type KeyResultIds = Map<string, { id: string; objective_id: string }>;

/**
 * Check-ins, KPI readings and alerts of the sample organisation (imported at AT) in and around 2026Q4, written
 * as rows: quoted text, line breaks, Korean, big and negative numbers, weeks at the quarter's edges.
 */
export async function seedExportFixture(db: Kysely<Database>, TEAM: string): Promise<KeyResultIds> {
  const kr: KeyResultIds = new Map();
  const kpi = new Map<string, string>();
  for (const r of await db.selectFrom('key_results').select(['id', 'key', 'objective_id']).execute())
    kr.set(r.key as string, r);
  for (const k of await db.selectFrom('kpis').select(['id', 'key']).execute()) kpi.set(k.key, k.id);

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
  await db
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
  await db
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
  await db
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
  return kr;
}

/** What every format must say, as JSON values. */
export function checkTables(tables: Record<ExportTable, Table>, kr: KeyResultIds): void {
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
