import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Kpi, upsertReading } from '../db/repos/kpis.js';
import type { Database } from '../db/schema.js';
import { parsePeriod } from '../domain/kpi/period.js';

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

export interface ValidReading {
  kpi: Kpi;
  period: string;
  value: number;
}

/**
 * Checks every row of a batch: its shape, that the KPI exists in this workspace, and that the period fits
 * the KPI's cadence. All problems come back together; the batch is valid only when there are none.
 */
export async function validateReadings(
  db: Kysely<Database>,
  teamId: string,
  rows: unknown[],
  pathPrefix = 'readings',
): Promise<{ ok: true; readings: ValidReading[] } | { ok: false; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const parsedRows: Array<{ row: number; kpi: string; period: string; value: number }> = [];
  rows.forEach((raw, row) => {
    const parsed = readingInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
        const message =
          issue.code === 'invalid_type' && issue.input === undefined
            ? 'is required'
            : issue.code === 'unrecognized_keys'
              ? `has unknown field(s): ${issue.keys.join(', ')}`
              : issue.message;
        problems.push({ row, path: `${pathPrefix}[${row}]${field}`, message });
      }
      return;
    }
    parsedRows.push({ row, ...parsed.data });
  });
  const keys = [...new Set(parsedRows.map((r) => r.kpi))];
  const kpis = new Map<string, Kpi>();
  for (let i = 0; i < keys.length; i += 500) {
    const found = await db.selectFrom('kpis').selectAll().where('team_id', '=', teamId).where('key', 'in', keys.slice(i, i + 500)).execute();
    for (const k of found) kpis.set(k.key, k);
  }
  const readings: ValidReading[] = [];
  for (const r of parsedRows) {
    const kpi = kpis.get(r.kpi);
    if (!kpi) {
      problems.push({ row: r.row, path: `${pathPrefix}[${r.row}].kpi`, message: `no KPI with key ${r.kpi} in this workspace` });
      continue;
    }
    const period = parsePeriod(r.period, kpi.cadence);
    if (!period.ok) {
      problems.push({ row: r.row, path: `${pathPrefix}[${r.row}].period`, message: period.error });
      continue;
    }
    readings.push({ kpi, period: period.period, value: r.value });
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
  // Within one batch the last reading for a KPI and period wins, as if sent one after the other.
  const last = new Map<string, ValidReading>();
  for (const r of readings) last.set(`${r.kpi.id}\u0000${r.period}`, r);
  return db.transaction().execute(async (trx) => {
    let stored = 0;
    let unchanged = 0;
    const changed = new Set<string>();
    for (const r of last.values()) {
      const result = await upsertReading(trx, { teamId, kpiId: r.kpi.id, period: r.period, value: r.value, source }, now);
      if (result.changed) {
        stored++;
        changed.add(r.kpi.id);
      } else unchanged++;
    }
    return { stored, unchanged, changedKpiIds: [...changed] };
  });
}
