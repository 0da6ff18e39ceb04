import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { lintImport } from '../../src/app/import/lint-import.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { type ImportFile, parseImportFile } from '../../src/people/index.js';

const none = { people: new Set<string>(), teams: new Set<string>(), kpis: new Set<string>() };

function fileWith(
  edit: (doc: { objectives: Array<{ key_results: Array<Record<string, unknown>> }> }) => void,
): ImportFile {
  const doc = parse(sampleOrgText());
  edit(doc);
  const parsed = parseImportFile(stringify(doc), none);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.file;
}

describe('linting the import file', () => {
  it('has nothing to say about the sample', () => {
    expect(
      lintImport(
        fileWith(() => {}),
        '2026-10-01',
      ),
    ).toEqual([]);
  });

  it('warns about an activity, a KPI standard and numbers that disagree with baseline and target', () => {
    const file = fileWith((doc) => {
      const krs = doc.objectives[0]!.key_results;
      krs[0]!.text = 'Run 12 sourcing workshops with hiring managers';
      delete krs[0]!.baseline;
      delete krs[0]!.target;
      krs[1]!.text = 'Keep offer acceptance above 85% every month';
      delete krs[1]!.baseline;
      delete krs[1]!.target;
      doc.objectives[1]!.key_results[0]!.baseline = 70;
    });
    const warnings = lintImport(file, '2026-10-01');
    const at = (path: string) => warnings.filter((w) => w.path.join('.') === path);
    expect(at('objectives.0.key_results.0.text').length).toBeGreaterThan(0);
    expect(at('objectives.0.key_results.1.text').length).toBeGreaterThan(0);
    expect(at('objectives.1.key_results.0.baseline')).toEqual([
      {
        path: ['objectives', 1, 'key_results', 0, 'baseline'],
        message: 'is 70, but the text says the starting value is 78',
      },
    ]);
  });
});
