import type { Kysely, Selectable } from 'kysely';
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
