import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnNames, columnsMarkdown, EXPORT_COLUMNS, EXPORT_TABLES } from '../../src/app/export/columns.js';

const START = '<!-- export-columns:start -->';
const END = '<!-- export-columns:end -->';

describe('export columns', () => {
  it('are snake_case and unique within each table', () => {
    for (const table of EXPORT_TABLES) {
      const names = columnNames(table);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    }
    expect(Object.keys(EXPORT_COLUMNS)).toEqual([...EXPORT_TABLES]);
  });

  it('describe every column in the README table that columnsMarkdown() makes', () => {
    const md = columnsMarkdown();
    for (const table of EXPORT_TABLES) {
      expect(md).toContain(`**${table}** (\`${table}.csv\`)`);
      for (const name of columnNames(table)) expect(md).toContain(`| \`${name}\` |`);
    }
    // Once the README carries the generated section between the markers, it must match this file.
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf(START);
    if (start >= 0) {
      const end = readme.indexOf(END, start);
      expect(end, `README has ${START} without ${END}`).toBeGreaterThan(start);
      expect(readme.slice(start + START.length, end).trim()).toBe(md);
    }
  });
});
