import type { Kysely, Selectable } from 'kysely';
import { chunks } from '../platform/db/chunks.js';
import type { Database, PersonTable, TeamTable, WorkspaceTable } from '../platform/db/schema.js';

export type Workspace = Selectable<WorkspaceTable>;
export type Person = Selectable<PersonTable>;
export type Team = Selectable<TeamTable>;

/** Creates the workspace row when it is missing; returns it. */
export async function ensureWorkspace(
  db: Kysely<Database>,
  ws: { teamId: string; name?: string | null; botUserId?: string | null; botId?: string | null },
  now: Date,
): Promise<Workspace> {
  const at = now.toISOString();
  await db
    .insertInto('workspaces')
    .values({
      team_id: ws.teamId,
      name: ws.name ?? null,
      bot_token: null,
      bot_user_id: ws.botUserId ?? null,
      bot_id: ws.botId ?? null,
      default_time_zone: null,
      installed_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('team_id').doNothing())
    .execute();
  return db.selectFrom('workspaces').selectAll().where('team_id', '=', ws.teamId).executeTakeFirstOrThrow();
}

export async function listWorkspaces(db: Kysely<Database>): Promise<Workspace[]> {
  return db.selectFrom('workspaces').selectAll().orderBy('team_id').execute();
}

export async function getPerson(
  db: Kysely<Database>,
  teamId: string,
  slackId: string,
): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('slack_id', '=', slackId)
    .executeTakeFirst();
}

export async function listPeople(db: Kysely<Database>, teamId: string): Promise<Person[]> {
  return db.selectFrom('people').selectAll().where('team_id', '=', teamId).orderBy('slack_id').execute();
}

/** Records a person seen in Slack (e.g. someone who runs a command before any import). */
export async function ensurePerson(
  db: Kysely<Database>,
  p: { teamId: string; slackId: string; name?: string; tz?: string | null },
  now: Date,
): Promise<Person> {
  const at = now.toISOString();
  await db
    .insertInto('people')
    .values({
      team_id: p.teamId,
      slack_id: p.slackId,
      name: p.name ?? p.slackId,
      tz: p.tz ?? null,
      tz_source: p.tz ? 'slack' : null,
      manager_slack_id: null,
      paused_until: null,
      dm_blocked_reason: null,
      dm_channel_id: null,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['team_id', 'slack_id']).doNothing())
    .execute();
  return (await getPerson(db, p.teamId, p.slackId))!;
}

/** Stores the time zone Slack reports for a person; Slack's value wins over an imported one. */
export async function updatePersonTimeZone(
  db: Kysely<Database>,
  teamId: string,
  slackId: string,
  tz: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ tz, tz_source: 'slack', updated_at: now.toISOString() })
    .where('team_id', '=', teamId)
    .where('slack_id', '=', slackId)
    .execute();
}

export async function setPausedUntil(
  db: Kysely<Database>,
  teamId: string,
  slackId: string,
  until: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ paused_until: until, updated_at: now.toISOString() })
    .where('team_id', '=', teamId)
    .where('slack_id', '=', slackId)
    .execute();
}

export async function setDmBlocked(
  db: Kysely<Database>,
  teamId: string,
  slackId: string,
  reason: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('people')
    .set({ dm_blocked_reason: reason, updated_at: now.toISOString() })
    .where('team_id', '=', teamId)
    .where('slack_id', '=', slackId)
    .execute();
}

export async function getTeam(db: Kysely<Database>, teamId: string, key: string): Promise<Team | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function listTeams(db: Kysely<Database>, teamId: string): Promise<Team[]> {
  return db.selectFrom('teams').selectAll().where('team_id', '=', teamId).orderBy('key').execute();
}

/** The team whose channel this is, or the team the person leads or belongs to through their key results. */
export async function findTeamForChannel(
  db: Kysely<Database>,
  teamId: string,
  channelId: string,
): Promise<Team | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

export async function getWorkspace(db: Kysely<Database>, teamId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('team_id', '=', teamId).executeTakeFirst();
}

/** These people of a workspace, by Slack id. */
export async function peopleByIds(
  db: Kysely<Database>,
  teamId: string,
  ids: string[],
): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('people')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('slack_id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.slack_id, r);
  }
  return out;
}

/**
 * Records that these people's time zones were checked in Slack, in one transaction; a zone Slack reported
 * replaces the stored one. Returns how many people's zone changed.
 */
export async function recordTimeZoneChecks(
  db: Kysely<Database>,
  teamId: string,
  checks: Array<{ slackId: string; tz: string | null }>,
  now: Date,
): Promise<number> {
  if (checks.length === 0) return 0;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    for (const c of checks) {
      const person = trx
        .updateTable('people')
        .where('team_id', '=', teamId)
        .where('slack_id', '=', c.slackId);
      if (c.tz) {
        const tz = c.tz;
        const moved = await person
          .set({ tz, tz_source: 'slack', tz_checked_at: at, updated_at: at })
          .where((eb) =>
            eb.or([
              eb('tz', 'is', null),
              eb('tz', '!=', tz),
              eb('tz_source', 'is', null),
              eb('tz_source', '!=', 'slack'),
            ]),
          )
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) > 0) {
          changed++;
          continue;
        }
      }
      await person.set({ tz_checked_at: at }).execute();
    }
    return changed;
  });
}
