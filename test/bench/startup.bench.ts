// Start-up: from spawning `node bin/okrbot.js serve --no-scheduler` (a fresh SQLite file, PORT=0, against a
// local Slack in this process) to its first answered request (GET /healthz answering 200), beside a bare
// Bolt 5 app started the same way (to its first answered request on /slack/events). bin/okrbot.js runs
// dist/: build it first (`npm run build`). Settings: OKRBOT_BENCH_STARTUP_RUNS (default 7).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { type BenchRow, median, ms } from './report.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECRET = 'bench-signing-secret-0123456789';

/** A Bolt 5 app that only acks, started the way okrbot is, saying its port in one JSON log line. */
const BARE_APP = `
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET, endpoints: '/slack/events' });
const app = new App({ token: process.env.SLACK_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL } });
app.command(/.*/, async ({ ack }) => ack());
const server = await app.start(Number(process.env.PORT));
console.log(JSON.stringify({ level: 30, msg: 'bare Bolt app on port ' + server.address().port }));
process.on('SIGTERM', () => app.stop().then(() => process.exit(0)));
`;

interface StartedRun {
  ms: number;
  stop(): Promise<void>;
}

/** Spawns the command and times it to its first answered request: `probe(port)` resolves true once answered. */
async function timeStart(
  args: string[],
  env: Record<string, string>,
  probe: (port: number) => Promise<boolean>,
): Promise<StartedRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        let msg = line;
        try {
          msg = String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
        } catch {}
        const m = /on port (\d+)/.exec(msg);
        if (m) {
          child.stdout.off('data', onData);
          child.stderr.off('data', onData);
          resolvePort(Number(m[1]));
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before listening:\n${output}`)));
  });
  // The log line may come a moment before the first answer; poll until one comes.
  for (;;) {
    if (await probe(port).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const took = performance.now() - t0;
  return {
    ms: took,
    stop: async () => {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export default async function startup(): Promise<BenchRow[]> {
  const runs = Number(process.env.OKRBOT_BENCH_STARTUP_RUNS ?? 7);
  const slack = await LocalSlack.start({ teamId: 'T0LOCAL' });
  const dir = mkdtempSync(join(tmpdir(), 'okrbot-startup-'));
  const env = {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
  };
  const okrbot: number[] = [];
  const bare: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const o = await timeStart(
        ['bin/okrbot.js', 'serve', '--no-scheduler'],
        { ...env, DATABASE_URL: `sqlite:${join(dir, `run-${i}.db`)}` },
        async (port) => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200,
      );
      okrbot.push(o.ms);
      await o.stop();
      const b = await timeStart(
        ['--input-type=module', '-e', BARE_APP],
        env,
        // any HTTP answer is an answered request (an unsigned POST gets 401)
        async (port) => (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status > 0,
      );
      bare.push(b.ms);
      await b.stop();
    }
  } finally {
    await slack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const o = median(okrbot);
  const b = median(bare);
  console.log(
    `okrbot serve, spawn → first answered /healthz: ${okrbot.map((v) => v.toFixed(0)).join(', ')} ms`,
  );
  console.log(
    `bare Bolt app, spawn → first answered request: ${bare.map((v) => v.toFixed(0)).join(', ')} ms`,
  );
  console.log(`median: okrbot ${ms(o)}, bare ${ms(b)} (${(o / b).toFixed(2)}×)`);
  return [
    {
      figure: `start-up median (${runs} runs)`,
      okrbot: ms(o),
      reference: `${ms(b)} bare`,
      ratio: o / b,
      goal: '≤ 1 s',
      met: o <= 1000,
    },
  ];
}
