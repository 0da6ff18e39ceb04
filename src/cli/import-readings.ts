import { hostname } from 'node:os';
import { basename } from 'node:path';
import { outboxFor } from '../app/start-okrbot.js';
import {
  type AlertChange,
  MAX_READINGS_PER_BATCH,
  recordReadings,
  sendAlertsNow,
  validateReadings,
} from '../kpis/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import { createLogger } from '../platform/logger.js';
import { jobSlackApi } from '../platform/slack/slack-api.js';
import { openForWorkspace } from './token-command.js';

const COLUMNS = ['kpi', 'period', 'value'] as const;

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into records (RFC 4180: commas, double-quoted fields with "" for a quote, CRLF or LF),
 * remembering the line each record starts on. Blank lines are skipped. An unterminated quote is an error.
 */
export function parseCsv(
  text: string,
): { ok: true; records: CsvRecord[] } | { ok: false; line: number; error: string } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]?.trim() === '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      if (c.trim() !== '') fieldStarted = true;
    }
  }
  if (quoted) return { ok: false, line: recordLine, error: 'a quoted field is not closed' };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

export interface CsvReadings {
  rows: Array<{ line: number; kpi: string; period: string; value: number }>;
  problems: string[];
}

/** `kpi,period,value` records (the header is optional; with one, the columns may come in any order). */
export function csvReadings(file: string, text: string): CsvReadings {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { rows: [], problems: [`${file}:${parsed.line}: ${parsed.error}`] };
  let records = parsed.records;
  let order: number[] = [0, 1, 2];
  const first = records[0];
  const names = first?.fields.map((f) => f.trim().toLowerCase());
  if (names && COLUMNS.every((c) => names.includes(c))) {
    order = COLUMNS.map((c) => names.indexOf(c));
    records = records.slice(1);
  }
  const rows: CsvReadings['rows'] = [];
  const problems: string[] = [];
  for (const r of records) {
    if (r.fields.length !== 3) {
      problems.push(`${file}:${r.line}: expected 3 fields (kpi,period,value), got ${r.fields.length}`);
      continue;
    }
    const [kpi, period, raw] = order.map((i) => (r.fields[i] as string).trim()) as [string, string, string];
    const value = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) {
      problems.push(`${file}:${r.line}: value: must be a number, got ${JSON.stringify(raw.slice(0, 40))}`);
      continue;
    }
    rows.push({ line: r.line, kpi, period, value });
  }
  if (rows.length + problems.length === 0)
    problems.push(`${file}: no readings (expected lines of kpi,period,value)`);
  if (rows.length > MAX_READINGS_PER_BATCH * 10)
    problems.push(`${file}: ${rows.length} readings; at most ${MAX_READINGS_PER_BATCH * 10} per file`);
  return { rows, problems };
}

function describe(changes: AlertChange[]): string[] {
  return changes
    .filter((c) => c.event !== undefined && c.event !== 'pending')
    .map((c) => {
      const what = c.folded_into_key_result
        ? `folded into key result ${c.folded_into_key_result}`
        : c.notified
          ? 'owner told'
          : c.to;
      return `  ${c.kpi}: ${c.event} ${c.rule} (${c.severity}), ${what}`;
    });
}

/**
 * `okrbot import readings.csv [--team T…]`: every line is checked first (KPI exists, period fits its
 * cadence, value is a number) and nothing is stored unless all are good; then the readings are stored and
 * evaluated like a batch from the API, and the alerts are sent (when a Slack token is configured) or left
 * queued for the running server.
 */
export async function runReadingsImport(
  file: string,
  text: string,
  team: string | undefined,
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const name = basename(file);
  const csv = csvReadings(name, text);
  const { config, database, teamId } = await openForWorkspace(env, io, team);
  try {
    const valid = await validateReadings(
      database.db,
      teamId,
      csv.rows.map(({ kpi, period, value }) => ({ kpi, period, value })),
    );
    const problems = [...csv.problems];
    if (!valid.ok) {
      for (const p of valid.problems) {
        const row = csv.rows[p.row];
        const field = p.path.replace(/^readings\[\d+\]\.?/, '') || 'row';
        problems.push(`${name}:${row?.line ?? '?'}: ${field}: ${p.message}`);
      }
    }
    if (problems.length > 0) {
      const lineOf = (s: string) => Number(/:(\d+):/.exec(s)?.[1] ?? 0);
      writeLine(
        io.stderr,
        `okrbot import: ${file} was not imported; nothing was stored. ${problems.length} problem(s):`,
      );
      for (const p of problems.sort((a, b) => lineOf(a) - lineOf(b))) writeLine(io.stderr, `  ${p}`);
      return 1;
    }
    if (!valid.ok) return 1;
    const now = new Date();
    const result = await recordReadings(database.db, teamId, valid.readings, `csv:${name}`, now);
    writeLine(
      io.stdout,
      `Imported ${file} into workspace ${teamId}: ${result.stored} reading(s) stored, ${result.unchanged} unchanged.`,
    );
    const lines = describe(result.alerts);
    if (lines.length > 0) {
      writeLine(io.stdout, 'Alerts:');
      for (const l of lines) writeLine(io.stdout, l);
    }
    if (result.queued > 0) {
      if (config.slackBotToken) {
        const slack = jobSlackApi(config.slackBotToken, config.slackApiUrl);
        const now = () => new Date();
        const worker = `${hostname()}:${process.pid}:import`;
        const outbox = outboxFor({ db: database.db, slack, worker, now, log: createLogger(config.logLevel) });
        const sent = await sendAlertsNow(outbox, database.db, teamId, now);
        writeLine(
          io.stdout,
          `Messages: ${sent.sent} sent${sent.failed ? `, ${sent.failed} failed (kept for the next tick)` : ''}${sent.skipped ? `, ${sent.skipped} skipped` : ''}.`,
        );
      } else {
        writeLine(
          io.stdout,
          `${result.queued} alert message(s) queued; the running okrbot sends them on its next tick.`,
        );
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}
