import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../../platform/db/ids.js';
import type { ApiTokenTable, Database } from '../../platform/db/schema.js';

export type ApiToken = Omit<Selectable<ApiTokenTable>, 'token_hash'>;

const PREFIX = 'okrbot_';

export function hashToken(token: string, pepper = ''): string {
  return createHash('sha256').update(`${pepper}\u0000${token}`).digest('hex');
}

/** Makes a token for the readings API. The token itself is returned once and only its hash is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  teamId: string,
  name: string,
  now: Date,
  pepper?: string,
): Promise<{ token: string; record: ApiToken }> {
  const token = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  const record: ApiToken = {
    id: newId('tok'),
    team_id: teamId,
    name,
    created_at: now.toISOString(),
    revoked_at: null,
    last_used_at: null,
  };
  await db
    .insertInto('api_tokens')
    .values({ ...record, token_hash: hashToken(token, pepper) })
    .execute();
  return { token, record };
}

/** The workspace a presented token belongs to, or undefined when it is unknown or revoked. */
export async function authenticateToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
  pepper?: string,
): Promise<ApiToken | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 200) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'team_id', 'name', 'created_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', hashToken(token, pepper))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  return row;
}

/** Revokes the workspace's live tokens with this name or id; returns how many were revoked. */
export async function revokeApiToken(
  db: Kysely<Database>,
  teamId: string,
  nameOrId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('team_id', '=', teamId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listApiTokens(db: Kysely<Database>, teamId: string): Promise<ApiToken[]> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'team_id', 'name', 'created_at', 'revoked_at', 'last_used_at'])
    .where('team_id', '=', teamId)
    .orderBy('created_at')
    .execute();
}
