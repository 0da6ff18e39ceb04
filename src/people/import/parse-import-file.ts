import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type ImportFile, importFileSchema } from './import-format.js';

export type Path = Array<string | number>;

export interface ImportProblem {
  /** `objectives[0].key_results[1].owner` */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

export type ParseResult = { ok: true; file: ImportFile } | { ok: false; problems: ImportProblem[] };

/** Known ids outside the file that references may point at (people and teams already in the workspace). */
export interface KnownIds {
  people: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  kpis: ReadonlySet<string>;
}

/**
 * Parses and checks an import file (YAML, or JSON, which is YAML too). Every problem is reported with
 * where it is; nothing is returned unless the whole file is valid.
 */
export function parseImportFile(text: string, known: KnownIds): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '(file)',
        line: e.linePos?.[0]?.line,
        message: e.message.split('\n')[0] ?? 'cannot be parsed',
      })),
    };
  }
  const lineOf = (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range))
        return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const raw: unknown = doc.toJS() ?? {};
  const parsed = importFileSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => fromZodIssue(issue, lineOf)) };
  }
  const problems = crossCheck(parsed.data, known).map((p) => ({
    path: formatPath(p.path),
    line: lineOf(p.path),
    message: p.message,
  }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: parsed.data };
}

function fromZodIssue(issue: z.core.$ZodIssue, lineOf: (p: Path) => number | undefined): ImportProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) message = 'is required';
  if (issue.code === 'unrecognized_keys') message = `has unknown field(s): ${issue.keys.join(', ')}`;
  return { path: formatPath(path), line: lineOf(path), message };
}

export function formatPath(path: Path): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** References and rules that span fields: owners exist, keys are unique, ranges and thresholds make sense. */
function crossCheck(file: ImportFile, known: KnownIds): Array<{ path: Path; message: string }> {
  const problems: Array<{ path: Path; message: string }> = [];
  const people = new Set([...known.people, ...file.people.map((p) => p.slack_id)]);
  const teams = new Set([...known.teams, ...file.teams.map((t) => t.key)]);
  const kpis = new Set([...known.kpis, ...file.kpis.map((k) => k.key)]);
  const needPerson = (path: Path, id: string | undefined) => {
    if (id !== undefined && !people.has(id))
      problems.push({ path, message: `${id} is not listed under people` });
  };
  const unique = (list: string[], at: (i: number) => Path, what: string) => {
    const seen = new Map<string, number>();
    list.forEach((value, i) => {
      const first = seen.get(value);
      if (first !== undefined)
        problems.push({
          path: at(i),
          message: `${what} ${value} is listed twice (also at item ${first + 1})`,
        });
      else seen.set(value, i);
    });
  };

  unique(
    file.people.map((p) => p.slack_id),
    (i) => ['people', i, 'slack_id'],
    'person',
  );
  unique(
    file.teams.map((t) => t.key),
    (i) => ['teams', i, 'key'],
    'team',
  );
  unique(
    file.objectives.map((o) => o.key),
    (i) => ['objectives', i, 'key'],
    'objective',
  );
  unique(
    file.kpis.map((k) => k.key),
    (i) => ['kpis', i, 'key'],
    'KPI',
  );

  file.people.forEach((p, i) => {
    needPerson(['people', i, 'manager'], p.manager);
    if (p.manager === p.slack_id)
      problems.push({ path: ['people', i, 'manager'], message: 'a person cannot be their own manager' });
  });
  file.teams.forEach((t, i) => {
    needPerson(['teams', i, 'lead'], t.lead);
  });
  file.objectives.forEach((o, i) => {
    needPerson(['objectives', i, 'owner'], o.owner);
    if (!teams.has(o.team))
      problems.push({ path: ['objectives', i, 'team'], message: `${o.team} is not listed under teams` });
    unique(
      o.key_results.map((kr) => kr.key),
      (j) => ['objectives', i, 'key_results', j, 'key'],
      'key result',
    );
    if (o.key_results.length > 5) {
      problems.push({
        path: ['objectives', i, 'key_results'],
        message: `has ${o.key_results.length} key results; at most 5 keep focus`,
      });
    }
    o.key_results.forEach((kr, j) => {
      needPerson(['objectives', i, 'key_results', j, 'owner'], kr.owner);
      if (kr.kpi !== undefined && !kpis.has(kr.kpi)) {
        problems.push({
          path: ['objectives', i, 'key_results', j, 'kpi'],
          message: `${kr.kpi} is not listed under kpis`,
        });
      }
      if (kr.baseline !== undefined && kr.target !== undefined && kr.baseline === kr.target) {
        problems.push({
          path: ['objectives', i, 'key_results', j, 'target'],
          message: 'equals the baseline: a key result measures a change',
        });
      }
    });
  });
  file.kpis.forEach((k, i) => {
    needPerson(['kpis', i, 'owner'], k.owner);
    if (k.team !== undefined && !teams.has(k.team))
      problems.push({ path: ['kpis', i, 'team'], message: `${k.team} is not listed under teams` });
    for (const message of kpiRangeProblems(k))
      problems.push({ path: ['kpis', i, message.field], message: message.text });
  });
  return problems;
}

/** A KPI's range is ordered, its alert threshold lies on the bad side, its aspirational target on the good side. */
export function kpiRangeProblems(k: {
  direction: 'lower_is_better' | 'higher_is_better';
  range: [number, number];
  alert_threshold: number;
  aspirational?: number | undefined;
}): Array<{ field: string; text: string }> {
  const [lo, hi] = k.range;
  const out: Array<{ field: string; text: string }> = [];
  if (lo > hi) out.push({ field: 'range', text: `must be [low, high]; ${lo} is above ${hi}` });
  if (k.direction === 'lower_is_better' && k.alert_threshold <= hi) {
    out.push({
      field: 'alert_threshold',
      text: `must be above the range's high end ${hi}, since lower is better`,
    });
  }
  if (k.direction === 'higher_is_better' && k.alert_threshold >= lo) {
    out.push({
      field: 'alert_threshold',
      text: `must be below the range's low end ${lo}, since higher is better`,
    });
  }
  if (k.aspirational !== undefined) {
    if (k.direction === 'lower_is_better' && k.aspirational > hi) {
      out.push({
        field: 'aspirational',
        text: `must not be above the range's high end ${hi}, since lower is better`,
      });
    }
    if (k.direction === 'higher_is_better' && k.aspirational < lo) {
      out.push({
        field: 'aspirational',
        text: `must not be below the range's low end ${lo}, since higher is better`,
      });
    }
  }
  return out;
}
