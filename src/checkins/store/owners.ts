import { type Kysely, sql } from 'kysely';
import type { Person } from '../../people/index.js';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';

// Who check-ins are for: owners of key results of active objectives. These are reads only, joining the
// okrs feature's key_results and objectives (and people's people) for a check-in question; every write to
// those tables goes through the okrs or people store.

/** Per owner and team: how many key results of active objectives they own, and when the first was created. */
export interface OwnerTeamCount {
  owner: string;
  teamKey: string | null;
  count: number;
  /** `created_at` of the earliest of these key results. */
  firstCreatedAt: string;
}

/** For every owner of a key result of an active objective: how many they own per team. */
export async function ownerTeamCounts(
  db: Kysely<Database>,
  teamId: string,
  owners?: string[],
): Promise<OwnerTeamCount[]> {
  const run = (subset?: string[]) => {
    let q = db
      .selectFrom('key_results as kr')
      .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
      .select((eb) => [
        'kr.owner_slack_id as owner',
        'o.team_key as team_key',
        eb.fn.countAll().as('n'),
        eb.fn.min('kr.created_at').as('first_created'),
      ])
      .where('kr.team_id', '=', teamId)
      .where('o.status', '=', 'active')
      .where('kr.retired_at', 'is', null)
      .where('kr.owner_slack_id', 'not in', (eb) =>
        eb
          .selectFrom('people')
          .select('slack_id')
          .where('team_id', '=', teamId)
          .where('retired_at', 'is not', null),
      );
    if (subset) q = q.where('kr.owner_slack_id', 'in', subset);
    return q.groupBy(['kr.owner_slack_id', 'o.team_key']).execute();
  };
  const rows = owners ? (await Promise.all(chunks(owners).map((c) => run(c)))).flat() : await run();
  return rows.map((r) => ({
    owner: r.owner,
    teamKey: r.team_key,
    count: Number(r.n),
    firstCreatedAt: String(r.first_created),
  }));
}

/** People who own an active key result and whose Slack time zone was not checked since `staleBefore`. */
export async function ownersWithStaleTimeZones(
  db: Kysely<Database>,
  teamId: string,
  staleBefore: string,
): Promise<Person[]> {
  return db
    .selectFrom('people as p')
    .selectAll('p')
    .where('p.team_id', '=', teamId)
    .where((eb) => eb.or([eb('p.tz_checked_at', 'is', null), eb('p.tz_checked_at', '<', staleBefore)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('key_results as kr')
          .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
          .select(sql`1`.as('one'))
          .whereRef('kr.team_id', '=', 'p.team_id')
          .whereRef('kr.owner_slack_id', '=', 'p.slack_id')
          .where('o.status', '=', 'active'),
      ),
    )
    .execute();
}
