// okrbot as `serve` runs it (startOkrbot: Bolt over HTTP, /healthz, /metrics, the outbox), in a child
// process of its own, so that the CPU time and peak memory measured are the bot's alone: the bench that
// seeded the database and the local Slack (another process) are not counted. The child runs scheduler
// ticks (the check-in jobs, then the sender) until the outbox is empty and reports what it cost.
//
// Parent: `runBotRound(options)`; child: this module forked with OKRBOT_BENCH_BOT_CHILD=1. Profile the bot
// alone with OKRBOT_BENCH_BOT_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outboxFor, startOkrbot } from '../../src/app/start-okrbot.js';
import { checkinJobs } from '../../src/checkins/jobs.js';
import type { Config } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import type { ScheduledJob } from '../../src/platform/scheduler/tick.js';
import { jobSlackApi, type SlackApi } from '../../src/platform/slack/slack-api.js';
import { peakRssMbOf } from './report.js';

export interface BotRoundOptions {
  databaseUrl: string;
  slackApiUrl: string;
  botToken: string;
  /** The instant the round starts at (the bot's clock runs on from it in real time). */
  at: string;
  /** At most this many ticks. */
  maxTicks: number;
}

export interface BotRoundResult {
  wallMs: number;
  /** Time inside the scheduled jobs (queueing the round), the rest of the ticks being the sender. */
  jobsMs: number;
  /** CPU time (user + system) of the bot process over the ticks. */
  cpuMs: number;
  ticks: number;
  calls: number;
  /** Sum of each call's answer time. */
  answerMs: number;
  /** Time with at least one Slack call in flight. */
  busyMs: number;
  rateLimited: number;
  /** Peak RSS of the bot process over its whole life (VmHWM), and before the round (after start-up). */
  peakRssMb: number;
  startRssMb: number;
  /** Peak V8 heap in use over the ticks, sampled; and the sampled peaks by the end of the jobs (queueing). */
  peakHeapMb: number;
  queueing: { peakRssMb: number; peakHeapMb: number };
}

/**
 * The node flags the image runs serve with (the Dockerfile's `ENV NODE_OPTIONS=`), so the bench measures
 * serve as it is deployed; OKRBOT_BENCH_NODE_DEFAULTS=1 leaves them out to show V8's defaults.
 */
export function imageNodeOptions(): string[] {
  if (process.env.OKRBOT_BENCH_NODE_DEFAULTS === '1') return [];
  const dockerfile = readFileSync(new URL('../../../Dockerfile', import.meta.url), 'utf8');
  const line = /^ENV NODE_OPTIONS=(\S+)/m.exec(dockerfile);
  return line?.[1] ? [line[1]] : [];
}

/** Runs one round in a fresh bot process and returns what it cost. */
export function runBotRound(options: BotRoundOptions): Promise<BotRoundResult> {
  // OKRBOT_BENCH_BOT_NODE_ARGS: extra node flags for the bot process only (e.g. --cpu-prof --heap-prof).
  const extra = (process.env.OKRBOT_BENCH_BOT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, OKRBOT_BENCH_BOT_CHILD: '1' },
    execArgv: [...process.execArgv, ...imageNodeOptions(), ...extra],
    stdio: 'inherit',
  });
  return new Promise<BotRoundResult>((resolve, reject) => {
    let result: BotRoundResult | undefined;
    child.once('message', (answer) => {
      const a = answer as { result?: BotRoundResult; error?: string };
      if (a.error) reject(new Error(`bot process: ${a.error}`));
      else result = a.result;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`bot process exited (${code}) without a result`)),
    );
    child.send(options);
  });
}

