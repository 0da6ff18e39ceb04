import type { Kysely } from 'kysely';

// Many workspaces (OAuth distribution): one row per workspace that installed okrbot. The installation Slack
// returned (bot token, refresh token) is kept encrypted (AES-256-GCM, OKRBOT_ENCRYPTION_KEY) in
// `installation_enc`; the plain columns are what okrbot looks up and lists, never a secret.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installations')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('team_name', 'text')
    .addColumn('app_id', 'text')
    .addColumn('bot_user_id', 'text', (c) => c.notNull())
    .addColumn('bot_id', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('installation_enc', 'text', (c) => c.notNull())
    .addColumn('token_expires_at', 'integer')
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installations').ifExists().execute();
}
