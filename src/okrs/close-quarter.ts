import type { Kysely } from 'kysely';
import { getWorkspace } from '../people/index.js';
import { recordAudit } from '../platform/audit/audit-log.js';
import { isValidTimeZone } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import type { Outbox } from '../platform/outbox/outbox.js';
import type { OutgoingMessage } from '../platform/outbox/store.js';
import {
  defaultQuarterToClose,
  formatQuarter,
  formatScore,
  gradeObjective,
  parseQuarter,
  type QuarterReport,
  quarterPhase,
  reportDestination,
  scoreKeyResult,
} from './domain/index.js';
import { loadQuarterReports } from './quarter-report-data.js';
import { quarterReportMessage, shortfallMessage } from './slack/views/quarter-messages.js';
import {
  closeObjectiveRow,
  type KeyResultGrade,
  lastCheckinValues,
  objectivesOfQuarter,
  storeKeyResultGrades,
} from './store/quarters.js';
import { type KeyResult, listKeyResults, type Objective } from './store.js';

export { defaultQuarterToClose };

/** What closing a quarter needs: a subset of the app context, so the CLI can close without Slack. */
export interface CloseQuarterDeps {
  db: Kysely<Database>;
  /** When given, each team's report and the shortfall DMs are queued in the close's own transaction. */
  outbox?: Pick<Outbox, 'enqueue'>;
  /** The time zone when the workspace has none stored (config's DEFAULT_TIME_ZONE); UTC without either. */
  defaultTimeZone?: string;
}

export interface CloseQuarterInput {
  teamId: string;
  /** `2026Q4` (also `2026-Q4`). */
  quarter: string;
  /** Only this team's objectives. */
  teamKey?: string;
  /** A Slack user id, or `cli`. */
  closedBy: string;
  now: Date;
}

export type CloseQuarterResult =
  | {
      status: 'closed';
      quarter: string;
      closedObjectives: number;
      reports: QuarterReport[];
      /** Messages newly queued in the outbox (0 without an outbox). */
      queued: number;
      message: string;
    }
  | {
      status: 'already_closed';
      quarter: string;
      closedAt: string | null;
      reports: QuarterReport[];
      message: string;
    }
  | { status: 'nothing_to_close' | 'invalid'; quarter: string; message: string };

/** The workspace's time zone: stored on the workspace, else the configured default, else UTC. */
export async function workspaceTimeZone(
  db: Kysely<Database>,
  teamId: string,
  fallback?: string,
): Promise<string> {
  const stored = (await getWorkspace(db, teamId))?.default_time_zone;
  if (stored && isValidTimeZone(stored)) return stored;
  return fallback && isValidTimeZone(fallback) ? fallback : 'UTC';
}

const scope = (quarter: string, teamKey?: string) => (teamKey ? `${quarter} for team ${teamKey}` : quarter);

type Db = Kysely<Database>;

/** The quarter to close, normalised, and the workspace's time zone; or why it cannot be closed. */
async function quarterToClose(
  deps: CloseQuarterDeps,
  input: CloseQuarterInput,
): Promise<{ ok: true; quarter: string; tz: string } | { ok: false; result: CloseQuarterResult }> {
  const parsed = parseQuarter(input.quarter);
  if (!parsed)
    return {
      ok: false,
      result: {
        status: 'invalid',
        quarter: input.quarter,
        message: `"${input.quarter}" is not a quarter like 2026Q4`,
      },
    };
  const quarter = formatQuarter(parsed);
  const tz = await workspaceTimeZone(deps.db, input.teamId, deps.defaultTimeZone);
  if (quarterPhase(parsed, input.now, tz) === 'planned')
    return {
      ok: false,
      result: {
        status: 'invalid',
        quarter,
        message: `${quarter} has not started yet, so it cannot be closed`,
      },
    };
  return { ok: true, quarter, tz };
}

/** No active objective left: nothing to close, or the reports of the close that already happened. */
async function earlierCloseResult(
  trx: Db,
  input: CloseQuarterInput,
  quarter: string,
  tz: string,
): Promise<CloseQuarterResult> {
  const closed = await objectivesOfQuarter(trx, input.teamId, quarter, ['closed'], input.teamKey);
  if (closed.length === 0)
    return {
      status: 'nothing_to_close' as const,
      quarter,
      message: `${scope(quarter, input.teamKey)} has no active objectives: nothing to close`,
    };
  const closedAt =
    closed
      .map((o) => o.closed_at)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  return {
    status: 'already_closed' as const,
    quarter,
    closedAt,
    reports: await loadQuarterReports(trx, input.teamId, quarter, closed, tz),
    message: `${scope(quarter, input.teamKey)} was already closed${closedAt ? ` on ${closedAt.slice(0, 10)}` : ''}: nothing changed`,
  };
}

/** Each key result's final value (its last check-in's value, else its current one) and score. */
function gradeKeyResults(krs: KeyResult[], last: Map<string, number>): KeyResultGrade[] {
  return krs.map((k) => {
    const final = last.get(k.id) ?? (k.current === null ? null : Number(k.current));
    const s = scoreKeyResult({
      baseline: k.baseline === null ? null : Number(k.baseline),
      target: k.target === null ? null : Number(k.target),
      final,
      direction: k.direction,
      closingScore: k.closing_score === null ? null : Number(k.closing_score),
    });
    return {
      id: k.id,
      finalValue: final,
      score: s.score,
      achievement: s.achievement,
      source: s.source,
    };
  });
}

