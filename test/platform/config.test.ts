import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';

const good = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'a-signing-secret',
};

describe('configuration', () => {
  it('fills defaults for everything optional', () => {
    const result = loadConfig(good);
    expect(result).toEqual({
      ok: true,
      config: expect.objectContaining({
        slackApiUrl: 'https://slack.com/api/',
        port: 3000,
        databaseUrl: 'sqlite:./data/okrbot.db',
        logLevel: 'info',
        defaultTimeZone: 'UTC',
        slackAppToken: undefined,
      }),
    });
  });

  it('names every wrong setting on its own line with an example', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      DEFAULT_TIME_ZONE: 'Mars/Olympus',
      SLACK_API_URL: 'not a url',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byName = Object.fromEntries(result.problems.map((p) => [p.split(' ')[0], p]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'DATABASE_URL',
        'DEFAULT_TIME_ZONE',
        'LOG_LEVEL',
        'PORT',
        'SLACK_API_URL',
        'SLACK_BOT_TOKEN',
        'SLACK_SIGNING_SECRET',
      ].sort(),
    );
    expect(byName.SLACK_SIGNING_SECRET).toMatch(/is missing; for example SLACK_SIGNING_SECRET=/);
    expect(byName.SLACK_BOT_TOKEN).toMatch(/xoxb-/);
    expect(byName.DEFAULT_TIME_ZONE).toMatch(/IANA time zone/);
    for (const line of result.problems) expect(line).not.toMatch(/\n/);
  });

  it('selects Socket Mode settings and keeps a custom Web API URL with a trailing slash', () => {
    const result = loadConfig({
      ...good,
      SLACK_APP_TOKEN: 'xapp-1-A1-2-abc',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(result.ok && result.config.slackAppToken).toBe('xapp-1-A1-2-abc');
    expect(result.ok && result.config.slackApiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ ...good, SLACK_APP_TOKEN: '  ', PORT: '' }).ok).toBe(true);
  });

  it('does not ask for Slack tokens for database-only commands', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' }, 'database')).toMatchObject({ ok: true });
  });
});
