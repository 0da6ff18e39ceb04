import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LocalSlack } from '../../src/localslack/local-slack.js';
import { SIGNING_SECRET } from '../support/harness.js';
import { repoRoot } from '../support/paths.js';

// `okrbot serve` and `okrbot tick --at` as real processes (the compiled dist/, as `npm test` builds it).
const BIN = resolve(repoRoot, 'bin/okrbot.js');
const KEEP_LOG = 200_000;

/** Fails with a clear message when dist/ is missing or older than the sources it runs. */
export function requireFreshBuild(): void {
  for (const p of [
    'src/cli/main',
    'src/app/start-okrbot',
    'src/platform/outbox/sender',
    'src/kpis/readings',
  ]) {
    const src = resolve(repoRoot, `${p}.ts`);
    const out = resolve(repoRoot, `dist/${p}.js`);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs)
      throw new Error(
        `dist/${p}.js is missing or older than ${p}.ts: run npx tsc -p tsconfig.build.json first`,
      );
  }
}

/** The environment `okrbot` reads, for a local Slack and a database. */
export function okrbotEnv(slack: LocalSlack, databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    SLACK_POST_PER_MINUTE: '100000',
    DEFAULT_TIME_ZONE: 'UTC',
    ...extra,
  };
}

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  log(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** `kill -9`. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts `okrbot serve` (HTTP on a free port) and waits until it listens. */
export async function startServe(env: Record<string, string>, args: string[] = []): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (d: Buffer) => {
    log += d;
    if (log.length > KEEP_LOG * 2) log = log.slice(-KEEP_LOG);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${log}`)), 30_000);
    const check = () => {
      const m = /on port (\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return {
    child,
    port,
    log: () => log,
    exited,
    kill9: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface TickProcess {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Runs `okrbot tick --at AT` (every job due then, and the outbox) as a process. */
export function tickProcess(env: Record<string, string>, at: Date): TickProcess {
  const child = spawn(process.execPath, [BIN, 'tick', '--at', at.toISOString()], {
    env: { LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
    child.once('exit', (code) => r({ code, stdout, stderr })),
  );
  return { child, done };
}

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what = 'condition',
) {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
