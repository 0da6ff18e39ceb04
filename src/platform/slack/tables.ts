// Native Slack tables: the `data_table` block (docs.slack.dev/reference/block-kit/blocks/data-table-block).
// A pure builder from rows of values to a block Slack accepts; sorting, filtering and paging happen in Slack.

import type { DataTableBlock, RawNumberElement, RawTextElement } from '@slack/types';
import { truncate } from './charts.js';

/** Slack's limits for the block, and the per-cell cut the builder adds to stay within them. */
export const TABLE_LIMITS = {
  /** Data rows, besides the header. */
  rows: 100,
  columns: 20,
  pageSize: 100,
  /** Characters across all cells, header included. */
  characters: 10_000,
  /** Our cut per cell, so that a header and at least one full row always fit in `characters`. */
  cell: 200,
} as const;

/**
 * What an empty cell (null, '' or a non-finite number) shows. Slack's schema needs at least one character in a
 * `raw_text` cell, so an empty string would be refused.
 */
export const EMPTY_CELL_TEXT = '—';

export type TableValue = string | number | null | undefined;

export interface DataTableInput {
  caption: string;
  header: string[];
  rows: TableValue[][];
  /** Rows per page, 1–100 (Slack's default is 5). */
  pageSize?: number;
  /** The column that names each row, for screen readers (Slack's default is 0). */
  rowHeaderColumnIndex?: number;
  /** How a number is shown (the cell keeps the number itself for sorting); default `String(n)`. */
  formatNumber?: (n: number) => string;
  blockId?: string;
}

type Cell = RawTextElement | RawNumberElement;

const cellLength = (c: Cell): number => c.text.length;

/**
 * A data table Slack accepts, or `undefined` when there are no rows (Slack needs at least one).
 *
 * - Numbers become `raw_number` cells ({value, text}: Slack sorts such a column numerically), text becomes
 *   `raw_text`, and null, '' or a non-finite number an `raw_text` "—" (`EMPTY_CELL_TEXT`).
 * - At most 20 columns (the first 20 of the header; an empty header cell shows "—") and 100 rows (the
 *   first 100); short rows are padded with empty cells, long ones cut.
 * - Each cell is cut to 200 characters with an ellipsis, and trailing rows are left out while the table
 *   has more than 10,000 characters in all; compare `rows.length - 1` with your row count to tell.
 * - `pageSize` is rounded and clamped to 1–100; a `rowHeaderColumnIndex` outside the columns is left out.
 *
 * Throws a RangeError for an empty header (a programming error, not a data one).
 */
export function dataTable(input: DataTableInput): DataTableBlock | undefined {
  const columns = Math.min(input.header.length, TABLE_LIMITS.columns);
  if (columns === 0) throw new RangeError('dataTable needs at least one header column');
  if (input.rows.length === 0) return undefined;
  const format = input.formatNumber ?? ((n: number) => String(n));
  const text = (s: string): RawTextElement => ({
    type: 'raw_text',
    text: truncate(s.trim() === '' ? EMPTY_CELL_TEXT : s, TABLE_LIMITS.cell),
  });
  const cell = (v: TableValue): Cell => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return text('');
      const shown = format(v);
      return {
        type: 'raw_number',
        value: v,
        text: truncate(shown.trim() === '' ? String(v) : shown, TABLE_LIMITS.cell),
      };
    }
    return text(v ?? '');
  };
  const header = input.header.slice(0, columns).map((h) => text(h));
  let characters = header.reduce((n, c) => n + cellLength(c), 0);
  const rows: Cell[][] = [header];
  for (const values of input.rows.slice(0, TABLE_LIMITS.rows)) {
    const row = Array.from({ length: columns }, (_, i) => cell(values[i]));
    const length = row.reduce((n, c) => n + cellLength(c), 0);
    if (characters + length > TABLE_LIMITS.characters) break;
    characters += length;
    rows.push(row);
  }
  const block: DataTableBlock = {
    type: 'data_table',
    caption: input.caption.trim() || 'Table',
    rows,
  };
  if (input.pageSize !== undefined && Number.isFinite(input.pageSize)) {
    block.page_size = Math.min(TABLE_LIMITS.pageSize, Math.max(1, Math.round(input.pageSize)));
  }
  const rh = input.rowHeaderColumnIndex;
  if (rh !== undefined && Number.isInteger(rh) && rh >= 0 && rh < columns) block.row_header_column_index = rh;
  if (input.blockId) block.block_id = input.blockId;
  return block;
}
