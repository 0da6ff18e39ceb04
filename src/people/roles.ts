import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { Actor } from './domain/permissions.js';

/**
 * The person asking, with their roles: admin (the import file's `admins:`, or OKRBOT_ADMINS) and the teams
 * they lead. Someone not in the directory is an actor with no roles (never a new row).
 */
export async function actorFor(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
  configuredAdmins: readonly string[] = [],
): Promise<Actor> {
  const [person, led] = await Promise.all([
    db
      .selectFrom('people')
      .select('is_admin')
      .where('team_id', '=', teamId)
      .where('slack_id', '=', userId)
      .executeTakeFirst(),
    db
      .selectFrom('teams')
      .select('key')
      .where('team_id', '=', teamId)
      .where('lead_slack_id', '=', userId)
      .execute(),
  ]);
  return {
    userId,
    isAdmin: configuredAdmins.includes(userId) || Number(person?.is_admin ?? 0) === 1,
    leads: new Set(led.map((t) => t.key)),
  };
}
