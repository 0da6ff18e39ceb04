// Errors in plain words: what is wrong, named as the operator would look for it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyBot } from '../../src/app/start-okrbot.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { loadConfig } from '../../src/platform/config.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { jobSlackApi } from '../../src/platform/slack/slack-api.js';

const good = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'a-signing-secret' };

describe('errors in plain words', () => {
  it('a network failure is not blamed on the token', async () => {
    const slack = jobSlackApi('xoxb-1-2-abc', 'http://127.0.0.1:9/api/');
    await expect(identifyBot(slack, 'http://127.0.0.1:9/api/')).rejects.toThrow(
      /could not reach Slack .*a network problem, not the token/,
    );
  });

  it('a database that is down is not "migration unknown failed"', async () => {
    const db = openDatabase('postgres://okrbot:x@127.0.0.1:9/okrbot');
    try {
      await expect(migrateToLatest(db.db)).rejects.toThrow(
        /the database did not answer, so no migration ran/,
      );
    } finally {
      await db.close();
    }
  });

  it('DATABASE_URL=sqlite: and an unopenable file name the path', () => {
    const r = loadConfig({ ...good, DATABASE_URL: 'sqlite:' });
    expect(r.ok ? [] : r.problems).toEqual([
      expect.stringContaining('DATABASE_URL sqlite: needs a file path after it'),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'okrbot-words-')), 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => openDatabase(`sqlite:${file}/x.db`)).toThrow(
      `cannot open the SQLite database at ${file}/x.db`,
    );
  });

  it('enum errors list the allowed values in our words', () => {
    const r = loadConfig({ ...good, LOG_LEVEL: 'loud' });
    expect(r.ok ? [] : r.problems).toEqual([
      expect.stringContaining('LOG_LEVEL must be one of debug, info, warn or error'),
    ]);
    const parsed = parseImportFile(
      'people:\n  - { slack_id: U1, name: A }\nobjectives:\n  - { key: o, quarter: 2026Q4, type: stretchy, owner: U1, text: Grow, key_results: [] }\n',
      { people: new Set(), teams: new Set(), kpis: new Set() } as never,
    );
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('must be one of committed, aspirational or cross-team');
  });
});
