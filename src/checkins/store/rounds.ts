import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

// Rounds are not a table of their own: a round is the prompts with its round key, each with the owner's
// start and end of it.

/** Round keys with prompts from `fromRoundKey` on, with the earliest and latest end of their owners' rounds. */
export async function roundWindows(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<Array<{ roundKey: string; firstEnd: string; lastEnd: string }>> {
  const rows = await db
    .selectFrom('checkin_prompts')
    .select((eb) => ['round_key', eb.fn.min('ends_at').as('first_end'), eb.fn.max('ends_at').as('last_end')])
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .where('ends_at', 'is not', null)
    .groupBy('round_key')
    .execute();
  return rows.map((r) => ({
    roundKey: r.round_key,
    firstEnd: String(r.first_end),
    lastEnd: String(r.last_end),
  }));
}

/**
 * For one round: each team whose schedule it is on (the prompts' team, still holding a key result of its
 * owner) and when the last of them ends. A key result of another team's objective does not give that team
 * a round on this schedule. A read joining the okrs feature's key_results and objectives to the prompts.
 */
export async function teamRoundEnds(
  db: Kysely<Database>,
  teamId: string,
  roundKey: string,
): Promise<Array<{ teamKey: string; lastEnd: string }>> {
  const rows = await db
    .selectFrom('checkin_prompts as p')
    .innerJoin('key_results as kr', (j) =>
      j.onRef('kr.team_id', '=', 'p.team_id').onRef('kr.owner_slack_id', '=', 'p.owner_slack_id'),
    )
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .select((eb) => ['o.team_key', eb.fn.max('p.ends_at').as('last_end')])
    .where('p.team_id', '=', teamId)
    .where('p.round_key', '=', roundKey)
    .where('o.status', 'in', ['active', 'closed'])
    .where('o.team_key', 'is not', null)
    .whereRef('o.team_key', '=', 'p.team_key')
    .groupBy('o.team_key')
    .execute();
  return rows.map((r) => ({ teamKey: r.team_key as string, lastEnd: String(r.last_end) }));
}
