import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  type ImportFile,
  type ImportKeyResult,
  type ImportKpi,
  type ImportObjective,
  type ImportPerson,
  type ImportTeam,
  importFileSchema,
  keyResultSchema,
  kpiSchema,
  objectiveSchema,
  personSchema,
  teamSchema,
} from './import-format.js';

export type Path = Array<string | number>;

export interface ImportProblem {
  /** `objectives[0].key_results[1].owner` */
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  message: string;
}

export type ParseResult =
  | {
      ok: true;
      file: ImportFile;
      /** The 1-based line of a path in the file, when known (for warnings that point at an item). */
      lineOf: (path: Path) => number | undefined;
    }
  | { ok: false; problems: ImportProblem[] };

/** Known ids outside the file that references may point at (people and teams already in the workspace). */
export interface KnownIds {
  people: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  kpis: ReadonlySet<string>;
}

const LISTS = ['people', 'teams', 'objectives', 'kpis'] as const;

/** The file's top level: which fields exist and that the lists are lists; the items are checked one by one. */
const shellSchema = z.strictObject({
  admins: importFileSchema.shape.admins,
  people: z.array(z.unknown()).optional(),
  teams: z.array(z.unknown()).optional(),
  objectives: z.array(z.unknown()).optional(),
  kpis: z.array(z.unknown()).optional(),
});
const objectiveHeaderSchema = objectiveSchema.omit({ key_results: true });
const keyResultListSchema = z.array(z.unknown()).optional();

/** What parsed, item by item: an item that has problems is undefined, the rest can still be cross-checked. */
interface PartialFile {
  admins: string[];
  people: Array<ImportPerson | undefined>;
  teams: Array<ImportTeam | undefined>;
  objectives: Array<
    | {
        header: Omit<ImportObjective, 'key_results'> | undefined;
        key_results: Array<ImportKeyResult | undefined>;
      }
    | undefined
  >;
  kpis: Array<ImportKpi | undefined>;
  /** Ids the file lists, even under an item with other problems (so a reference to it is not a second problem). */
  listed: { people: Set<string>; teams: Set<string>; kpis: Set<string> };
}

/**
 * Parses and checks an import file (YAML, or JSON, which is YAML too). Every problem is reported with
 * where it is, all in one pass: each item is checked on its own, and the cross-checks (references, unique
 * keys, ranges) run on every item that parsed. Nothing is returned unless the whole file is valid.
 */
export function parseImportFile(text: string, known: KnownIds): ParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: '(file)',
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        message: sentenceCase(e.message.split('\n')[0] ?? 'cannot be parsed'),
      })),
    };
  }
  if (doc.contents === null || text.trim() === '')
    return { ok: false, problems: [{ path: '(file)', message: 'is empty' }] };
  const lineOf = (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range))
        return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const raw: unknown = doc.toJS();
  const { partial, issues } = parseItems(raw);
  const problems: ImportProblem[] = [
    ...issues.map((issue) => fromZodIssue(issue, lineOf)),
    ...crossCheck(partial, known).map((p) => ({
      path: formatPath(p.path),
      line: lineOf(p.path),
      message: p.message,
    })),
  ];
  if (problems.length === 0 && LISTS.every((list) => partial[list].length === 0))
    problems.push({ path: '(file)', message: 'lists no people, teams, objectives or KPIs' });
  if (problems.length > 0) return { ok: false, problems: inFileOrder(problems) };
  const parsed = importFileSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      problems: inFileOrder(parsed.error.issues.map((issue) => fromZodIssue(issue, lineOf))),
    };
  return { ok: true, file: parsed.data, lineOf };
}

type Issue = z.core.$ZodIssue;

/** Checks the top level, then every item on its own; an objective's key results apart from the objective. */
function parseItems(raw: unknown): { partial: PartialFile; issues: Issue[] } {
  const issues: Issue[] = [];
  const partial: PartialFile = {
    admins: [],
    people: [],
    teams: [],
    objectives: [],
    kpis: [],
    listed: { people: new Set(), teams: new Set(), kpis: new Set() },
  };
  const shell = shellSchema.safeParse(raw);
  if (!shell.success) issues.push(...shell.error.issues);
  const top = isRecord(raw) ? raw : {};
  const listAt = (name: string): unknown[] | undefined => {
    const value = top[name];
    return Array.isArray(value) ? value : undefined;
  };
  const admins = importFileSchema.shape.admins.safeParse(top.admins);
  partial.admins = admins.success ? (admins.data ?? []) : [];
  const each = <T>(
    name: string,
    schema: z.ZodType<T>,
    idField: string,
    ids?: Set<string>,
  ): Array<T | undefined> =>
    (listAt(name) ?? []).map((item, i) => {
      const id = isRecord(item) ? item[idField] : undefined;
      if (typeof id === 'string') ids?.add(id);
      return parseAt(schema, item, [name, i], issues);
    });
  partial.people = each('people', personSchema, 'slack_id', partial.listed.people);
  partial.teams = each('teams', teamSchema, 'key', partial.listed.teams);
  partial.kpis = each('kpis', kpiSchema, 'key', partial.listed.kpis);
  partial.objectives = (listAt('objectives') ?? []).map((item, i) => {
    if (!isRecord(item)) {
      parseAt(objectiveSchema, item, ['objectives', i], issues);
      return undefined;
    }
    const { key_results: krs, ...rest } = item;
    const header = parseAt(objectiveHeaderSchema, rest, ['objectives', i], issues);
    const list = parseAt(keyResultListSchema, krs, ['objectives', i, 'key_results'], issues) ?? [];
    const key_results = list.map((kr, j) =>
      parseAt(keyResultSchema, kr, ['objectives', i, 'key_results', j], issues),
    );
    return { header, key_results };
  });
  return { partial, issues };
}