/**
 * Scores and closes each active objective and stores its key results' grades; returns the objectives this
 * close took, as they now are (one another close took first is left out).
 */
async function closeActiveObjectives(
  trx: Db,
  active: Objective[],
  input: CloseQuarterInput,
): Promise<Objective[]> {
  const krs = await listKeyResults(
    trx,
    active.map((o) => o.id),
  );
  const last = await lastCheckinValues(
    trx,
    krs.map((k) => k.id),
  );
  const closedNow: Objective[] = [];
  for (const o of active) {
    const grades = gradeKeyResults(
      krs.filter((k) => k.objective_id === o.id),
      last,
    );
    const grade = gradeObjective(
      o.type,
      grades.map((g) => g.score),
    );
    // Compare-and-set: a concurrent close (another replica, a double click) has already taken it.
    if (!(await closeObjectiveRow(trx, o.id, grade.score, input.closedBy, input.now))) continue;
    await storeKeyResultGrades(trx, grades, input.now);
    closedNow.push({ ...o, status: 'closed' as const, closed_at: input.now.toISOString() });
  }
  return closedNow;
}

async function auditClose(
  trx: Db,
  input: CloseQuarterInput,
  quarter: string,
  reports: QuarterReport[],
): Promise<void> {
  await recordAudit(trx, {
    teamId: input.teamId,
    at: input.now,
    actor: input.closedBy,
    action: 'quarter.close',
    subject: `quarter:${quarter}`,
    after: {
      teamKey: input.teamKey ?? null,
      objectives: reports.flatMap((r) =>
        r.objectives.map((o) => ({ id: o.id, score: o.score, verdict: o.verdict })),
      ),
    },
  });
}

/** The close itself, inside its transaction. */
async function closeInTransaction(
  trx: Db,
  deps: CloseQuarterDeps,
  input: CloseQuarterInput,
  quarter: string,
  tz: string,
): Promise<CloseQuarterResult> {
  const active = await objectivesOfQuarter(trx, input.teamId, quarter, ['active'], input.teamKey);
  if (active.length === 0) return earlierCloseResult(trx, input, quarter, tz);
  const closedNow = await closeActiveObjectives(trx, active, input);
  if (closedNow.length === 0)
    return {
      status: 'already_closed' as const,
      quarter,
      closedAt: null,
      reports: [],
      message: `${scope(quarter, input.teamKey)} was closed at the same moment by someone else: nothing changed`,
    };
  const reports = await loadQuarterReports(trx, input.teamId, quarter, closedNow, tz);
  await auditClose(trx, input, quarter, reports);
  const queued = deps.outbox
    ? await deps.outbox.enqueue(trx, quarterCloseMessages(input.teamId, reports), input.now)
    : 0;
  const n = closedNow.length;
  return {
    status: 'closed' as const,
    quarter,
    closedObjectives: n,
    reports,
    queued,
    message: `Closed ${scope(quarter, input.teamKey)}: ${n} objective${n === 1 ? '' : 's'} scored`,
  };
}

/**
 * Closes a quarter: in one transaction, every active objective of the quarter (optionally of one team)
 * becomes closed with its score, and each key result keeps its final value (the last check-in's value,
 * else the current one) and score. Returns a report per team, built from what was stored. Closing again
 * changes nothing and says so, with the reports of the first close. A quarter that has not started cannot
 * be closed; the running one can (a lead may close on its last day).
 */
export async function closeQuarter(
  deps: CloseQuarterDeps,
  input: CloseQuarterInput,
): Promise<CloseQuarterResult> {
  const target = await quarterToClose(deps, input);
  if (!target.ok) return target.result;
  const { quarter, tz } = target;
  return deps.db.transaction().execute((trx) => closeInTransaction(trx, deps, input, quarter, tz));
}

/**
 * What a close sends: each team's report to its channel or its lead (the team's `report` setting), and to
 * each owner of a committed objective below 1.0 the "What got in the way?" DM. Dedupe keys make a rerun
 * queue nothing new.
 */
export function quarterCloseMessages(teamId: string, reports: QuarterReport[]): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  for (const r of reports) {
    const dest = reportDestination(r.team);
    if (dest.kind !== 'none') {
      const message = quarterReportMessage(r);
      out.push({
        teamId,
        dedupeKey: `okr-quarter-report:${teamId}:${r.quarter}:${r.team?.key ?? '-'}`,
        kind: 'okr_quarter_report',
        method: 'chat.postMessage',
        target: dest.kind === 'channel' ? dest.channel : dest.user,
        payload: { text: message.text, blocks: message.blocks },
      });
    }
    for (const s of r.shortfalls) {
      const message = shortfallMessage({
        objectiveId: s.objectiveId,
        text: s.text,
        quarter: r.quarter,
        scoreText: formatScore(s.score),
      });
      out.push({
        teamId,
        dedupeKey: `okr-shortfall:${teamId}:${s.objectiveId}`,
        kind: 'okr_shortfall',
        method: 'chat.postMessage',
        target: s.ownerSlackId,
        payload: { text: message.text, blocks: message.blocks },
      });
    }
  }
  return out;
}
