import type { ImportSummary } from './apply-import.js';

const SINGULAR: Record<keyof ImportSummary, string> = {
  people: 'person',
  teams: 'team',
  objectives: 'objective',
  key_results: 'key result',
  kpis: 'KPI',
};

/** How many retired keys the summary names before it says "and N more". */
const NAMED = 10;

/**
 * One line per kind of row: `people: 5 created, 0 updated, 0 unchanged, retired: 1 (U05X)` (teams are never
 * retired), then one line per key that looks renamed: a renamed key is a new row and the old one is retired.
 */
export function formatSummary(summary: ImportSummary): string {
  const lines = Object.entries(summary).map(([what, t]) => {
    const base = `  ${what.replace('_', ' ')}: ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged`;
    if (what === 'teams') return base;
    const keys = t.retiredKeys ?? [];
    const named =
      keys.length === 0
        ? ''
        : ` (${keys.slice(0, NAMED).join(', ')}${keys.length > NAMED ? `, and ${keys.length - NAMED} more` : ''})`;
    return `${base}, retired: ${t.retired ?? 0}${named}`;
  });
  for (const [what, t] of Object.entries(summary) as Array<
    [keyof ImportSummary, ImportSummary[keyof ImportSummary]]
  >) {
    for (const r of t.renamed ?? [])
      lines.push(
        `  renamed? ${SINGULAR[what]} ${r.from} → ${r.to}: a new key is a new ${SINGULAR[what]}; ${r.from} is retired with its history`,
      );
  }
  return lines.join('\n');
}
