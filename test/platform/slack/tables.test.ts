import type { DataTableBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../../src/localslack/block-kit-limits.js';
import { dataTable, EMPTY_CELL_TEXT, TABLE_LIMITS } from '../../../src/platform/slack/tables.js';

function accepted(block: DataTableBlock | undefined): DataTableBlock {
  expect(block).toBeDefined();
  const b = block as DataTableBlock;
  expect(validateBlocks([b], 'message')).toEqual([]);
  expect(validateView({ type: 'home', blocks: [b] })).toEqual([]);
  return b;
}

describe('dataTable', () => {
  it('makes numbers raw_number, text raw_text and empty values a dash', () => {
    const b = accepted(
      dataTable({
        caption: 'Key results',
        header: ['Key result', 'Current', 'Target', 'Note'],
        rows: [
          ['Time to hire', 44, 30, null],
          ['Offer acceptance', 80.5, 88, ''],
        ],
        pageSize: 10,
      }),
    );
    expect(b).toEqual({
      type: 'data_table',
      caption: 'Key results',
      page_size: 10,
      rows: [
        [
          { type: 'raw_text', text: 'Key result' },
          { type: 'raw_text', text: 'Current' },
          { type: 'raw_text', text: 'Target' },
          { type: 'raw_text', text: 'Note' },
        ],
        [
          { type: 'raw_text', text: 'Time to hire' },
          { type: 'raw_number', value: 44, text: '44' },
          { type: 'raw_number', value: 30, text: '30' },
          { type: 'raw_text', text: EMPTY_CELL_TEXT },
        ],
        [
          { type: 'raw_text', text: 'Offer acceptance' },
          { type: 'raw_number', value: 80.5, text: '80.5' },
          { type: 'raw_number', value: 88, text: '88' },
          { type: 'raw_text', text: EMPTY_CELL_TEXT },
        ],
      ],
    });
  });

  it('keeps at most 100 rows and 20 columns, padding short rows and cutting long ones', () => {
    const header = Array.from({ length: 25 }, (_, i) => `C${i}`);
    const rows = Array.from({ length: 150 }, (_, r) => Array.from({ length: r % 30 }, (_, c) => r * c));
    const b = accepted(dataTable({ caption: 'Wide', header, rows }));
    expect(b.rows).toHaveLength(101);
    expect(b.rows.every((row) => row.length === 20)).toBe(true);
    expect(b.rows[1]?.[0]).toEqual({ type: 'raw_text', text: EMPTY_CELL_TEXT });
  });

  it('stays within 10,000 characters, cutting long cells and leaving out trailing rows', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`${i} ${'x'.repeat(400)}`, 'y'.repeat(150)]);
    const b = accepted(dataTable({ caption: 'Long', header: ['Text', 'More'], rows }));
    const first = b.rows[1]?.[0] as { text: string };
    expect(first.text).toHaveLength(TABLE_LIMITS.cell);
    expect(first.text.endsWith('…')).toBe(true);
    expect(b.rows.length - 1).toBe(28);
  });

  it('clamps page_size, drops a row header index outside the columns, and returns nothing without rows', () => {
    expect(accepted(dataTable({ caption: 'c', header: ['a'], rows: [[1]], pageSize: 500 })).page_size).toBe(
      100,
    );
    expect(accepted(dataTable({ caption: 'c', header: ['a'], rows: [[1]], pageSize: 0 })).page_size).toBe(1);
    const b = accepted(
      dataTable({ caption: ' ', header: ['a', ''], rows: [[1, 2]], rowHeaderColumnIndex: 5 }),
    );
    expect(b.row_header_column_index).toBeUndefined();
    expect(b.caption).toBe('Table');
    expect(b.rows[0]?.[1]).toEqual({ type: 'raw_text', text: EMPTY_CELL_TEXT });
    expect(
      dataTable({ caption: 'c', header: ['a', 'b'], rows: [[1, 2]], rowHeaderColumnIndex: 1 })
        ?.row_header_column_index,
    ).toBe(1);
    expect(dataTable({ caption: 'c', header: ['a'], rows: [] })).toBeUndefined();
    expect(() => dataTable({ caption: 'c', header: [], rows: [[1]] })).toThrow(RangeError);
  });

  it('shows numbers as asked but keeps the number, and treats non-finite numbers as empty', () => {
    const b = accepted(
      dataTable({
        caption: 'Readings',
        header: ['KPI', 'Value'],
        rows: [
          ['Time to hire', 1234.5],
          ['Broken', Number.POSITIVE_INFINITY],
        ],
        formatNumber: (n) => `${n.toFixed(1)} days`,
      }),
    );
    expect(b.rows[1]?.[1]).toEqual({ type: 'raw_number', value: 1234.5, text: '1234.5 days' });
    expect(b.rows[2]?.[1]).toEqual({ type: 'raw_text', text: EMPTY_CELL_TEXT });
  });
});
