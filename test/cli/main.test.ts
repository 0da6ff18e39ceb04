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

describe('okrbot import: dry runs, retiring, every problem at once, warnings', () => {
  let dir: string;
  let slack: LocalSlack;
  let env: Record<string, string>;
  const run = async (args: string[], environment: Record<string, string> = env) => {
    const m = memoryIo(dir);
    const code = await main(['import', ...args], environment, m.io);
    return { code, out: m.out(), err: m.err() };
  };
  const count = async (table: 'key_results' | 'people' | 'audit_events', retired = false) => {
    const db = openDatabase(env.DATABASE_URL!);
    try {
      let q = db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
      if (retired && table !== 'audit_events') q = q.where('retired_at', 'is not', null);
      return Number((await q.executeTakeFirstOrThrow()).n);
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okrbot-import-'));
    slack = await LocalSlack.start({ teamId: 'T0IMP', users: sampleSlackUsers() });
    // No SLACK_SIGNING_SECRET: the import answers no Slack requests.
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'imp.db')}`,
      LOG_LEVEL: 'error',
    };
    writeFileSync(join(dir, 'org.yaml'), sample);
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('imports without SLACK_SIGNING_SECRET', async () => {
    const res = await run(['org.yaml']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(res.out).toContain('Imported org.yaml into workspace T0IMP');
    expect(res.out).toContain('people: 5 created, 0 updated, 0 unchanged, retired: 0');
  });

  it('--dry-run prints what would change, marked, and writes nothing', async () => {
    writeFileSync(
      join(dir, 'smaller.yaml'),
      sample.replace(/ {6}- \{ key: offer-accept[^}]*\}\n/, '').replace('kpi: offer-acceptance ', ''),
    );
    const krs = await count('key_results');
    const audits = await count('audit_events');
    const res = await run(['smaller.yaml', '--dry-run']);
    expect(res.code).toBe(0);
    expect(res.out).toContain(
      'key results: 0 created, 0 updated, 3 unchanged, retired: 1 (hire-faster/offer-accept)',
    );
    expect(res.out).toContain('dry run: nothing written');
    expect(res.out).not.toContain('Time zones refreshed');
    expect(await count('key_results', true)).toBe(0);
    expect(await count('key_results')).toBe(krs);
    expect(await count('audit_events')).toBe(audits);
  });

  it('--keep-missing leaves them; without it they are retired, and the same file again changes nothing', async () => {
    const kept = await run(['smaller.yaml', '--keep-missing']);
    expect(kept.code).toBe(0);
    expect(kept.out).toContain('key results: 0 created, 0 updated, 3 unchanged, retired: 0');
    expect(await count('key_results', true)).toBe(0);
    const retired = await run(['smaller.yaml']);
    expect(retired.out).toContain('retired: 1 (hire-faster/offer-accept)');
    expect(await count('key_results', true)).toBe(1);
    const again = await run(['smaller.yaml']);
    expect(again.out).toContain('key results: 0 created, 0 updated, 3 unchanged, retired: 0');
    expect(again.out).not.toMatch(/[1-9]\d* (created|updated)/);
  });

  it('reports a bad quarter, an unknown manager, a wrong kpi link and a wrong threshold all at once', async () => {
    writeFileSync(
      join(dir, 'four.yaml'),
      sample
        .replace('quarter: 2026Q4', 'quarter: 2026-Q4')
        .replace('manager: U02JOON', 'manager: U09NOBODY')
        .replace('kpi: time-to-hire }', 'kpi: time-to-hyre }')
        .replace('alert_threshold: 52', 'alert_threshold: 40'),
    );
    const res = await run(['four.yaml']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('four.yaml was not imported; 4 problem(s):');
    expect(res.err).toContain('four.yaml:3: people[0].manager: U09NOBODY is not listed under people');
    expect(res.err).toMatch(/four\.yaml:\d+: objectives\[0\]\.quarter: must be a quarter like 2026Q4/);
    expect(res.err).toMatch(
      /four\.yaml:\d+: objectives\[0\]\.key_results\[0\]\.kpi: time-to-hyre is not listed/,
    );
    expect(res.err).toMatch(/four\.yaml:\d+: kpis\[0\]\.alert_threshold: must be above/);
  });

  it('refuses an empty file, and names the line of a YAML syntax error', async () => {
    writeFileSync(join(dir, 'empty.yaml'), '');
    // Before any setting is read: not even the bot token is needed to say so.
    const empty = await run(['empty.yaml'], { DATABASE_URL: env.DATABASE_URL!, LOG_LEVEL: 'error' });
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('empty.yaml is empty');
    writeFileSync(join(dir, 'syntax.yaml'), 'people:\n  - slack_id: U01MINA\n    name: Mina\n teams: x\n');
    const syntax = await run(['syntax.yaml']);
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/^ {2}syntax\.yaml:4: [a-z]/m);
    expect(syntax.err).not.toContain('(file)');
  });

  it('prints lint warnings and still imports', async () => {
    writeFileSync(
      join(dir, 'activity.yaml'),
      sample.replace(
        'Reduce engineering time-to-hire from 52 to 30 days by end of Q4',
        'Run 12 sourcing workshops with hiring managers',
      ),
    );
    const res = await run(['activity.yaml', '--dry-run']);
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/warning\(s\) in activity\.yaml \(they do not stop the import\)/);
    expect(res.err).toMatch(/activity\.yaml:26: objectives\[0\]\.key_results\[0\]\.text: /);
  });

  it('--team: refuses a workspace that is not known, and needs no Slack token for one that is', async () => {
    const offline = { DATABASE_URL: env.DATABASE_URL!, LOG_LEVEL: 'error' };
    const unknown = await run(['org.yaml', '--team', 'T0NOWHERE'], offline);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('workspace T0NOWHERE is not known');
    const known = await run(['org.yaml', '--team', 'T0IMP', '--keep-missing'], offline);
    expect(known.err).toBe('');
    expect(known.code).toBe(0);
    expect(known.out).toContain(
      '--team given: no Slack token needed; time zones are not refreshed from Slack',
    );
  });

  it('without --team it needs the bot token (but still not the signing secret)', async () => {
    const res = await run(['org.yaml'], { DATABASE_URL: env.DATABASE_URL!, LOG_LEVEL: 'error' });
    expect(res.code).toBe(1);
    expect(res.err).toContain('SLACK_BOT_TOKEN is missing');
    expect(res.err).not.toContain('SLACK_SIGNING_SECRET');
  });
});
