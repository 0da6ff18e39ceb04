import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/schema.js';
import { parseReadingPeriod } from './domain/period.js';
import type { Kpi } from './store/kpis.js';

export const MAX_READINGS_PER_BATCH = 10_000;

/** One reading as sent by the API, the CSV import or `/kpi log`. */
export const readingInputSchema = z.strictObject({
  kpi: z.string().min(1, 'must name a KPI key').max(64),
  period: z.string().min(1, 'must be YYYY-MM, YYYY-Www or YYYY-MM-DD').max(32),
  value: z.number({ error: 'must be a number' }).finite('must be a finite number'),
});

export const readingsBodySchema = z.strictObject({
  readings: z
    .array(z.unknown())
    .min(1, 'must hold at least one reading')
    .max(MAX_READINGS_PER_BATCH, `must hold at most ${MAX_READINGS_PER_BATCH} readings`),
});

export interface RowProblem {
  /** 0-based index in the batch (the CSV import adds its own line numbers). */
  row: number;
  path: string;
  message: string;
}

/**
 * What a value can be, by the KPI's unit (matched without case or surrounding spaces). A unit not listed
 * takes any finite number (NaN and ±Infinity are never a reading). Add a unit here to bound it.
 */
export const UNIT_RANGES: ReadonlyArray<{
  units: readonly string[];
  min?: number;
  max?: number;
  what: string;
}> = [
  { units: ['%', 'percent', 'pct', 'percentage'], min: 0, max: 100, what: 'a percentage' },
  {
    units: [
      'days',
      'day',
      'd',
      'hours',
      'hour',
      'h',
      'minutes',
      'minute',
      'min',
      'seconds',
      'second',
      's',
      'weeks',
      'week',
      'months',
      'month',
      'years',
      'year',
    ],
    min: 0,
    what: 'a duration',
  },
  {
    units: ['people', 'persons', 'hires', 'employees', 'headcount', 'count', 'requests', 'tickets', '#'],
    min: 0,
    what: 'a count',
  },
];

/** Why `value` cannot be a reading of a KPI measured in `unit`, or undefined when it can. */
export function valueProblem(unit: string | null | undefined, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  const u = (unit ?? '').trim().toLowerCase();
  const range = UNIT_RANGES.find((r) => r.units.includes(u));
  if (!range) return undefined;
  const low = range.min ?? Number.NEGATIVE_INFINITY;
  const high = range.max ?? Number.POSITIVE_INFINITY;
  if (value >= low && value <= high) return undefined;
  const allowed = range.max === undefined ? `${range.min} or more` : `between ${range.min} and ${range.max}`;
  return `${value} is not ${range.what} in ${unit?.trim()}: must be ${allowed}`;
}

export interface ValidateOptions {
  /** Where problems point, `readings` by default (`readings[3].period`). */
  pathPrefix?: string;
  /** Now, for the latest period a reading may be for; the real clock by default. */
  now?: Date;
  /** The workspace's (or the person's) time zone; UTC by default and always allowed. */
  timeZone?: string;
}

export interface ValidReading {
  kpi: Kpi;
  period: string;
  value: number;
}

type ParsedRow = { row: number; kpi: string; period: string; value: number };

/** What a shape problem says: a missing field, unknown fields, or the schema's message. */
function issueMessage(raw: unknown, issue: z.core.$ZodIssue): string {
  const given =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[String(issue.path[0])] : raw;
  return issue.code === 'invalid_type' && given === undefined
    ? 'is required'
    : issue.code === 'unrecognized_keys'
      ? `has unknown field(s): ${issue.keys.join(', ')}`
      : issue.message;
}

/** Checks each row's shape; well-formed rows come back parsed, the others as problems. */
function parseRows(rows: unknown[], pathPrefix: string): { parsedRows: ParsedRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const parsedRows: ParsedRow[] = [];
  rows.forEach((raw, row) => {
    const parsed = readingInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
        problems.push({ row, path: `${pathPrefix}[${row}]${field}`, message: issueMessage(raw, issue) });
      }
      return;
    }
    parsedRows.push({ row, ...parsed.data });
  });
  return { parsedRows, problems };
}

/** The workspace's KPIs with these keys, by key. */
async function kpisByKey(db: Kysely<Database>, teamId: string, keys: string[]): Promise<Map<string, Kpi>> {
  const kpis = new Map<string, Kpi>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await db
      .selectFrom('kpis')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const k of found) kpis.set(k.key, k);
  }
  return kpis;
}

/** The period of each KPI's first stored reading, by KPI id. */
async function firstReadings(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const firstReading = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('kpi_readings')
      .select(['kpi_id', (eb) => eb.fn.min('period').as('first')])
      .where('kpi_id', 'in', ids.slice(i, i + 500))
      .groupBy('kpi_id')
      .execute();
    for (const f of found) if (f.first) firstReading.set(f.kpi_id, String(f.first));
  }
  return firstReading;
}

