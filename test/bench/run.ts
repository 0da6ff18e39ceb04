// Runs every benchmark module beside this file (`*.bench.js` once compiled) in name order, or those whose
// names contain one of the arguments. Each module default-exports an async function that prints its own
// figures; one that returns rows (see report.ts) has them printed again in one table at the end.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchRow, printTable, servePeakRow } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const rows: BenchRow[] = [];
for (const file of files) {
  const name = file.replace(/\.bench\.js$/, '');
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<unknown>;
  };
  console.log(`\n=== ${name}`);
  const result = await mod.default();
  if (Array.isArray(result)) rows.push(...(result as BenchRow[]));
}
const servePeak = servePeakRow();
if (servePeak) rows.push(servePeak);
if (rows.length > 0) {
  console.log('\n=== summary');
  printTable(rows);
}
