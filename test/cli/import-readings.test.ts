import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvReadings, parseCsv } from '../../src/cli/import-readings.js';
import { main } from '../../src/cli/main.js';
import { sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { memoryIo } from '../support/memory-io.js';
import { repoRoot } from '../support/paths.js';

describe('CSV parsing', () => {
  it('reads quoted fields, doubled quotes, CRLF, blank lines and remembers lines', () => {
    const parsed = parseCsv('kpi,period,value\r\n"hr-sla","2026-W47",88\r\n\r\n"a ""b""",2026-10,"1,5"\n');
    expect(parsed).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['kpi', 'period', 'value'] },
        { line: 2, fields: ['hr-sla', '2026-W47', '88'] },
        { line: 4, fields: ['a "b"', '2026-10', '1,5'] },
      ],
    });
    expect(parseCsv('kpi,period\n"open,2026-10,1\n')).toMatchObject({ ok: false, line: 2 });
  });

  it('tolerates a missing header, and a header in another order', () => {
    expect(csvReadings('r.csv', 'hr-sla,2026-W47,88\n').rows).toEqual([
      { line: 1, kpi: 'hr-sla', period: '2026-W47', value: 88 },
    ]);
    expect(csvReadings('r.csv', 'value,kpi,period\n61,time-to-hire,2026-10\n').rows).toEqual([
      { line: 2, kpi: 'time-to-hire', period: '2026-10', value: 61 },
    ]);
    expect(
      csvReadings('r.csv', 'kpi,period,value\nhr-sla,2026-W47,eighty\nhr-sla,2026-W48\n').problems,
    ).toEqual([
      'r.csv:2: value: must be a number, got "eighty"',
      'r.csv:3: expected 3 fields (kpi,period,value), got 2',
    ]);
  });
});

describe('okrbot import readings.csv', () => {
  let dir: string;
  let slack: LocalSlack;
  let env: Record<string, string>;
  const run = async (file: string, extra: string[] = [], environment = env) => {
    const m = memoryIo(dir);
    const code = await main(['import', file, ...extra], environment, m.io);
    return { code, out: m.out(), err: m.err() };
  };
  const count = async (table: 'kpi_readings' | 'alerts' | 'outbox') => {
    const db = openDatabase(env.DATABASE_URL as string);
    try {
      return Number(
        (
          await db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    } finally {
      await db.close();
    }
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okrbot-csv-'));
    slack = await LocalSlack.start({ teamId: 'T0CSV', users: sampleSlackUsers() });
    env = {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: 'csv-test-secret',
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'csv.db')}`,
      LOG_LEVEL: 'error',
    };
    const org = await main(['import', join(repoRoot, 'src/demo/sample-org.yaml')], env, memoryIo(dir).io);
    expect(org).toBe(0);
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('a file with any bad line stores nothing and names every bad line', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      [
        'kpi,period,value',
        'hr-sla,2026-W46,97',
        'hr-sla,2026-10,88',
        'nope,2026-W47,1',
        'hr-sla,2026-W48,lots',
        'time-to-hire,"2026-10-15",61',
      ].join('\n'),
    );
    const res = await run('bad.csv');
    expect(res.code).toBe(1);
    expect(res.err).toContain('bad.csv was not imported; nothing was stored. 3 problem(s):');
    expect(res.err).toContain('bad.csv:3: period: "2026-10" is a month, but this KPI is weekly');
    expect(res.err).toContain('bad.csv:4: kpi: no KPI with key nope in this workspace');
    expect(res.err).toContain('bad.csv:5: value: must be a number, got "lots"');
    expect(await count('kpi_readings')).toBe(0);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a good file is stored, evaluated and its alert sent: one DM and one channel post', async () => {
    writeFileSync(
      join(dir, 'readings.csv'),
      'kpi,period,value\nhr-sla,2026-W46,97\nhr-sla,2026-W47,85\ntime-to-hire,2026-10-15,41\n',
    );
    const res = await run('readings.csv');
    expect(res.code).toBe(0);
    expect(res.out).toContain('3 reading(s) stored, 0 unchanged');
    expect(res.out).toContain('hr-sla: fire threshold (critical), owner told');
    expect(res.out).toContain('Messages: 2 sent.');
    expect(slack.messages('U05PRIYA').filter((m) => !m.thread_ts)).toHaveLength(1);
    expect(slack.messages('C0PEOPLE').filter((m) => !m.thread_ts)).toHaveLength(1);
    const again = await run('readings.csv');
    expect(again.out).toContain('0 reading(s) stored, 3 unchanged');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('with --team and no Slack token, the alert updates stay queued for the running server', async () => {
    writeFileSync(join(dir, 'offline.csv'), 'hr-sla,2026-W48,80\n');
    const calls = slack.calls.length;
    const queuedBefore = await count('outbox');
    const res = await run('offline.csv', ['--team', 'T0CSV'], {
      DATABASE_URL: env.DATABASE_URL as string,
      LOG_LEVEL: 'error',
    });
    expect(res.code).toBe(0);
    expect(res.out).toContain('1 reading(s) stored');
    expect(res.out).toContain('hr-sla: repeat threshold (critical)');
    expect(res.out).toContain('alert message(s) queued; the running okrbot sends them on its next tick');
    expect(slack.calls.length).toBe(calls);
    expect(await count('outbox')).toBeGreaterThan(queuedBefore);
  });
});
