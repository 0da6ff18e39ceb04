import { describe, expect, it } from 'vitest';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { type KnownIds, parseImportFile } from '../../src/people/index.js';

const none: KnownIds = { people: new Set(), teams: new Set(), kpis: new Set() };
const sample = sampleOrgText();

function problemsOf(text: string, known = none) {
  const result = parseImportFile(text, known);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('every problem in one pass', () => {
  it('reports a bad quarter, an unknown manager, a wrong kpi link and a threshold on the wrong side at once', () => {
    const bad = sample
      .replace('quarter: 2026Q4', 'quarter: 2026-Q4')
      .replace('manager: U02JOON', 'manager: U09NOBODY')
      .replace('kpi: time-to-hire }', 'kpi: time-to-hyre }')
      .replace('alert_threshold: 52', 'alert_threshold: 40');
    const problems = problemsOf(bad);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'people[0].manager: U09NOBODY is not listed under people',
        'objectives[0].quarter: must be a quarter like 2026Q4',
        'objectives[0].key_results[0].kpi: time-to-hyre is not listed under kpis',
        "kpis[0].alert_threshold: must be above the range's high end 45, since lower is better",
      ]),
    );
    expect(problems).toHaveLength(4);
    // In the order they appear in the file, each with its line.
    const lines = problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines.every((l) => l > 0)).toBe(true);
  });

  it('does not report a reference to an item whose own fields are wrong as a second problem', () => {
    const problems = problemsOf(sample.replace('tz: Asia/Kolkata', 'tz: Mars/Olympus'));
    expect(problems.map((p) => p.path)).toEqual(['people[4].tz']);
  });

  it('still checks the key results of an objective whose own fields are wrong', () => {
    const problems = problemsOf(
      sample
        .replace('type: committed', 'type: stretch')
        .replace('owner: U01MINA, baseline: 72', 'owner: U0GHOST, baseline: 72'),
    );
    expect(problems.map((p) => p.path)).toEqual(['objectives[0].type', 'objectives[0].key_results[1].owner']);
  });

  it('reports unknown top-level fields and a list that is not a list next to item problems', () => {
    const problems = problemsOf(`${sample.replace('teams:', 'team:')}\n`);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        '(file): has unknown field(s): team',
        'objectives[0].team: talent is not listed under teams',
      ]),
    );
  });
});

describe('empty files and syntax errors', () => {
  it('refuses an empty file, a file of comments and a file that lists nothing', () => {
    for (const text of ['', '\n\n', '# nothing yet\n'])
      expect(problemsOf(text)).toEqual([{ path: '(file)', message: 'is empty' }]);
    expect(problemsOf('people: []\n')).toEqual([
      { path: '(file)', message: 'lists no people, teams, objectives or KPIs' },
    ]);
  });

  it('names the line of a YAML syntax error', () => {
    const text = 'people:\n  - slack_id: U01MINA\n    name: Mina\n teams: x\n';
    const [first] = problemsOf(text);
    expect(first).toMatchObject({ path: '(file)', line: 4 });
    expect(first?.message).toMatch(/^[a-z]/);
  });
});

describe('duplicate keys', () => {
  it('points at the first one by the same 0-based path as the repeat', () => {
    const twice = sample.replace(
      '  - { slack_id: U05PRIYA',
      '  - { slack_id: U02JOON, name: Joon Again }\n  - { slack_id: U05PRIYA',
    );
    const problems = problemsOf(twice);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'people[4].slack_id',
        message: 'person U02JOON is listed twice (also at people[1].slack_id)',
      }),
    );
  });
});

describe('admins', () => {
  it('accepts admins listed under people and reports one who is not, with the other problems', () => {
    const ok = parseImportFile(`admins: [U04SAM]\n${sample}`, none);
    expect(ok.ok && ok.file.admins).toEqual(['U04SAM']);
    const problems = problemsOf(
      `admins: [U04SAM, U0NOBODY]\n${sample.replace('quarter: 2026Q4', 'quarter: Q4')}`,
    );
    expect(problems.map((p) => p.path)).toEqual(['admins[1]', 'objectives[0].quarter']);
  });
});

describe('the lines of a valid file', () => {
  it('tells where an item is, for warnings', () => {
    const result = parseImportFile(sample, none);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.lineOf(['objectives', 0, 'key_results', 0, 'text'])).toBe(26);
  });
});
