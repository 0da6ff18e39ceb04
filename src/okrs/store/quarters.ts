import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database, ObjectiveStatus, ScoreSource } from '../../platform/db/schema.js';
import type { KeyResult, Objective } from '../store.js';

// The quarter close's reads and writes. The reads of check-ins, KPIs and KPI alerts below are reads
// across features (checkins and kpis own those tables and sit above okrs, so okrs cannot call them): they
// only read, select the few columns the close needs, and never write.

/** Objectives of a quarter in these statuses, optionally of one team, in creation order. */
export async function objectivesOfQuarter(
  db: Kysely<Database>,
  teamId: string,
  quarter: string,
  statuses: ObjectiveStatus[],
  teamKey?: string,
): Promise<Objective[]> {
  let q = db
    .selectFrom('objectives')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('quarter', '=', quarter)
    .where('status', 'in', statuses);
  if (teamKey !== undefined) q = q.where('team_key', '=', teamKey);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function getObjective(
  db: Kysely<Database>,
  teamId: string,
  objectiveId: string,
): Promise<Objective | undefined> {
  return db
    .selectFrom('objectives')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', objectiveId)
    .executeTakeFirst();
}

/**
 * Read across features (checkins' table): each key result's value from its last check-in that gave one,
 * by round, then by submission time.
 */
export async function lastCheckinValues(
  db: Kysely<Database>,
  keyResultIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, { value: number; round: string; at: string }>();
  for (const chunk of chunks([...new Set(keyResultIds)])) {
    const rows = await db
      .selectFrom('checkins')
      .select(['key_result_id', 'round_key', 'value', 'submitted_at'])
      .where('key_result_id', 'in', chunk)
      .where('value', 'is not', null)
      .execute();
    for (const r of rows) {
      const prev = out.get(r.key_result_id);
      const later =
        !prev || r.round_key > prev.round || (r.round_key === prev.round && r.submitted_at > prev.at);
      if (later) out.set(r.key_result_id, { value: Number(r.value), round: r.round_key, at: r.submitted_at });
    }
  }
  return new Map([...out].map(([id, v]) => [id, v.value]));
}

/** Read across features (checkins' table): the blockers each round's check-in named, for these key results. */
export async function blockerAnswersOf(
  db: Kysely<Database>,
  keyResultIds: string[],
): Promise<Array<{ keyResultId: string; roundKey: string; blockers: string | null }>> {
  const out: Array<{ keyResultId: string; roundKey: string; blockers: string | null }> = [];
  for (const chunk of chunks([...new Set(keyResultIds)])) {
    const rows = await db
      .selectFrom('checkins')
      .select(['key_result_id', 'round_key', 'blockers'])
      .where('key_result_id', 'in', chunk)
      .where('blockers', 'is not', null)
      .orderBy('round_key')
      .execute();
    for (const r of rows)
      out.push({ keyResultId: r.key_result_id, roundKey: r.round_key, blockers: r.blockers });
  }
  return out;
}

export interface LinkedKpi {
  key: string;
  name: string;
  ownerSlackId: string;
}

/** Read across features (kpis' table): the KPIs these keys name, by key. */
export async function kpisByKey(
  db: Kysely<Database>,
  teamId: string,
  keys: string[],
): Promise<Map<string, LinkedKpi>> {
  const out = new Map<string, LinkedKpi>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('kpis')
      .select(['key', 'name', 'owner_slack_id'])
      .where('team_id', '=', teamId)
      .where('key', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.key, { key: r.key, name: r.name, ownerSlackId: r.owner_slack_id });
  }
  return out;
}

export interface OkrCandidateRow {
  kpiKey: string;
  kpiName: string;
  kpiTeamKey: string | null;
  kpiChannelId: string | null;
  openedAt: string;
}

/**
 * Read across features (kpis' alerts): KPIs that were OKR candidates (three bad periods in a row) with the
 * alert opened in [start, end), oldest first, one row per KPI (its first such alert).
 */
export async function okrCandidatesBetween(
  db: Kysely<Database>,
  teamId: string,
  start: Date,
  end: Date,
): Promise<OkrCandidateRow[]> {
  const rows = await db
    .selectFrom('alerts as a')
    .innerJoin('kpis as k', 'k.id', 'a.kpi_id')
    .select(['k.key', 'k.name', 'k.team_key', 'k.channel_id', 'a.opened_at'])
    .where('a.team_id', '=', teamId)
    .where('a.rule', '=', 'okr_candidate')
    .where('a.opened_at', '>=', start.toISOString())
    .where('a.opened_at', '<', end.toISOString())
    .orderBy('a.opened_at')
    .orderBy('k.key')
    .execute();
  const seen = new Set<string>();
  const out: OkrCandidateRow[] = [];
  for (const r of rows) {
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    out.push({
      kpiKey: r.key,
      kpiName: r.name,
      kpiTeamKey: r.team_key,
      kpiChannelId: r.channel_id,
      openedAt: r.opened_at,
    });
  }
  return out;
}

/**
 * Closes one objective with its score if it is still active (a compare-and-set: a second close, on this or
 * another replica, changes nothing). Returns whether this call closed it.
 */
export async function closeObjectiveRow(
  trx: Kysely<Database>,
  objectiveId: string,
  score: number | null,
  closedBy: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const result = await trx
    .updateTable('objectives')
    .set({ status: 'closed', closed_at: at, closed_by: closedBy, score, updated_at: at })
    .where('id', '=', objectiveId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface KeyResultGrade {
  id: string;
  finalValue: number | null;
  score: number | null;
  achievement: number | null;
  source: ScoreSource;
}

/**
 * Stores each key result's final value and score. The current value becomes the final one, so what the
 * KPI's post-OKR check compares against is the value the quarter closed with.
 */
export async function storeKeyResultGrades(
  trx: Kysely<Database>,
  grades: KeyResultGrade[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const g of grades) {
    await trx
      .updateTable('key_results')
      .set({
        final_value: g.finalValue,
        ...(g.finalValue !== null ? { current: g.finalValue } : {}),
        score: g.score,
        achievement: g.achievement,
        score_source: g.source,
        updated_at: at,
      })
      .where('id', '=', g.id)
      .execute();
  }
}

/**
 * The score (0..1) a key result's owner gave at the closing check-in, for a key result without baseline or
 * target. Takes the caller's transaction (the check-in that asked for it).
 */
export async function setClosingScore(
  db: Kysely<Database>,
  keyResultId: string,
  score: number | null,
  now: Date,
): Promise<void> {
  if (score !== null && !(Number.isFinite(score) && score >= 0 && score <= 1))
    throw new RangeError(`a closing score is 0.0–1.0, got ${score}`);
  await db
    .updateTable('key_results')
    .set({ closing_score: score, updated_at: now.toISOString() })
    .where('id', '=', keyResultId)
    .execute();
}

/**
 * Planned objectives whose quarter has started become active (the quarters up to and including
 * `currentQuarter`, compared as `YYYYQn` text, which sorts in time order). Returns how many changed.
 */
export async function activatePlannedObjectives(
  db: Kysely<Database>,
  teamId: string,
  currentQuarter: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('objectives')
    .set({ status: 'active', updated_at: now.toISOString() })
    .where('team_id', '=', teamId)
    .where('status', '=', 'planned')
    .where('quarter', '<=', currentQuarter)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type { KeyResult, Objective };
