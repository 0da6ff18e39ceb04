import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sampleSlackUsers } from '../../src/demo/sample-org.js';
import { authenticateToken } from '../../src/kpis/store/api-tokens.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { memoryIo } from '../support/memory-io.js';

describe('okrbot token', () => {
  let dir: string;
  let slack: LocalSlack;
  let env: Record<string, string>;
  const run = async (...argv: string[]) => {
    const m = memoryIo(dir);
    const code = await main(['token', ...argv], env, m.io);
    return { code, out: m.out(), err: m.err() };
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okrbot-token-'));
    slack = await LocalSlack.start({ teamId: 'T0TOK', users: sampleSlackUsers() });
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'token-test-secret',
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'tokens.db')}`,
      LOG_LEVEL: 'error',
      API_TOKEN_PEPPER: 'pepper-for-tests',
    };
  });
  afterAll(async () => {
    await slack?.stop();
  });

  let token: string;

  it('create prints the token alone on the last line, once; only a peppered hash is stored', async () => {
    const res = await run('create', '--name', 'hris-sync');
    expect(res.code).toBe(0);
    const lines = res.out.trimEnd().split('\n');
    token = lines.at(-1) as string;
    expect(token).toMatch(/^okrbot_[A-Za-z0-9_-]{32}$/);
    expect(lines.slice(0, -1).join('\n')).not.toContain(token);
    expect(res.out).toContain('workspace T0TOK');
    const db = openDatabase(env.DATABASE_URL as string);
    try {
      const rows = await db.db.selectFrom('api_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(await authenticateToken(db.db, token, new Date(), 'pepper-for-tests')).toMatchObject({
        team_id: 'T0TOK',
        name: 'hris-sync',
      });
      expect(await authenticateToken(db.db, token, new Date())).toBeUndefined();
    } finally {
      await db.close();
    }
  });

  it('refuses a second live token with the same name, and bad names', async () => {
    const again = await run('create', '--name', 'hris-sync');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already has a live token named "hris-sync"');
    expect((await run('create')).code).toBe(2);
    expect((await run('create', '--name', '../etc')).err).toContain('--name must be');
  });

  it('list shows names and state, never tokens; --team works without Slack', async () => {
    const res = await run('list');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(
      /hris-sync\s+tok_[0-9a-f]+\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+live/,
    );
    expect(res.out).not.toContain(token);
    const other = await main(
      ['token', 'list', '--team', 'T0OTHER'],
      { DATABASE_URL: env.DATABASE_URL as string, LOG_LEVEL: 'error' },
      memoryIo(dir).io,
    );
    expect(other).toBe(0);
  });

  it('revoke by name stops the token; revoking again says there is none', async () => {
    const res = await run('revoke', 'hris-sync');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Revoked 1 token(s) "hris-sync"');
    const db = openDatabase(env.DATABASE_URL as string);
    try {
      expect(await authenticateToken(db.db, token, new Date(), 'pepper-for-tests')).toBeUndefined();
    } finally {
      await db.close();
    }
    const again = await run('revoke', 'hris-sync');
    expect(again.code).toBe(1);
    expect(again.err).toContain('no live token named or with id "hris-sync"');
    expect((await run('list')).out).toMatch(/hris-sync.*revoked \d{4}-\d{2}-\d{2}/);
  });

  it('--help and unknown subcommands', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('okrbot token create --name NAME');
    const createHelp = await run('create', '--help');
    expect(createHelp.code).toBe(0);
    const bad = await run('rotate');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown token command: rotate');
  });
});
