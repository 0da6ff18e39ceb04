// What an SRE relies on: /metrics in Prometheus format, /readyz, structured logs with no secret in them,
// `okrbot doctor` on a good and a broken setup, `okrbot backup`, and a .env file under the environment.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createApiToken } from '../../src/kpis/index.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { withDotEnv } from '../../src/platform/config.js';
import { createLogger, redact, registerSecrets } from '../../src/platform/logger.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';
import { memoryIo } from '../support/memory-io.js';

/** Parses Prometheus text into `name{labels}` → value. */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe('operations of a running okrbot', () => {
  let h: Harness;
  const lines: string[] = [];
  const PEPPER = 'pepper-for-the-log-grep-0123456789';
  let apiToken = '';

  beforeAll(async () => {
    h = await startHarness({
      config: { logLevel: 'debug', apiTokenPepper: PEPPER },
      logSink: (l) => lines.push(l),
    });
    await h.importSample();
    apiToken = (await createApiToken(h.db, h.teamId, 'hris', h.clock.now(), PEPPER)).token;
  });
  afterAll(async () => {
    await h?.stop();
  });

  const base = () => `http://127.0.0.1:${h.bot.port}`;

  it('answers /metrics in Prometheus text format with requests, ack latency, Slack calls and the outbox', async () => {
    await h.client.slashCommand({ command: '/kpi', text: 'help', userId: 'U01MINA' });
    await h.client.slashCommand({ command: '/okr', text: 'help', userId: 'U01MINA' });
    h.clock.set('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul: prompts go out
    await h.bot.tick(h.clock.now());
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const m = parseMetrics(await res.text());
    expect(m.get('okrbot_requests_total{kind="command",outcome="ok"}')).toBeGreaterThanOrEqual(2);
    expect(m.get('okrbot_ack_seconds_count{kind="command"}')).toBeGreaterThanOrEqual(2);
    expect(
      [...m.keys()].some((k) =>
        k.startsWith('okrbot_slack_calls_total{method="chat.postMessage",outcome="ok"}'),
      ),
    ).toBe(true);
    expect(
      [...m.keys()].some((k) => k.startsWith('okrbot_jobs_total{job="checkin-prompts",outcome="ok"}')),
    ).toBe(true);
    expect([...m.keys()].some((k) => k.startsWith('okrbot_outbox_messages'))).toBe(true);
    expect(m.has('okrbot_process_resident_memory_bytes')).toBe(true);
  });

  it('answers /readyz with each check, and /healthz', async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ok: true,
      checks: { database: 'reachable', migrations: 'current', slack_token: 'valid' },
    });
    expect((await fetch(`${base()}/healthz`)).status).toBe(200);
  });

  it('answers 405 to GET, PUT and DELETE on /slack/events, and 413 to an oversized body without reading it', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${base()}/slack/events`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base()}/slack/events`, {
        method: 'POST',
        headers: { 'content-length': String(10 * 1024 * 1024), 'content-type': 'application/json' },
      });
      req.on('response', (r) => resolve(r.statusCode ?? 0));
      req.on('error', reject);
      req.write('x'.repeat(1024)); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
  });

  it('writes one JSON line per request with a request id, and never a token or secret', async () => {
    await h.client.slashCommand({ command: '/kpi', text: 'list', userId: 'U01MINA' });
    await fetch(`${base()}/api/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [{ kpi: 'time-to-hire', period: '2026-10', value: 61 }] }),
    });
    await fetch(`${base()}/api/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}x`, 'content-type': 'application/json' },
      body: '{}',
    });
    h.bot.ctx.log.error(`a careless message that quotes ${h.slack.botToken} and ${SIGNING_SECRET}`);
    expect(lines.length).toBeGreaterThan(5);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((p) => p.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) {
      expect(r.requestId).toMatch(/^[\w-]{8,}$/);
      expect(typeof r.status).toBe('number');
    }
    expect(requests.some((r) => r.kind === 'command' && r.workspace === h.teamId)).toBe(true);
    const all = lines.join('\n');
    for (const secret of [h.slack.botToken, SIGNING_SECRET, PEPPER, apiToken])
      expect(all).not.toContain(secret);
  });
});

describe('the logger', () => {
  it('masks Slack tokens, bearer tokens and registered secrets in messages and errors', () => {
    const lines: string[] = [];
    const log = createLogger('debug', 'okrbot', (l) => lines.push(l));
    registerSecrets(['a-registered-secret-value']);
    log.error('token xoxb-123-456-abc and xapp-1-A-2-b, Bearer abcdefghijk, a-registered-secret-value');
    log.error('failed:', new Error('with xoxb-999-888-zzz inside'));
    const text = lines.join('\n');
    expect(text).not.toMatch(/xoxb-123|xapp-1-A|abcdefghijk|a-registered-secret-value|xoxb-999/);
    const err = JSON.parse(lines[1]!) as { level: string; err: { stack: string } };
    expect(err.level).toBe('error');
    expect(err.err.stack).toContain('Error: with xoxb-[redacted]');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});

describe('okrbot doctor, backup and .env', () => {
  let slack: LocalSlack;
  beforeAll(async () => {
    slack = await LocalSlack.start({ teamId: 'T0DOCTOR' });
  });
  afterAll(async () => {
    await slack?.stop();
  });
  const envFor = (dir: string) => ({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: 'doctor-signing-secret',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: `sqlite:${join(dir, 'okrbot.db')}`,
  });

  it('says everything is fine on a good setup, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-doctor-'));
    expect(await main(['migrate'], envFor(dir), memoryIo(dir).io)).toBe(0);
    const io = memoryIo(dir);
    expect(await main(['doctor'], envFor(dir), io.io)).toBe(0);
    const out = io.out();
    expect(out).toContain('ok    Database');
    expect(out).toContain('ok    Migrations: current');
    expect(out).toContain('ok    Slack token: valid');
    expect(out).toContain('ok    Scopes: all 6 the manifest asks for');
    expect(out).toContain('okrbot looks healthy.');
  });

  it('names each problem of a broken setup in plain words, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-doctor-'));
    slack.scopes = ['commands', 'chat:write'];
    try {
      const io = memoryIo(dir);
      expect(await main(['doctor'], envFor(dir), io.io)).toBe(1);
      const out = io.out();
      expect(out).toMatch(/FAIL {2}Migrations: \d+ not applied .*run okrbot migrate/);
      expect(out).toContain('FAIL  Scopes: missing im:write, im:history, users:read, files:write');
      const bad = memoryIo(dir);
      expect(await main(['doctor'], { ...envFor(dir), SLACK_BOT_TOKEN: 'xoxb-wrong' }, bad.io)).toBe(1);
      expect(bad.out()).toContain('FAIL  Slack token: Slack refused SLACK_BOT_TOKEN: invalid_auth');
      const unreachable = memoryIo(dir);
      expect(
        await main(['doctor'], { ...envFor(dir), SLACK_API_URL: 'http://127.0.0.1:9/api/' }, unreachable.io),
      ).toBe(1);
      expect(unreachable.out()).toContain('a network problem, not the token');
    } finally {
      slack.scopes = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'files:write'];
    }
  });

  it('backs up a SQLite database to a file that opens and holds the data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-backup-'));
    expect(await main(['migrate'], envFor(dir), memoryIo(dir).io)).toBe(0);
    const io = memoryIo(dir);
    expect(await main(['backup', 'copy.db'], envFor(dir), io.io)).toBe(0);
    expect(existsSync(join(dir, 'copy.db'))).toBe(true);
    const check = memoryIo(dir);
    expect(
      await main(['doctor'], { ...envFor(dir), DATABASE_URL: `sqlite:${join(dir, 'copy.db')}` }, check.io),
    ).toBe(0);
  });

  it('reads .env under the environment: the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-dotenv-'));
    writeFileSync(
      join(dir, '.env'),
      'PORT=4000\nLOG_LEVEL=debug\n# a comment\nDEFAULT_TIME_ZONE="Asia/Seoul"\n',
    );
    const env = withDotEnv({ LOG_LEVEL: 'warn' }, dir);
    expect(env).toMatchObject({ PORT: '4000', LOG_LEVEL: 'warn', DEFAULT_TIME_ZONE: 'Asia/Seoul' });
    expect(withDotEnv({ A: '1' }, mkdtempSync(join(tmpdir(), 'okrbot-noenv-')))).toEqual({ A: '1' });
  });
});