/** Parses one item; its issues are added with their full path. */
function parseAt<T>(schema: z.ZodType<T>, value: unknown, at: Path, issues: Issue[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ ...issue, path: [...at, ...issue.path] } as Issue);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sentenceCase(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/** Problems by line (those without one last), keeping the order of each line's problems. */
function inFileOrder(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) => (a.p.line ?? Number.POSITIVE_INFINITY) - (b.p.line ?? Number.POSITIVE_INFINITY) || a.i - b.i,
    )
    .map(({ p }) => p);
}

function fromZodIssue(issue: Issue, lineOf: (p: Path) => number | undefined): ImportProblem {
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

type Problem = { path: Path; message: string };

/** What the cross-field checks share: the ids a reference may point at, and the problems found so far. */
interface CrossCheck {
  problems: Problem[];
  people: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  kpis: ReadonlySet<string>;
}

/** References and rules that span fields: owners exist, keys are unique, ranges and thresholds make sense. */
function crossCheck(file: PartialFile, known: KnownIds): Problem[] {
  const c: CrossCheck = {
    problems: [],
    people: new Set([...known.people, ...file.listed.people]),
    teams: new Set([...known.teams, ...file.listed.teams]),
    kpis: new Set([...known.kpis, ...file.listed.kpis]),
  };
  checkUniqueKeys(c, file);
  file.people.forEach((p, i) => {
    if (!p) return;
    needPerson(c, ['people', i, 'manager'], p.manager);
    if (p.manager === p.slack_id)
      c.problems.push({ path: ['people', i, 'manager'], message: 'a person cannot be their own manager' });
  });
  file.teams.forEach((t, i) => {
    if (t) needPerson(c, ['teams', i, 'lead'], t.lead);
  });
  file.admins.forEach((id, i) => {
    needPerson(c, ['admins', i], id);
  });
  file.objectives.forEach((o, i) => {
    if (o) checkObjective(c, o, i);
  });
  file.kpis.forEach((k, i) => {
    if (!k) return;
    needPerson(c, ['kpis', i, 'owner'], k.owner);
    if (k.team !== undefined && !c.teams.has(k.team))
      c.problems.push({ path: ['kpis', i, 'team'], message: `${k.team} is not listed under teams` });
    for (const message of kpiRangeProblems(k))
      c.problems.push({ path: ['kpis', i, message.field], message: message.text });
  });
  return c.problems;
}

function needPerson(c: CrossCheck, path: Path, id: string | undefined): void {
  if (id !== undefined && !c.people.has(id))
    c.problems.push({ path, message: `${id} is not listed under people` });
}

/**
 * Reports every repeat of a value in `list`, pointing back at its first place by the same path the repeat
 * is reported under (0-based, like `people[0]`). Items that did not parse are skipped.
 */
function unique(c: CrossCheck, list: Array<string | undefined>, at: (i: number) => Path, what: string): void {
  const seen = new Map<string, number>();
  list.forEach((value, i) => {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first !== undefined)
      c.problems.push({
        path: at(i),
        message: `${what} ${value} is listed twice (also at ${formatPath(at(first))})`,
      });
    else seen.set(value, i);
  });
}

/** People, teams, objectives and KPIs are each listed once. */
function checkUniqueKeys(c: CrossCheck, file: PartialFile): void {
  unique(
    c,
    file.people.map((p) => p?.slack_id),
    (i) => ['people', i, 'slack_id'],
    'person',
  );
  unique(
    c,
    file.teams.map((t) => t?.key),
    (i) => ['teams', i, 'key'],
    'team',
  );
  unique(
    c,
    file.objectives.map((o) => o?.header?.key),
    (i) => ['objectives', i, 'key'],
    'objective',
  );
  unique(
    c,
    file.kpis.map((k) => k?.key),
    (i) => ['kpis', i, 'key'],
    'KPI',
  );
}

/** An objective's owner and team exist; its key results are unique, at most five, and each makes sense. */
function checkObjective(c: CrossCheck, o: NonNullable<PartialFile['objectives'][number]>, i: number): void {
  if (o.header) {
    needPerson(c, ['objectives', i, 'owner'], o.header.owner);
    if (!c.teams.has(o.header.team))
      c.problems.push({
        path: ['objectives', i, 'team'],
        message: `${o.header.team} is not listed under teams`,
      });
  }
  unique(
    c,
    o.key_results.map((kr) => kr?.key),
    (j) => ['objectives', i, 'key_results', j, 'key'],
    'key result',
  );
  if (o.key_results.length > 5) {
    c.problems.push({
      path: ['objectives', i, 'key_results'],
      message: `has ${o.key_results.length} key results; at most 5 keep focus`,
    });
  }
  o.key_results.forEach((kr, j) => {
    if (!kr) return;
    needPerson(c, ['objectives', i, 'key_results', j, 'owner'], kr.owner);
    if (kr.kpi !== undefined && !c.kpis.has(kr.kpi)) {
      c.problems.push({
        path: ['objectives', i, 'key_results', j, 'kpi'],
        message: `${kr.kpi} is not listed under kpis`,
      });
    }
    if (kr.baseline !== undefined && kr.target !== undefined && kr.baseline === kr.target) {
      c.problems.push({
        path: ['objectives', i, 'key_results', j, 'target'],
        message: 'equals the baseline: a key result measures a change',
      });
    }
  });
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