/** A SlackApi that measures how long Slack takes to answer: per call, and as time with any call in flight. */
class TimedSlack implements SlackApi {
  calls = 0;
  answerMs = 0;
  busyMs = 0;
  private inFlight = 0;
  private busySince = 0;
  constructor(private readonly inner: SlackApi) {}
  async call(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    const start = performance.now();
    if (this.inFlight++ === 0) this.busySince = start;
    try {
      return await this.inner.call(method, args);
    } finally {
      const end = performance.now();
      this.calls++;
      this.answerMs += end - start;
      if (--this.inFlight === 0) this.busyMs += end - this.busySince;
    }
  }
}

/** This process's peak resident set (Linux VmHWM), in MB; the sampled figure where /proc is missing. */
function peakRssMb(sampled: number): number {
  const hwm = peakRssMbOf('self');
  return Number.isFinite(hwm) ? hwm : sampled / 2 ** 20;
}

async function roundInThisProcess(o: BotRoundOptions): Promise<BotRoundResult> {
  const config: Config = {
    slackBotToken: o.botToken,
    slackSigningSecret: 'bench-signing-secret',
    slackAppToken: undefined,
    slackApiUrl: o.slackApiUrl,
    port: 0,
    databaseUrl: o.databaseUrl,
    logLevel: 'error',
    defaultTimeZone: 'UTC',
    apiTokenPepper: undefined,
    adminIds: [],
    slackPostPerMinute: 3000,
  };
  const client = jobSlackApi(o.botToken, o.slackApiUrl);
  const timed = new TimedSlack(client);
  const at = Date.parse(o.at);
  const started = Date.now();
  const now = () => new Date(at + (Date.now() - started));
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  let jobsMs = 0;
  const queueing = { peakRssMb: 0, peakHeapMb: 0 };
  const jobs: ScheduledJob[] = checkinJobs().map((job) => ({
    name: job.name,
    run: async (c, when) => {
      const t = performance.now();
      try {
        return await job.run(c, when);
      } finally {
        jobsMs += performance.now() - t;
        sample();
        queueing.peakRssMb = Math.max(queueing.peakRssMb, peakRss / 2 ** 20);
        queueing.peakHeapMb = Math.max(queueing.peakHeapMb, peakHeap / 2 ** 20);
      }
    },
  }));
  const database = openDatabase(o.databaseUrl);
  const bot = await startOkrbot({ config, database, scheduler: false, now, slack: timed, jobs });
  // This round measures the bot's own cost against a local Slack that does not limit: no pacing
  // (pacing.bench.ts runs the round against enforced limits). 429 pauses still apply.
  const { ctx } = bot;
  ctx.outbox = outboxFor({
    db: ctx.db,
    slack: ctx.slack,
    worker: ctx.worker,
    now,
    log: ctx.log,
    track: ctx.track,
    pacing: { enabled: false },
  });
  peakRss = process.memoryUsage.rss();
  const startRssMb = peakRssMb(peakRss);
  const base = { calls: timed.calls, answerMs: timed.answerMs, busyMs: timed.busyMs };
  const sampler = setInterval(sample, 25);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let ticks = 0;
  let rateLimited = 0;
  for (;;) {
    const report = await bot.tick(now());
    ticks++;
    rateLimited += report.outbox.rateLimitedWaits;
    const left = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('status', 'in', ['pending', 'failed', 'sending'])
      .limit(1)
      .execute();
    if (left.length === 0 || ticks >= o.maxTicks) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  sample();
  await bot.stop();
  return {
    wallMs,
    jobsMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ticks,
    calls: timed.calls - base.calls,
    answerMs: timed.answerMs - base.answerMs,
    busyMs: timed.busyMs - base.busyMs,
    rateLimited,
    peakRssMb: peakRssMb(peakRss),
    startRssMb,
    peakHeapMb: peakHeap / 2 ** 20,
    queueing,
  };
}

if (process.env.OKRBOT_BENCH_BOT_CHILD === '1') {
  process.once('message', (raw) => {
    roundInThisProcess(raw as BotRoundOptions).then(
      (result) => process.send?.({ result }, () => process.exit(0)),
      (error: unknown) =>
        process.send?.(
          { error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
          () => process.exit(1),
        ),
    );
  });
}
