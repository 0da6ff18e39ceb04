import { type Finding, type LintContext, lintKeyResult, lintObjective } from '../../drafting/index.js';
import { extractMeasures, parseQuarter } from '../../okrs/index.js';
import type { ImportFile, Path } from '../../people/index.js';

// The import file's wording, linted the way /okr draft lints it: activities, KPI standards, objectives that
// read as tasks, and numbers in the text that disagree with `baseline` / `target`. Warnings only: they are
// printed and never stop an import.

export interface ImportWarning {
  /** Where in the file: `['objectives', 0, 'key_results', 1, 'text']`. */
  path: Path;
  message: string;
}

/** Every warning for the file's objectives and key results, in file order. `today` is YYYY-MM-DD. */
export function lintImport(file: ImportFile, today: string): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  file.objectives.forEach((o, i) => {
    const quarter = parseQuarter(o.quarter);
    if (!quarter) return;
    const ctx: LintContext = {
      quarter,
      okrType: o.type,
      today,
      objectivesInQuarter: file.objectives.filter((x) => x.team === o.team && x.quarter === o.quarter).length,
    };
    const objective = lintObjective(o.text, ctx);
    for (const message of findingMessages(objective.findings))
      warnings.push({ path: ['objectives', i, 'text'], message });
    if (objective.verdict === 'objective_bad' && !hasWarning(objective.findings))
      warnings.push({
        path: ['objectives', i, 'text'],
        message: 'reads as a task or a number, not a direction',
      });
    o.key_results.forEach((kr, j) => {
      const at: Path = ['objectives', i, 'key_results', j];
      const lint = lintKeyResult(kr.text, ctx);
      const messages = findingMessages(lint.findings);
      if (messages.length === 0 && lint.verdict === 'activity')
        messages.push('reads as an activity (work done), not an outcome; say what changes and by how much');
      if (messages.length === 0 && lint.verdict === 'kpi_standard')
        messages.push('reads as a KPI standard (a level to hold); consider listing it under kpis instead');
      for (const message of messages) warnings.push({ path: [...at, 'text'], message });
      warnings.push(...numberWarnings(kr, at));
    });
  });
  return warnings;
}

function hasWarning(findings: Finding[]): boolean {
  return findings.some((f) => f.severity !== 'info');
}

/** Errors and warnings (not hints), each with its suggestion when there is one. */
function findingMessages(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.severity !== 'info')
    .map((f) => (f.suggestion ? `${f.message} (${f.suggestion})` : f.message));
}

/** The text's own numbers ("from 52 to 30") against the file's `baseline` and `target`. */
function numberWarnings(
  kr: { text: string; baseline?: number | undefined; target?: number | undefined },
  at: Path,
): ImportWarning[] {
  const said = extractMeasures(kr.text);
  const out: ImportWarning[] = [];
  if (said.baseline !== null && kr.baseline !== undefined && said.baseline !== kr.baseline)
    out.push({
      path: [...at, 'baseline'],
      message: `is ${kr.baseline}, but the text says the starting value is ${said.baseline}`,
    });
  if (said.target !== null && kr.target !== undefined && said.target !== kr.target)
    out.push({
      path: [...at, 'target'],
      message: `is ${kr.target}, but the text says the target is ${said.target}`,
    });
  return out;
}
