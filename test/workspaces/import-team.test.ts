import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { databaseInstallationStore } from '../../src/platform/installations/installation-store.js';
import { memoryIo } from '../support/memory-io.js';
import { STATE_SECRET, TEAM_A, TEAM_B } from './two-workspaces.js';

describe('okrbot import --team with many workspaces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'okrbot-import-team-'));
  const key = randomBytes(32);
  const env = {
    DATABASE_URL: `sqlite:${join(dir, 'many.db')}`,
    LOG_LEVEL: 'error',
    SLACK_SIGNING_SECRET: 'import-team-signing-secret',
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'local-client-secret',
    SLACK_STATE_SECRET: STATE_SECRET,
    OKRBOT_ENCRYPTION_KEY: key.toString('base64'),
  };
  const run = async (args: string[]) => {
    const m = memoryIo(dir);
    const code = await main(['import', ...args], env, m.io);
    return { code, out: m.out(), err: m.err() };
  };
  const objectivesOf = async (teamId: string) => {
    const db = openDatabase(env.DATABASE_URL);
    try {
      return await db.db.selectFrom('objectives').select('id').where('team_id', '=', teamId).execute();
    } finally {
      await db.close();
    }
  };

  beforeAll(async () => {
    writeFileSync(join(dir, 'org.yaml'), sampleOrgText());
    const db = openDatabase(env.DATABASE_URL);
    await migrateToLatest(db.db);
    const store = databaseInstallationStore(db.db, key, () => new Date('2026-11-23T00:00:00Z'));
    for (const teamId of [TEAM_A, TEAM_B])
      await store.storeInstallation({
        team: { id: teamId, name: teamId },
        enterprise: undefined,
        user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
        bot: { token: `xoxb-${teamId}-secret`, scopes: ['commands'], userId: 'UBOT', id: 'B1' },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      });
    await store.deleteInstallation({ teamId: TEAM_B, enterpriseId: undefined, isEnterpriseInstall: false });
    await db.close();
  });

  it('imports into an installed workspace with no Slack token', async () => {
    const res = await run(['org.yaml', '--team', TEAM_A]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain(`Imported org.yaml into workspace ${TEAM_A}`);
    expect((await objectivesOf(TEAM_A)).length).toBeGreaterThan(0);
  });

  it('refuses a typo, and a workspace that uninstalled okrbot, writing nothing', async () => {
    for (const team of ['TA0000010', TEAM_B]) {
      const res = await run(['org.yaml', '--team', team]);
      expect(res.code).toBe(1);
      expect(res.err).toContain(
        `workspace ${team} is not known: it has not installed okrbot (installed: ${TEAM_A})`,
      );
      expect(await objectivesOf(team)).toEqual([]);
    }
  });

  it('okrbot token asks which workspace, and makes tokens only for an installed one', async () => {
    const token = async (args: string[]) => {
      const m = memoryIo(dir);
      const code = await main(['token', ...args], env, m.io);
      return { code, out: m.out(), err: m.err() };
    };
    const unnamed = await token(['create', '--name', 'sheet']);
    expect(unnamed.code).toBe(1);
    expect(unnamed.err).toContain('name the one this command is for with --team T…');
    const gone = await token(['create', '--name', 'sheet', '--team', TEAM_B]);
    expect(gone.code).toBe(1);
    expect(gone.err).toContain(`workspace ${TEAM_B} is not known: it has not installed okrbot`);
    const made = await token(['create', '--name', 'sheet', '--team', TEAM_A]);
    expect(made.code).toBe(0);
    const db = openDatabase(env.DATABASE_URL);
    const rows = await db.db.selectFrom('api_tokens').select('team_id').execute();
    await db.close();
    expect(rows).toEqual([{ team_id: TEAM_A }]);
  });

  it('without --team asks which workspace', async () => {
    const res = await run(['org.yaml']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('name the one this command is for with --team T…');
  });
});
