// How fast okrbot acks what Slack sends, beside a bare Bolt 5 app that only acks. okrbot (SQLite, the sample
// org imported) and the bare app run in child processes of their own; this process is the local Slack and
// the load generator. Waves of concurrent, correctly signed requests alternate between the two apps:
//   /okr help, a keystroke in the /okr draft modal, a check-in submission (written durably before the ack).
// Settings (environment): OKRBOT_BENCH_WAVES (default 20), OKRBOT_BENCH_CONCURRENCY (default 50).
//   npx tsc -p tsconfig.bench.json && node dist-bench/test/bench/run.js ack-latency
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { startOkrbot } from '../../src/app/start-okrbot.js';
import { sampleOrgText, sampleSlackUsers } from '../../src/demo/sample-org.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import { SignedClient } from '../../src/localslack/signed-client.js';
import type { LocalMessage } from '../../src/localslack/types.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { loadConfig } from '../../src/platform/config.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { freshSqliteUrl } from '../support/databases.js';
import { type BenchRow, ms, quantile } from './report.js';

export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const TEAM_ID = 'T0LOCAL';
const ROLE = 'OKRBOT_BENCH_CHILD';

type ToChild = { type: 'tick'; at: string } | { type: 'stop' };
type FromChild = { type: 'ready'; port: number } | { type: 'ticked'; errors: string[] } | { type: 'stopped' };

/** A child process running okrbot or a bare Bolt app, spoken to over IPC. */
export interface AppChild {
  port: number;
  url: string;
  child: ChildProcess;
  request(msg: ToChild): Promise<FromChild>;
  stop(): Promise<void>;
}

/** Starts `role` ('okrbot' or 'bare') in a child process against the local Slack at `slack`. */
export async function startAppChild(
  role: 'okrbot' | 'bare',
  slack: LocalSlack,
  env: Record<string, string> = {},
): Promise<AppChild> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: {
      ...process.env,
      [ROLE]: role,
      SLACK_API_URL: slack.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${role} child exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as FromChild);
      });
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`${role} child: unexpected ${JSON.stringify(ready)}`);
  return {
    port: ready.port,
    url: `http://127.0.0.1:${ready.port}/slack/events`,
    child,
    request: (msg) => {
      const answer = next();
      child.send(msg);
      return answer;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ToChild);
      // A clean stop waits for in-flight work; a benchmark does not wait for it for long.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------- the children

/** With OKRBOT_BENCH_CPU_PROFILE=<file>, okrbot's child records a CPU profile there (written when it stops). */
async function startProfiling(): Promise<(() => Promise<void>) | undefined> {
  const file = process.env.OKRBOT_BENCH_CPU_PROFILE;
  if (!file) return undefined;
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  };
}

async function runOkrbotChild(): Promise<void> {
  const profiled = await startProfiling();
  let now = new Date(process.env.OKRBOT_BENCH_NOW ?? '2026-11-23T00:00:00Z');
  const databaseUrl = await freshSqliteUrl();
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database.db);
  // Settings the way `okrbot serve` reads them (so new settings get their defaults).
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: process.env.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: process.env.SLACK_API_URL,
    PORT: '0',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'error',
    DEFAULT_TIME_ZONE: 'UTC',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('; '));
  const config = loaded.config;
  const bot = await startOkrbot({ config, database, scheduler: false, now: () => new Date(now) });
  const parsed = parseImportFile(sampleOrgText(), await knownIds(database.db, bot.ctx.teamId));
  if (!parsed.ok) throw new Error(`sample org is invalid: ${JSON.stringify(parsed.problems)}`);
  await applyImport(database.db, bot.ctx.teamId, parsed.file, now);
  process.on('message', (raw) => {
    const msg = raw as ToChild;
    void (async () => {
      if (msg.type === 'tick') {
        now = new Date(msg.at);
        const report = await bot.tick(now);
        const errors = Object.entries(report.jobs).flatMap(([name, r]) =>
          'error' in r ? [`${name}: ${String(r.error)}`] : [],
        );
        process.send!({ type: 'ticked', errors } satisfies FromChild);
      } else if (msg.type === 'stop') {
        await profiled?.();
        await bot.stop();
        process.exit(0);
      }
    })();
  });
  process.send!({ type: 'ready', port: bot.port } satisfies FromChild);
}

async function runBareChild(): Promise<void> {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN!,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL! },
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  const server = (await app.start(Number(process.env.PORT ?? 0))) as import('node:http').Server;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.on('message', (raw) => {
    if ((raw as ToChild).type === 'stop') void app.stop().then(() => process.exit(0));
  });
  if (process.send) process.send({ type: 'ready', port } satisfies FromChild);
  // Without IPC (startup.bench spawns it like the okrbot command) it says where it listens, as okrbot does.
  else console.log(JSON.stringify({ level: 'info', msg: `bare Bolt app on port ${port}` }));
}

