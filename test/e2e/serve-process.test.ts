import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { startHarness } from '../support/harness.js';
import { repoRoot } from '../support/paths.js';

const SECRET = 'serve-process-test-secret';

/** Starts `okrbot serve` as a real process and waits for the port it listens on. */
async function startServe(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number; log: () => string }> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'bin/okrbot.js'), 'serve', '--no-scheduler'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 15_000);
    const check = () => {
      const m = /on port (\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return { child, port, log: () => log };
}

describe('okrbot serve as a process', () => {
  let slack: LocalSlack;
  beforeAll(async () => {
    slack = await LocalSlack.start({ teamId: 'T0SERVE', users: sampleSlackUsers() });
  });
  afterAll(async () => {
    await slack?.stop();
  });

  it('answers Slack and /healthz, then stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-serve-'));
    const { child, port, log } = await startServe({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(dir, 'serve.db')}`,
      PORT: '0',
      LOG_LEVEL: 'info',
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const client = new SignedClient({
      appUrl: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SECRET,
      slack,
    });
    const res = await client.slashCommand({ command: '/kpi', text: 'help', userId: 'U01MINA' });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('/kpi log KEY VALUE');

    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log()).toContain('SIGTERM received');
    expect(log()).toContain('okrbot stopped');
  });

  it('answers /healthz with 503 when the database is unreachable', async () => {
    const h = await startHarness({ slack });
    try {
      expect((await fetch(`http://127.0.0.1:${h.bot.port}/healthz`)).status).toBe(200);
      await h.db.destroy();
      const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, database: 'unreachable' });
    } finally {
      await h.stop();
    }
  });
});
