// The report of a closed quarter for one team, built from plain data. Pure. Scores are per objective and
// key result; the report names no person, ranks no one and compares no teams.
import type { ObjectiveType } from '../progress/score-objective.js';
import { gradeObjective, type ObjectiveGrade, type Verdict } from './grade-objective.js';
import { type BlockerAnswer, recurringBlockers } from './recurring-blockers.js';
import {
  formatScore,
  type KeyResultDirection,
  type Movement,
  movementOf,
  type ScoreSource,
} from './score-key-result.js';

export interface ReportTeam {
  key: string;
  name: string;
  channelId: string | null;
  leadSlackId: string | null;
  report: 'channel' | 'lead';
}

export interface ReportKeyResultInput {
  id: string;
  text: string;
  unit: string | null;
  baseline: number | null;
  target: number | null;
  final: number | null;
  direction: KeyResultDirection | null;
  score: number | null;
  achievement: number | null;
  source: ScoreSource;
  /** The team of the key result's owner (for cross-team objectives), when known. */
  contributingTeam: { key: string; name: string } | null;
  kpi: { key: string; name: string } | null;
}

export interface ReportObjectiveInput {
  id: string;
  text: string;
  type: ObjectiveType;
  ownerSlackId: string;
  keyResults: ReportKeyResultInput[];
}

export interface QuarterReportInput {
  quarter: string;
  nextQuarter: string;
  team: ReportTeam | null;
  objectives: ReportObjectiveInput[];
  blockerAnswers: BlockerAnswer[];
  candidates: Array<{ kpiKey: string; kpiName: string; openedOn: string }>;
}

export interface KeyResultReport extends ReportKeyResultInput {
  scoreText: string;
  movement: Movement;
}

export interface ObjectiveReport {
  id: string;
  text: string;
  type: ObjectiveType;
  score: number | null;
  scoreText: string;
  verdict: Verdict;
  verdictText: string;
  needsReflection: boolean;
  unfinished: boolean;
  keyResults: KeyResultReport[];
  /** Cross-team only: each contributing team's key results (by id), in first-seen order; never a team score. */
  contributions: Array<{ teamKey: string | null; teamName: string; keyResultIds: string[] }> | null;
}

