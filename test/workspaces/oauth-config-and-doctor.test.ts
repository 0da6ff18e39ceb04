import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/app/oauth-mode.js';
import { manifestScopes, runDoctor } from '../../src/cli/doctor-command.js';
import { loadConfig } from '../../src/platform/config.js';
import { SIGNING_SECRET } from '../support/harness.js';
import { memoryIo } from '../support/memory-io.js';
import { repoRoot } from '../support/paths.js';
import { STATE_SECRET, startTwoWorkspaces, TEAM_A, type TwoWorkspaces } from './two-workspaces.js';

const KEY = randomBytes(32).toString('base64');
const oauthEnv = {
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'local-client-secret',
  SLACK_STATE_SECRET: STATE_SECRET,
  OKRBOT_ENCRYPTION_KEY: KEY,
};

describe('OAuth settings', () => {
  it('are all three or none, need the encryption key, and replace SLACK_BOT_TOKEN', () => {
    const ok = loadConfig(oauthEnv);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.config.oauth?.clientId).toBe('1111.2222');
      expect(ok.config.oauth?.encryptionKey).toEqual(Buffer.from(KEY, 'base64'));
      expect(ok.config.slackBotToken).toBe('');
    }
    const hex = loadConfig({ ...oauthEnv, OKRBOT_ENCRYPTION_KEY: 'ab'.repeat(32) });
    expect(hex.ok).toBe(true);

    const partial = loadConfig({ ...oauthEnv, SLACK_CLIENT_SECRET: '', SLACK_STATE_SECRET: ' ' });
    expect(partial.ok).toBe(false);
    if (!partial.ok)
      expect(partial.problems).toContainEqual(
        expect.stringMatching(/^SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are missing; .*go together/),
      );

    const noKey = loadConfig({ ...oauthEnv, OKRBOT_ENCRYPTION_KEY: undefined });
    expect(noKey.ok).toBe(false);
    if (!noKey.ok)
      expect(noKey.problems.join('\n')).toMatch(/^OKRBOT_ENCRYPTION_KEY is missing; OAuth mode/m);

    const shortKey = loadConfig({ ...oauthEnv, OKRBOT_ENCRYPTION_KEY: 'c2hvcnQ=' });
    expect(shortKey.ok).toBe(false);
    if (!shortKey.ok)
      expect(shortKey.problems.join('\n')).toMatch(/OKRBOT_ENCRYPTION_KEY must be 32 random bytes/);

    const both = loadConfig({ ...oauthEnv, SLACK_BOT_TOKEN: 'xoxb-1-2' });
    expect(both.ok).toBe(false);
    if (!both.ok)
      expect(both.problems.join('\n')).toMatch(/SLACK_BOT_TOKEN must be left unset in OAuth mode/);

    const single = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: SIGNING_SECRET });
    expect(single.ok && single.config.oauth).toBe(undefined);
  });

  it('ask for the scopes the manifest lists', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifestScopes(repoRoot)].sort());
  });
});

describe('okrbot doctor in OAuth mode', () => {
  let w: TwoWorkspaces;
  beforeAll(async () => {
    w = await startTwoWorkspaces();
    w.config.oauth!.encryptionKey.set(Buffer.from(KEY, 'base64'));
    expect(await w.install(TEAM_A)).toBe(200);
  });
  afterAll(async () => {
    await w?.stop();
  });
  const doctor = async (env: Record<string, string>) => {
    const m = memoryIo(repoRoot);
    const code = await runDoctor([], env, m.io, repoRoot);
    return { code, out: m.out() };
  };

  it('needs no SLACK_BOT_TOKEN and checks each installed workspace token', async () => {
    const res = await doctor({
      ...oauthEnv,
      SLACK_API_URL: w.slack.apiUrl,
      DATABASE_URL: w.config.databaseUrl,
    });
    expect(res.out).toContain(
      'OAuth: many workspaces: installs through /slack/install; 1 workspace(s) installed',
    );
    expect(res.out).toContain(`valid for workspace Acme People (${TEAM_A})`);
    expect(res.code).toBe(0);
  });

  it('fails, in plain words, when the encryption key is not the one the tokens were stored with', async () => {
    const res = await doctor({
      ...oauthEnv,
      OKRBOT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SLACK_API_URL: w.slack.apiUrl,
      DATABASE_URL: w.config.databaseUrl,
    });
    expect(res.code).toBe(1);
    expect(res.out).toContain('OKRBOT_ENCRYPTION_KEY is not the key it was stored with');
  });
});
