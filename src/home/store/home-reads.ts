import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';

// The Home tab's reads across features (teams, objectives, check-ins, prompts, alerts), each one query for
// all the rows it needs (chunked only past the database's parameter limit), never one per row. Reads only.

/** Teams this person leads. */
export function teamsLedBy(db: Kysely<Database>, teamId: string, userId: string) {
  return db
    .selectFrom('teams')
    .select(['key', 'name'])
    .where('team_id', '=', teamId)
    .where('lead_slack_id', '=', userId)
    .orderBy('name')
    .execute();
}

/** This person's newest prompt whose answers are still open at `now` (a round open for them), if any. */
export function openPromptOf(db: Kysely<Database>, teamId: string, userId: string, now: Date) {
  return db
    .selectFrom('checkin_prompts')
    .select(['round_key', 'answered_at', 'ends_at'])
    .where('team_id', '=', teamId)
    .where('owner_slack_id', '=', userId)
    .where('ends_at', '>', now.toISOString())
    .orderBy('round_key', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Alerts still firing on KPIs this person owns, oldest first. */
export function firingAlertsOf(db: Kysely<Database>, teamId: string, userId: string) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('kpis as k', 'k.id', 'a.kpi_id')
    .select(['a.id', 'a.group_key', 'a.rule', 'a.severity', 'a.opened_at', 'k.name as kpi_name'])
    .where('a.team_id', '=', teamId)
    .where('k.owner_slack_id', '=', userId)
    .where('a.status', '=', 'firing')
    .orderBy('a.opened_at')
    .execute();
}

/**
 * Key results of the active objectives of these teams or owned by this person, with their objective and
 * owner's name, in objective order.
 */
export async function teamKeyResults(
  db: Kysely<Database>,
  teamId: string,
  teamKeys: string[],
  objectiveOwner: string,
) {
  return db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .leftJoin('people as p', (j) =>
      j.onRef('p.team_id', '=', 'kr.team_id').onRef('p.slack_id', '=', 'kr.owner_slack_id'),
    )
    .select([
      'kr.id',
      'kr.text',
      'kr.owner_slack_id',
      'kr.baseline',
      'kr.current',
      'kr.target',
      'kr.unit',
      'kr.direction',
      'o.id as objective_id',
      'o.text as objective_text',
      'o.team_key',
      'p.name as owner_name',
    ])
    .where('kr.team_id', '=', teamId)
    .where('o.status', '=', 'active')
    .where('o.retired_at', 'is', null)
    .where('kr.retired_at', 'is', null)
    .where((eb) =>
      teamKeys.length > 0
        ? eb.or([eb('o.team_key', 'in', teamKeys), eb('o.owner_slack_id', '=', objectiveOwner)])
        : eb('o.owner_slack_id', '=', objectiveOwner),
    )
    .orderBy('o.created_at')
    .orderBy('o.id')
    .orderBy('kr.position')
    .execute();
}

/** The prompts of these teams' newest round, with each owner's name. */
export async function latestRoundPrompts(db: Kysely<Database>, teamId: string, teamKeys: string[]) {
  if (teamKeys.length === 0) return [];
  const rows = await db
    .selectFrom('checkin_prompts as cp')
    .leftJoin('people as p', (j) =>
      j.onRef('p.team_id', '=', 'cp.team_id').onRef('p.slack_id', '=', 'cp.owner_slack_id'),
    )
    .select(['cp.team_key', 'cp.round_key', 'cp.owner_slack_id', 'cp.answered_at', 'p.name'])
    .where('cp.team_id', '=', teamId)
    .where('cp.team_key', 'in', teamKeys)
    .where('cp.round_key', '=', (eb) =>
      eb
        .selectFrom('checkin_prompts')
        .select((e) => e.fn.max('round_key').as('r'))
        .where('team_id', '=', teamId)
        .where('team_key', 'in', teamKeys),
    )
    .orderBy('p.name')
    .execute();
  return rows;
}

/** KPIs of these teams (not retired). */
export function teamKpis(db: Kysely<Database>, teamId: string, teamKeys: string[]) {
  if (teamKeys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('kpis')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('team_key', 'in', teamKeys)
    .where('retired_at', 'is', null)
    .orderBy('key')
    .execute();
}

/** Every check-in of these key results, oldest round first. */
export async function checkinsOf(db: Kysely<Database>, teamId: string, keyResultIds: string[]) {
  const out = [];
  for (const chunk of chunks([...new Set(keyResultIds)])) {
    out.push(
      ...(await db
        .selectFrom('checkins')
        .select(['key_result_id', 'round_key', 'value', 'confidence', 'blockers', 'submitted_at'])
        .where('team_id', '=', teamId)
        .where('key_result_id', 'in', chunk)
        .orderBy('round_key')
        .execute()),
    );
  }
  return out;
}

export type CheckinRow = Awaited<ReturnType<typeof checkinsOf>>[number];
export type TeamKeyResultRow = Awaited<ReturnType<typeof teamKeyResults>>[number];
export type RoundPromptRow = Awaited<ReturnType<typeof latestRoundPrompts>>[number];
export type FiringAlertRow = Awaited<ReturnType<typeof firingAlertsOf>>[number];