if (process.env[ROLE] === 'okrbot') await runOkrbotChild();
else if (process.env[ROLE] === 'bare') await runBareChild();

// ---------------------------------------------------------------- the load generator

const MINA = 'U01MINA';
const JOON = 'U02JOON';
const DRAFT_TEXT = 'Increase offer acceptance from 72% to 88% by end of Q4 for senior engineering roles';

// Timing: the signed clients' requests go through this process's `fetch`. Inside `timed`, the wrapper below
// measures only the HTTP exchange (from sending to the last byte of the answer), not the client's building of
// the payload or its handling of the answer; and within a wave it holds every request until all of them are
// built, then sends them together, so a wave really is that many requests at once.
const slot = new AsyncLocalStorage<{ took?: number }>();
let gate: { expected: number; held: Array<() => void> } | undefined;
const realFetch = globalThis.fetch;
const timingFetch: typeof fetch = async (input, init) => {
  const s = slot.getStore();
  if (!s) return realFetch(input, init);
  const g = gate;
  if (g) {
    await new Promise<void>((resolve) => {
      g.held.push(resolve);
      if (g.held.length === g.expected) for (const release of g.held) release();
    });
  }
  const t0 = performance.now();
  const res = await realFetch(input, init);
  const body = await res.text();
  s.took = performance.now() - t0;
  return new Response(body, { status: res.status, headers: res.headers });
};

async function timed(fn: () => Promise<{ status: number } | object>): Promise<number> {
  const s: { took?: number } = {};
  const res = await slot.run(s, fn);
  if ('status' in res && res.status !== 200) throw new Error(`answered HTTP ${res.status}`);
  if (s.took === undefined) throw new Error('no request was timed');
  return s.took;
}

/** Runs the jobs as one wave: their requests leave together. */
async function together(jobs: Array<() => Promise<number>>): Promise<number[]> {
  gate = { expected: jobs.length, held: [] };
  try {
    return await Promise.all(jobs.map((j) => j()));
  } finally {
    gate = undefined;
  }
}

