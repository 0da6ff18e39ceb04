import type { ImportSummary } from './apply-import.js';

/** One line per kind of row: `people: 5 created, 0 updated, 0 unchanged`. */
export function formatSummary(summary: ImportSummary): string {
  return Object.entries(summary)
    .map(
      ([what, t]) =>
        `  ${what.replace('_', ' ')}: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`,
    )
    .join('\n');
}
