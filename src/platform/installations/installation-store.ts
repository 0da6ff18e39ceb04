import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerSecrets } from '../logger.js';
import { decryptText, encryptText } from './token-cipher.js';

/** What okrbot lists about an installed workspace (no secret). */
export interface InstalledWorkspace {
  teamId: string;
  teamName: string | null;
  botUserId: string;
  botId: string | null;
}

/**
 * Bolt's installation store, in okrbot's database: one row per workspace, the installation (with its
 * tokens) encrypted with AES-256-GCM. Shared by every replica, so an install, a token rotation or an
 * uninstall on one is seen by all. Every token read or written is registered for redaction in the logs.
 */
export function databaseInstallationStore(
  db: Kysely<Database>,
  key: Buffer,
  now: () => Date,
): InstallationStore & { deleteInstallation(query: InstallationQuery<boolean>): Promise<void> } {
  return {
    async storeInstallation(installation: Installation): Promise<void> {
      const teamId = installation.team?.id;
      if (!teamId || !installation.bot) throw new Error('okrbot installs into a workspace, with a bot token');
      rememberSecrets(installation);
      const at = now().toISOString();
      const row = {
        team_name: installation.team?.name ?? null,
        app_id: installation.appId ?? null,
        bot_user_id: installation.bot.userId,
        bot_id: installation.bot.id ?? null,
        scopes: installation.bot.scopes.join(','),
        installation_enc: encryptText(
          key,
          JSON.stringify({ ...installation, user: { id: installation.user.id } }),
        ),
        token_expires_at: installation.bot.expiresAt ?? null,
        updated_at: at,
      };
      await db
        .insertInto('installations')
        .values({ team_id: teamId, installed_at: at, ...row })
        .onConflict((oc) => oc.column('team_id').doUpdateSet(row))
        .execute();
    },
    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
      const found = await readInstallation(db, key, query.teamId);
      if (!found) throw new Error(`workspace ${query.teamId ?? '(none)'} has not installed okrbot`);
      return found;
    },
    async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
      if (query.teamId) await db.deleteFrom('installations').where('team_id', '=', query.teamId).execute();
    },
  };
}

/** The decrypted installation of a workspace, or undefined when it has not installed okrbot. */
async function readInstallation(
  db: Kysely<Database>,
  key: Buffer,
  teamId: string | undefined,
): Promise<Installation | undefined> {
  if (!teamId) return undefined;
  const row = await db
    .selectFrom('installations')
    .select('installation_enc')
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  if (!row) return undefined;
  const installation = JSON.parse(decryptText(key, row.installation_enc)) as Installation;
  rememberSecrets(installation);
  return installation;
}

function rememberSecrets(installation: Installation): void {
  registerSecrets([installation.bot?.token, installation.bot?.refreshToken]);
}

/** Every workspace that has installed okrbot, oldest first. */
export async function listInstallations(db: Kysely<Database>): Promise<InstalledWorkspace[]> {
  const rows = await db
    .selectFrom('installations')
    .select(['team_id', 'team_name', 'bot_user_id', 'bot_id'])
    .orderBy('installed_at')
    .orderBy('team_id')
    .execute();
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    botUserId: r.bot_user_id,
    botId: r.bot_id,
  }));
}

/** Whether a workspace has installed okrbot. */
export async function isInstalled(db: Kysely<Database>, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('installations')
    .select('team_id')
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row !== undefined;
}