function checkinPrompt(slack: LocalSlack, user: string): LocalMessage {
  const prompt = slack
    .messages(user)
    .find((m) =>
      String((m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key).startsWith(
        'checkin-prompt:',
      ),
    );
  if (!prompt) throw new Error(`no check-in prompt for ${user}`);
  return prompt;
}

/** Opens `n` check-in modals for Mina (through okrbot) and fills them in; returns their view ids. */
async function openCheckins(
  slack: LocalSlack,
  client: SignedClient,
  n: number,
  wave: number,
): Promise<string[]> {
  const prompt = checkinPrompt(slack, MINA);
  const before = slack.callsTo('views.open').length;
  await Promise.all(
    Array.from({ length: n }, () =>
      client.blockAction({
        userId: MINA,
        actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
        message: { channel: prompt.channel, ts: prompt.ts },
      }),
    ),
  );
  const deadline = Date.now() + 10_000;
  while (slack.callsTo('views.open').length < before + n) {
    if (Date.now() > deadline) throw new Error('check-in modals did not open');
    await new Promise((r) => setTimeout(r, 5));
  }
  const ids = slack
    .callsTo('views.open')
    .slice(before)
    .filter((c) => c.response.ok === true)
    .map((c) => (c.response.view as { id: string }).id);
  for (const [i, id] of ids.entries()) {
    const blocks = (slack.view(id)?.blocks ?? []) as Array<{ block_id?: string }>;
    for (const b of blocks) {
      const m = /^kr:(.+):value$/.exec(b.block_id ?? '');
      if (!m) continue;
      client.setViewValue(id, `kr:${m[1]}:value`, 'value', String(40 + ((wave + i) % 10)));
      client.setViewValue(id, `kr:${m[1]}:confidence`, 'confidence', 'on_track');
    }
  }
  return ids;
}

export default async function ackLatency(): Promise<BenchRow[]> {
  const waves = Number(process.env.OKRBOT_BENCH_WAVES ?? 20);
  const concurrency = Number(process.env.OKRBOT_BENCH_CONCURRENCY ?? 50);
  const slack = await LocalSlack.start({
    teamId: TEAM_ID,
    teamName: 'Acme People',
    users: sampleSlackUsers(),
  });
  const okrbot = await startAppChild('okrbot', slack, { OKRBOT_BENCH_NOW: '2026-11-23T01:00:00Z' });
  const bare = await startAppChild('bare', slack);
  const clientFor = (url: string) => new SignedClient({ appUrl: url, signingSecret: SIGNING_SECRET, slack });
  const okClient = clientFor(okrbot.url);
  globalThis.fetch = timingFetch;
  const bareClient = clientFor(bare.url);
  try {
    const ticked = await okrbot.request({ type: 'tick', at: '2026-11-23T01:00:00Z' });
    if (ticked.type === 'ticked' && ticked.errors.length > 0) throw new Error(ticked.errors.join('; '));
    await slack.waitForIdle(200);
    checkinPrompt(slack, MINA);

    // Draft modals to type in: one per concurrent keystroke, opened through okrbot.
    const draftViews: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const before = slack.callsTo('views.open').length;
      await okClient.slashCommand({
        command: '/okr',
        text: 'draft Make hiring feel effortless',
        userId: JOON,
      });
      const open = await slack.nthCall('views.open', before);
      draftViews.push((open.response.view as { id: string }).id);
    }

    const samples = {
      slash: { okrbot: [] as number[], bare: [] as number[] },
      keystroke: { okrbot: [] as number[], bare: [] as number[] },
      checkin: { okrbot: [] as number[], bare: [] as number[] },
    };
    const refused = { okrbot: 0, bare: 0 };
    const wave = async (target: 'okrbot' | 'bare', kind: keyof typeof samples, w: number) => {
      const client = target === 'okrbot' ? okClient : bareClient;
      let jobs: Array<() => Promise<number>>;
      if (kind === 'slash') {
        jobs = Array.from(
          { length: concurrency },
          () => () => timed(() => client.slashCommand({ command: '/okr', text: 'help', userId: JOON })),
        );
      } else if (kind === 'keystroke') {
        // Each wave types one more character of the key result, so the feedback really changes now and then.
        const text = DRAFT_TEXT.slice(
          0,
          10 + ((2 * w + (target === 'bare' ? 1 : 0)) % (DRAFT_TEXT.length - 10)),
        );
        jobs = draftViews.map(
          (id) => () => timed(() => client.typeInView(id, 'kr_text_0', 'kr_text', text, JOON)),
        );
      } else {
        const ids = await openCheckins(slack, okClient, concurrency, w);
        await slack.waitForIdle(50);
        jobs = ids.map(
          (id) => () =>
            timed(async () => {
              const ack = await client.submitView(id, MINA);
              if (ack.response_action === 'errors') refused[target]++;
              return ack;
            }),
        );
      }
      const took = await together(jobs);
      samples[kind][target].push(...took);
      await slack.waitForIdle(50); // okrbot's after-ack work (views.update, replies) finishes between waves
    };
    // Warm-up: one wave of each kind on each app, not counted.
    for (const kind of ['slash', 'keystroke', 'checkin'] as const) {
      await wave('okrbot', kind, 0);
      await wave('bare', kind, 0);
      samples[kind].okrbot.length = 0;
      samples[kind].bare.length = 0;
    }
    for (let w = 1; w <= waves; w++) {
      for (const kind of ['slash', 'keystroke', 'checkin'] as const) {
        const order: Array<'okrbot' | 'bare'> = w % 2 === 0 ? ['okrbot', 'bare'] : ['bare', 'okrbot'];
        for (const target of order) await wave(target, kind, w);
      }
    }

    const goals = { slash: 1.2, keystroke: 1.2, checkin: 2 };
    const label = { slash: '/okr help', keystroke: 'draft keystroke', checkin: 'check-in submission' };
    const rows: BenchRow[] = [];
    console.log(
      `${waves} waves × ${concurrency} concurrent requests per app and kind (okrbot and a bare Bolt app in child processes)`,
    );
    for (const kind of ['slash', 'keystroke', 'checkin'] as const) {
      const o = samples[kind].okrbot;
      const b = samples[kind].bare;
      for (const [q, name] of [
        [0.5, 'p50'],
        [0.99, 'p99'],
      ] as const) {
        const ov = quantile(o, q);
        const bv = quantile(b, q);
        const row: BenchRow = {
          figure: `ack ${label[kind]} ${name}`,
          okrbot: ms(ov),
          reference: `${ms(bv)} bare`,
          ratio: ov / bv,
          goal: name === 'p99' ? `≤ ${goals[kind]}× bare` : '',
        };
        if (name === 'p99') row.met = ov / bv <= goals[kind];
        rows.push(row);
        console.log(
          `  ${row.figure.padEnd(34)} okrbot ${row.okrbot.padStart(9)}  bare ${ms(bv).padStart(9)}  ${(ov / bv).toFixed(2)}×`,
        );
      }
    }
    if (refused.okrbot + refused.bare > 0)
      console.log(
        `  (check-in submissions answered with errors: okrbot ${refused.okrbot}, bare ${refused.bare})`,
      );
    return rows;
  } finally {
    globalThis.fetch = realFetch;
    await okrbot.stop();
    await bare.stop();
    await slack.stop();
  }
}
