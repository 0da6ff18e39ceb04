// Real okrbot processes for the replica tests: `okrbot serve --no-scheduler` replicas and the
// `okrbot tick --at` runs that drive their scheduled work, all on one database and one local Slack.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import { repoRoot } from '../support/paths.js';

export const REPLICA_SECRET = 'replica-test-signing-secret';
const BIN = resolve(repoRoot, 'bin/okrbot.js');

/** Why the replica tests cannot run here, or undefined when they can. */
export function replicasUnavailable(): string | undefined {
  if (!process.env.OKRBOT_TEST_POSTGRES_URL)
    return 'OKRBOT_TEST_POSTGRES_URL is not set (.ci/start-postgres.sh starts a server): replicas share one PostgreSQL';
  return undefined;
}

/** The replicas are real processes of the compiled dist/: fails clearly when it is missing or stale. */
export function requireFreshBuild(): void {
  for (const p of [
    'src/platform/outbox/store',
    'src/platform/outbox/sender',
    'src/platform/scheduler/claims',
    'src/drafting/slack/view-update-debouncer',
    'src/cli/main',
  ]) {
    const src = resolve(repoRoot, `${p}.ts`);
    const out = resolve(repoRoot, `dist/${p}.js`);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs)
      throw new Error(`dist/${p}.js is missing or older than ${p}.ts: run npm run build first`);
  }
}

/** The settings every process of one deployment shares. */
export function deploymentEnv(slack: LocalSlack, databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: REPLICA_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface OkrbotProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): OkrbotProcess {
  // A fresh working directory: no .env of the developer's is read.
  const child = spawn(process.execPath, [BIN, ...args], {
    env,
    cwd: mkdtempSync(join(tmpdir(), 'okrbot-replica-')),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

export interface Replica extends OkrbotProcess {
  port: number;
  /** Sends signed requests to this replica, as Slack would. */
  client: SignedClient;
}

/** Starts `okrbot serve --no-scheduler` and waits until it listens. */
export async function startReplica(slack: LocalSlack, env: Record<string, string>): Promise<Replica> {
  const p = run(['serve', '--no-scheduler'], env);
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${p.output()}`)), 20_000);
    const check = () => {
      const m = /on port (\d+)/.exec(p.output());
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    p.child.stdout!.on('data', check);
    p.child.stderr!.on('data', check);
    void p.exited.then((code) => reject(new Error(`serve exited with ${code}:\n${p.output()}`)));
  });
  const client = new SignedClient({
    appUrl: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: REPLICA_SECRET,
    slack,
  });
  return { ...p, port, client };
}

/** Starts `okrbot tick --at AT`: one replica's cron firing for that minute. */
export function startTick(at: Date, env: Record<string, string>): OkrbotProcess {
  return run(['tick', '--at', at.toISOString()], env);
}

/** Stops a process if it still runs (SIGTERM, then SIGKILL after a grace period). */
export async function stopProcess(p: OkrbotProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 5_000);
  await p.exited;
  clearTimeout(timer);
}