/** Checks one well-formed row against its KPI: that it exists, the period, then the value. */
function checkRow(
  r: ParsedRow,
  kpis: Map<string, Kpi>,
  firstReading: Map<string, string>,
  ctx: { pathPrefix: string; now: Date; timeZone: string | undefined },
): { reading: ValidReading } | { problem: RowProblem } {
  const { pathPrefix } = ctx;
  const kpi = kpis.get(r.kpi);
  if (!kpi) {
    return {
      problem: {
        row: r.row,
        path: `${pathPrefix}[${r.row}].kpi`,
        message: `no KPI with key ${r.kpi} in this workspace`,
      },
    };
  }
  const period = parseReadingPeriod(r.period, kpi.cadence, {
    now: ctx.now,
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
    earliestReading: firstReading.get(kpi.id),
  });
  if (!period.ok) {
    return { problem: { row: r.row, path: `${pathPrefix}[${r.row}].period`, message: period.error } };
  }
  const bad = valueProblem(kpi.unit, r.value);
  if (bad) return { problem: { row: r.row, path: `${pathPrefix}[${r.row}].value`, message: bad } };
  return { reading: { kpi, period: period.period, value: r.value } };
}

/**
 * Checks every row of a batch: its shape, that the KPI exists in this workspace, that the period fits
 * the KPI's cadence and is one a reading may be for (see `parseReadingPeriod`: from 2000, at most ten
 * years before the KPI's first reading, up to the current period), and that the value fits the KPI's unit
 * ({@link UNIT_RANGES}). All problems come back together; the batch is valid only when there are none.
 */
export async function validateReadings(
  db: Kysely<Database>,
  teamId: string,
  rows: unknown[],
  options: string | ValidateOptions = {},
): Promise<{ ok: true; readings: ValidReading[] } | { ok: false; problems: RowProblem[] }> {
  const opts: ValidateOptions = typeof options === 'string' ? { pathPrefix: options } : options;
  const pathPrefix = opts.pathPrefix ?? 'readings';
  const now = opts.now ?? new Date();
  if (!Array.isArray(rows)) {
    return { ok: false, problems: [{ row: 0, path: pathPrefix, message: 'must be a list of readings' }] };
  }
  const { parsedRows, problems } = parseRows(rows, pathPrefix);
  const kpis = await kpisByKey(db, teamId, [...new Set(parsedRows.map((r) => r.kpi))]);
  const firstReading = await firstReadings(
    db,
    [...kpis.values()].map((k) => k.id),
  );
  const readings: ValidReading[] = [];
  for (const r of parsedRows) {
    const checked = checkRow(r, kpis, firstReading, { pathPrefix, now, timeZone: opts.timeZone });
    if ('problem' in checked) problems.push(checked.problem);
    else readings.push(checked.reading);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, readings };
}

/**
 * Stores a valid batch in one transaction: one reading per KPI and period, a later one replacing an
 * earlier one. Returns how many readings changed and which KPIs have new data to evaluate.
 */
export async function storeReadings(
  db: Kysely<Database>,
  teamId: string,
  readings: ValidReading[],
  source: string,
  now: Date,
): Promise<{ stored: number; unchanged: number; changedKpiIds: string[] }> {
  return db.transaction().execute((trx) => storeReadingsIn(trx, teamId, readings, source, now));
}

/**
 * `storeReadings` inside the caller's transaction (so evaluation can join it). Reads the current values in
 * bulk and writes only the readings that are new or different, many rows per statement.
 */
export async function storeReadingsIn(
  trx: Transaction<Database>,
  teamId: string,
  readings: ValidReading[],
  source: string,
  now: Date,
): Promise<{ stored: number; unchanged: number; changedKpiIds: string[] }> {
  // Within one batch the last reading for a KPI and period wins, as if sent one after the other.
  const last = new Map<string, ValidReading>();
  for (const r of readings) last.set(`${r.kpi.id}\u0000${r.period}`, r);
  const kpiIds = [...new Set([...last.values()].map((r) => r.kpi.id))];
  const existing = new Map<string, number>();
  for (let i = 0; i < kpiIds.length; i += 500) {
    const rows = await trx
      .selectFrom('kpi_readings')
      .select(['kpi_id', 'period', 'value'])
      .where('kpi_id', 'in', kpiIds.slice(i, i + 500))
      .execute();
    for (const r of rows) existing.set(`${r.kpi_id}\u0000${r.period}`, Number(r.value));
  }
  const changed = [...last.entries()].filter(([key, r]) => existing.get(key) !== r.value).map(([, r]) => r);
  const at = now.toISOString();
  for (let i = 0; i < changed.length; i += 500) {
    await trx
      .insertInto('kpi_readings')
      .values(
        changed.slice(i, i + 500).map((r) => ({
          team_id: teamId,
          kpi_id: r.kpi.id,
          period: r.period,
          value: r.value,
          source,
          recorded_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['kpi_id', 'period']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source: eb.ref('excluded.source'),
          recorded_at: eb.ref('excluded.recorded_at'),
        })),
      )
      .execute();
  }
  return {
    stored: changed.length,
    unchanged: last.size - changed.length,
    changedKpiIds: [...new Set(changed.map((r) => r.kpi.id))],
  };
}