export interface QuarterReport {
  quarter: string;
  nextQuarter: string;
  team: ReportTeam | null;
  objectives: ObjectiveReport[];
  moved: Array<{ objectiveId: string; keyResultId: string; text: string; line: string }>;
  notMoved: Array<{ objectiveId: string; keyResultId: string; text: string; line: string }>;
  recurringBlockers: Array<{ keyResultId: string; text: string; rounds: number; blockers: string[] }>;
  watches: Array<{ keyResultId: string; kpiKey: string; line: string }>;
  candidates: Array<{ kpiKey: string; kpiName: string; openedOn: string; line: string }>;
  carryOvers: Array<{ objectiveId: string; text: string; nextQuarter: string; label: string }>;
  /** Committed objectives below 1.0: their owners get the "What got in the way?" DM (not shown in the report). */
  shortfalls: Array<{ objectiveId: string; ownerSlackId: string; text: string; score: number | null }>;
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
function measure(v: number | null, unit: string | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const n = NUMBER_FORMAT.format(v);
  if (!unit?.trim()) return n;
  return unit.trim() === '%' ? `${n}%` : `${n} ${unit.trim()}`;
}

/** `52 → 41 days (target 30)`. */
export function keyResultLine(kr: {
  baseline: number | null;
  final: number | null;
  target: number | null;
  unit: string | null;
}): string {
  return `${measure(kr.baseline, kr.unit)} → ${measure(kr.final, kr.unit)} (target ${measure(kr.target, kr.unit)})`;
}

export function carryOverLabel(nextQuarter: string): string {
  return `Carry over to ${nextQuarter}`;
}

/** The watch line of a key result on a KPI, as the KPI's post-OKR check will treat it. */
export function watchLine(kpiKey: string, movement: Movement): string {
  return movement === 'toward'
    ? `${kpiKey} is watched for the next two quarters; its owner hears if more than half of the gain is lost`
    : `${kpiKey} did not improve this quarter, so there is no gain to watch; its alerts go on as usual`;
}

type Contributions = NonNullable<ObjectiveReport['contributions']>;

/** A cross-team objective's contributing teams, each with its key results, in first-seen order. */
function contributionsOf(keyResults: KeyResultReport[]): Contributions {
  const byTeam = new Map<string, Contributions[number]>();
  for (const kr of keyResults) {
    const key = kr.contributingTeam?.key ?? '';
    const entry = byTeam.get(key) ?? {
      teamKey: kr.contributingTeam?.key ?? null,
      teamName: kr.contributingTeam?.name ?? 'team not known',
      keyResultIds: [],
    };
    entry.keyResultIds.push(kr.id);
    byTeam.set(key, entry);
  }
  return [...byTeam.values()];
}

function objectiveReport(o: ReportObjectiveInput): ObjectiveReport {
  const keyResults: KeyResultReport[] = o.keyResults.map((kr) => ({
    ...kr,
    scoreText: formatScore(kr.score, kr.achievement),
    movement: movementOf(kr),
  }));
  const grade: ObjectiveGrade = gradeObjective(
    o.type,
    keyResults.map((k) => k.score),
  );
  return {
    id: o.id,
    text: o.text,
    type: o.type,
    score: grade.score,
    scoreText: formatScore(grade.score),
    verdict: grade.verdict,
    verdictText: grade.verdictText,
    needsReflection: grade.needsReflection,
    unfinished: grade.unfinished,
    keyResults,
    contributions: o.type === 'cross-team' ? contributionsOf(keyResults) : null,
  };
}

type ReportedKeyResult = { o: ObjectiveReport; kr: KeyResultReport };

function movedLines(allKrs: ReportedKeyResult[]): QuarterReport['moved'] {
  return allKrs
    .filter(({ kr }) => kr.movement === 'toward' || kr.movement === 'away')
    .map(({ o, kr }) => ({
      objectiveId: o.id,
      keyResultId: kr.id,
      text: kr.text,
      line: `${keyResultLine(kr)}${kr.movement === 'away' ? ', away from the target' : ''}`,
    }));
}

function notMovedLines(allKrs: ReportedKeyResult[]): QuarterReport['notMoved'] {
  return allKrs
    .filter(({ kr }) => kr.movement === 'none' || kr.movement === 'unknown')
    .map(({ o, kr }) => ({
      objectiveId: o.id,
      keyResultId: kr.id,
      text: kr.text,
      line: kr.movement === 'none' ? `still at ${measure(kr.final, kr.unit)}` : 'no measured change',
    }));
}

/** Blockers that came up in two or more rounds, for the report's key results only, with their texts. */
function recurringBlockerLines(
  allKrs: ReportedKeyResult[],
  answers: BlockerAnswer[],
): QuarterReport['recurringBlockers'] {
  const textOf = new Map(allKrs.map(({ kr }) => [kr.id, kr.text]));
  return recurringBlockers(answers.filter((a) => textOf.has(a.keyResultId))).map((b) => ({
    ...b,
    text: textOf.get(b.keyResultId)!,
  }));
}

function watchLines(allKrs: ReportedKeyResult[]): QuarterReport['watches'] {
  return allKrs
    .filter(({ kr }) => kr.kpi !== null)
    .map(({ kr }) => ({
      keyResultId: kr.id,
      kpiKey: kr.kpi!.key,
      line: watchLine(kr.kpi!.key, kr.movement),
    }));
}

function candidateLines(input: QuarterReportInput): QuarterReport['candidates'] {
  return input.candidates.map((c) => ({
    ...c,
    line: `${c.kpiKey} was worse than its range three periods in a row (an OKR candidate since ${c.openedOn}): evidence for planning ${input.nextQuarter}`,
  }));
}

function carryOversOf(objectives: ObjectiveReport[], nextQuarter: string): QuarterReport['carryOvers'] {
  return objectives
    .filter((o) => o.unfinished)
    .map((o) => ({
      objectiveId: o.id,
      text: o.text,
      nextQuarter,
      label: carryOverLabel(nextQuarter),
    }));
}

function shortfallsOf(
  objectives: ObjectiveReport[],
  inputs: ReportObjectiveInput[],
): QuarterReport['shortfalls'] {
  const owners = new Map(inputs.map((o) => [o.id, o.ownerSlackId]));
  return objectives
    .filter((o) => o.needsReflection)
    .map((o) => ({ objectiveId: o.id, ownerSlackId: owners.get(o.id)!, text: o.text, score: o.score }));
}

export function buildQuarterReport(input: QuarterReportInput): QuarterReport {
  const objectives = input.objectives.map(objectiveReport);
  const allKrs = objectives.flatMap((o) => o.keyResults.map((kr) => ({ o, kr })));
  return {
    quarter: input.quarter,
    nextQuarter: input.nextQuarter,
    team: input.team,
    objectives,
    moved: movedLines(allKrs),
    notMoved: notMovedLines(allKrs),
    recurringBlockers: recurringBlockerLines(allKrs, input.blockerAnswers),
    watches: watchLines(allKrs),
    candidates: candidateLines(input),
    carryOvers: carryOversOf(objectives, input.nextQuarter),
    shortfalls: shortfallsOf(objectives, input.objectives),
  };
}

/** Where a team's report goes: its channel unless the team chose its lead (or has no channel); nowhere without either. */
export function reportDestination(
  team: ReportTeam | null,
): { kind: 'channel'; channel: string } | { kind: 'lead'; user: string } | { kind: 'none' } {
  if (!team) return { kind: 'none' };
  if (team.report === 'channel' && team.channelId) return { kind: 'channel', channel: team.channelId };
  if (team.leadSlackId) return { kind: 'lead', user: team.leadSlackId };
  if (team.channelId) return { kind: 'channel', channel: team.channelId };
  return { kind: 'none' };
}
