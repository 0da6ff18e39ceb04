import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { memoryIo } from '../support/memory-io.js';
import { repoRoot } from '../support/paths.js';

const bin = resolve(repoRoot, 'bin/okrbot.js');
const sample = readFileSync(resolve(repoRoot, 'src/demo/sample-org.yaml'), 'utf8');

describe('okrbot command line', () => {
  let dir: string;
  let slack: LocalSlack;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okrbot-cli-'));
    slack = await LocalSlack.start({
      teamId: 'T0CLI',
      users: sampleSlackUsers().map((u) => (u.id === 'U01MINA' ? { ...u, tz: 'Europe/Berlin' } : u)),
    });
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'cli-test-secret',
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`,
      LOG_LEVEL: 'error',
    };
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('refuses to start with a bad configuration: one line per setting, exit 1, no stack trace', () => {
    const result = spawnSync(process.execPath, [bin, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        SLACK_BOT_TOKEN: 'xoxp-wrong',
        PORT: 'http',
        DATABASE_URL: 'mysql://db',
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n');
    expect(
      lines.some((l) => /^\s+SLACK_BOT_TOKEN must be a bot token starting with xoxb-; for example/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => /^\s+SLACK_SIGNING_SECRET is missing; for example/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+PORT .*; for example PORT=3000/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s+DATABASE_URL must start with sqlite: or postgres:\/\//.test(l))).toBe(true);
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints help for every command', async () => {
    for (const command of ['serve', 'migrate', 'import', 'tick', 'demo']) {
      const m = memoryIo(dir);
      expect(await main([command, '--help'], env, m.io)).toBe(0);
      expect(m.out()).toContain(`okrbot ${command}`);
    }
    const m = memoryIo(dir);
    expect(await main(['--help'], env, m.io)).toBe(0);
    expect(m.out()).toContain('tick --at ISO-TIME');
  });

  it('treats an unknown command or option as a usage error (exit 2)', async () => {
    expect(await main(['frobnicate'], env, memoryIo(dir).io)).toBe(2);
    const m = memoryIo(dir);
    expect(await main(['tick', '--at', 'next monday'], env, m.io)).toBe(2);
    expect(m.err()).toContain('--at must be an ISO time with a zone');
    expect(await main(['serve', '--sheduler'], env, memoryIo(dir).io)).toBe(2);
  });

  it('migrates a new database, then reports it up to date', async () => {
    const first = memoryIo(dir);
    expect(await main(['migrate'], { DATABASE_URL: `sqlite:${join(dir, 'm.db')}` }, first.io)).toBe(0);
    expect(first.out()).toContain('applied 0001_initial');
    const second = memoryIo(dir);
    expect(await main(['migrate'], { DATABASE_URL: `sqlite:${join(dir, 'm.db')}` }, second.io)).toBe(0);
    expect(second.out()).toContain('up to date');
  });

  it("imports into the bot token's workspace, refreshes time zones from Slack, and a second import changes nothing", async () => {
    writeFileSync(join(dir, 'org.yaml'), sample);
    const first = memoryIo(dir);
    expect(await main(['import', 'org.yaml'], env, first.io)).toBe(0);
    expect(first.out()).toContain('Imported org.yaml into workspace T0CLI');
    expect(first.out()).toContain('people: 5 created, 0 updated, 0 unchanged');
    expect(first.out()).toMatch(/Time zones refreshed from Slack for 5 of 5 people/);
    const second = memoryIo(dir);
    expect(await main(['import', 'org.yaml'], env, second.io)).toBe(0);
    expect(second.out()).toContain('key results: 0 created, 0 updated, 2 unchanged'.replace('2', '4'));
    const db = openDatabase(env.DATABASE_URL!);
    const mina = await db.db
      .selectFrom('people')
      .selectAll()
      .where('slack_id', '=', 'U01MINA')
      .executeTakeFirstOrThrow();
    await db.close();
    expect(mina).toMatchObject({ team_id: 'T0CLI', tz: 'Europe/Berlin', tz_source: 'slack' });
  });

  it('rejects a bad import file whole, one line per problem with file, line and field', async () => {
    const bad = sample
      .replace('type: committed', 'type: stretch')
      .replace('owner: U03DANA', 'owner: U77GHOST');
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const m = memoryIo(dir);
    expect(await main(['import', 'bad.yaml', '--team', 'T0OTHER'], env, m.io)).toBe(1);
    expect(m.err()).toMatch(/bad\.yaml:\d+: objectives\[0\]\.type: /);
    const db = openDatabase(env.DATABASE_URL!);
    const other = await db.db.selectFrom('objectives').selectAll().where('team_id', '=', 'T0OTHER').execute();
    await db.close();
    expect(other).toEqual([]);
  });

  it('runs a tick for a given instant and reports what it sent', async () => {
    const m = memoryIo(dir);
    expect(await main(['tick', '--at', '2026-11-23T01:00:00Z'], env, m.io)).toBe(0);
    expect(m.out()).toContain('tick at 2026-11-23T01:00:00.000Z');
  });
});
