// How `okrbot export` writes what it read: CSV (one file per table, in a folder or a zip) or one JSON document.
// UTF-8, a header row of the documented column names (columns.ts), RFC 4180 quoting, ISO dates and times,
// numbers as plain numbers.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { columnNames, EXPORT_TABLES, type ExportTable } from './columns.js';
import type { ExportData } from './read-export.js';

type Value = string | number | null | undefined;

/** A number as digits: no thousands separators, `.` for decimals, no `-0`; non-finite numbers are empty. */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

/** One CSV field, RFC 4180: quoted when it holds a comma, a double quote, CR or LF; quotes doubled inside. */
export function csvField(value: Value): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document: the header row, then one record per row, each line ending in CRLF (RFC 4180). */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, Value>>): string {
  const line = (fields: Value[]) => `${fields.map(csvField).join(',')}\r\n`;
  return line([...columns]) + rows.map((row) => line(columns.map((c) => row[c]))).join('');
}

/** What an export holds, in words: `2 objectives, 4 key results, 4 check-ins, 5 KPI readings, 2 alerts`. */
export function exportCounts(data: ExportData): string {
  const t = data.tables;
  return `${t.objectives.length} objectives, ${t.key_results.length} key results, ${t.checkins.length} check-ins, ${t.kpi_readings.length} KPI readings, ${t.alerts.length} alerts`;
}

/** The CSV file name of a table. */
export const csvFileName = (table: ExportTable): string => `${table}.csv`;

/** Every table as a CSV document, by file name (`objectives.csv`, …), in the documented order. */
export function csvFiles(data: ExportData): Array<{ name: string; text: string; rows: number }> {
  return EXPORT_TABLES.map((table) => ({
    name: csvFileName(table),
    text: toCsv(columnNames(table), data.tables[table] as ReadonlyArray<Record<string, Value>>),
    rows: data.tables[table].length,
  }));
}

/** Writes the CSV files into `dir` (made if missing; files of the same names are replaced). */
export function writeCsvFolder(dir: string, data: ExportData): string[] {
  mkdirSync(dir, { recursive: true });
  return csvFiles(data).map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.text, 'utf8');
    return path;
  });
}

/** The CSV files in one zip archive (deflated), named as in the folder, at the archive's top level. */
export function csvZip(data: ExportData): Uint8Array {
  const mtime = new Date(data.exported_at);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const f of csvFiles(data)) entries[f.name] = [strToU8(f.text), { mtime }];
  return zipSync(entries, { level: 6 });
}

/**
 * The JSON document: `{"quarter", "workspace": {"team_id", "name"}, "exported_at", "objectives": [...],
 * "key_results": [...], "checkins": [...], "kpi_readings": [...], "alerts": [...]}`, each row an object with
 * the table's columns as keys (null where there is no value). Two-space indented, ending in a newline.
 */
export function toJsonDocument(data: ExportData): string {
  const doc: Record<string, unknown> = {
    quarter: data.quarter,
    workspace: data.workspace,
    exported_at: data.exported_at,
  };
  for (const table of EXPORT_TABLES) doc[table] = data.tables[table];
  return `${JSON.stringify(doc, null, 2)}\n`;
}
