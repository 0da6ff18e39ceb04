// A check-in round for 10,000 owners against the local Slack, then the same round with the local Slack
// answering 429 to one call in ten. Three processes: this one seeds the database and counts what arrived,
// the local Slack runs in a child, and okrbot serve runs the round in another (bot-process.ts), so the CPU
// per message and the peak RSS are serve's alone. The figures go to the summary table beside issue 14's.
// Run:
//   npm run bench -- checkin-round
// Settings (environment): OKRBOT_BENCH_OWNERS (default 10000), OKRBOT_BENCH_RETRY_AFTER (seconds in the
// 429 answers, default 0; 1 shows what a one-second wait per 429 costs), OKRBOT_BENCH_DATABASE
// (sqlite, or a postgres:// URL of a server where a scratch database may be created),
// OKRBOT_BENCH_BOT_NODE_ARGS (node flags for the bot process only).
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import type { LocalUser } from '../../src/localslack/types.js';
import { newId } from '../../src/platform/db/ids.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import type { Database } from '../../src/platform/db/schema.js';
import { type BotRoundResult, imageNodeOptions, runBotRound } from './bot-process.js';
import { type BenchRow, noteServePeak } from './report.js';

export interface SeedOptions {
  teamId: string;
  owners: number;
  /** Owners per team (each team has a channel and one objective). */
  teamSize: number;
  krsPerOwner: number;
  timeZones: string[];
  /** When the time zones were last checked (so the round does not start by refreshing them). */
  at: Date;
}

/** An organisation of `owners` key-result owners, written in bulk; returns them as local Slack users. */
export async function seedCheckinOrg(
  db: Kysely<Database>,
  o: SeedOptions,
): Promise<{ owners: string[]; users: LocalUser[] }> {
  const at = o.at.toISOString();
  const owners = Array.from({ length: o.owners }, (_, i) => `U${String(i + 1).padStart(7, '0')}`);
  const teams = Math.ceil(o.owners / o.teamSize);
  const wide = db;
  await wide.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({
        team_id: o.teamId,
        name: null,
        bot_token: null,
        bot_user_id: null,
        bot_id: null,
        default_time_zone: null,
        installed_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('team_id').doNothing())
      .execute();
    const teamRows = Array.from({ length: teams }, (_, t) => ({
      team_id: o.teamId,
      key: `team-${t + 1}`,
      name: `Team ${t + 1}`,
      channel_id: `C0TEAM${t + 1}`,
      lead_slack_id: owners[t * o.teamSize]!,
      checkin_day: 'monday',
      checkin_time: '10:00',
      checkin_cadence: 'weekly' as const,
      created_at: at,
      updated_at: at,
      checkin_nudge_hours: null,
    }));
    for (let i = 0; i < teamRows.length; i += 500)
      await trx
        .insertInto('teams')
        .values(teamRows.slice(i, i + 500))
        .execute();
    const people = owners.map((id, i) => ({
      team_id: o.teamId,
      slack_id: id,
      name: `Owner ${i + 1}`,
      tz: o.timeZones[i % o.timeZones.length]!,
      tz_source: 'slack' as const,
      manager_slack_id:
        owners[Math.floor(i / o.teamSize) * o.teamSize] === id
          ? null
          : owners[Math.floor(i / o.teamSize) * o.teamSize]!,
      paused_until: null,
      dm_blocked_reason: null,
      dm_channel_id: null,
      created_at: at,
      updated_at: at,
      tz_checked_at: at,
    }));
    for (let i = 0; i < people.length; i += 500)
      await trx
        .insertInto('people')
        .values(people.slice(i, i + 500))
        .execute();
    const objectives = Array.from({ length: teams }, (_, t) => ({
      id: newId('obj'),
      team_id: o.teamId,
      key: `objective-${t + 1}`,
      team_key: `team-${t + 1}`,
      quarter: '2026Q4',
      type: 'committed' as const,
      owner_slack_id: owners[t * o.teamSize]!,
      text: `Team ${t + 1}: make new hires productive in their first month`,
      status: 'active' as const,
      created_by: null,
      created_at: at,
      updated_at: at,
      closed_at: null,
    }));
    for (let i = 0; i < objectives.length; i += 500)
      await trx
        .insertInto('objectives')
        .values(objectives.slice(i, i + 500))
        .execute();
    const krs = owners.flatMap((owner, i) =>
      Array.from({ length: o.krsPerOwner }, (_, k) => ({
        id: newId('kr'),
        team_id: o.teamId,
        objective_id: objectives[Math.floor(i / o.teamSize)]!.id,
        key: `kr-${i + 1}-${k + 1}`,
        text: `Raise the share of new hires who ship in week one from 40% to 70% (owner ${i + 1}, #${k + 1})`,
        owner_slack_id: owner,
        baseline: 40,
        target: 70,
        current: 40 + ((i + k) % 30),
        unit: '%',
        direction: 'higher_is_better' as const,
        due_date: '2026-12-31',
        kpi_key: null,
        position: (i % o.teamSize) * o.krsPerOwner + k,
        created_at: at,
        updated_at: at,
      })),
    );
    for (let i = 0; i < krs.length; i += 500)
      await trx
        .insertInto('key_results')
        .values(krs.slice(i, i + 500))
        .execute();
  });
  const users: LocalUser[] = owners.map((id, i) => ({
    id,
    name: `owner${i + 1}`,
    realName: `Owner ${i + 1}`,
    tz: o.timeZones[i % o.timeZones.length]!,
  }));
  return { owners, users };
}

const AT = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul and Tokyo
const ZONES = ['Asia/Seoul', 'Asia/Tokyo'];

interface RoundResult extends BotRoundResult {
  messages: number;
  prompts: number;
  duplicates: number;
  missed: number;
  outbox: Record<string, number>;
}

async function scratchDatabase(kind: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'okrbot-bench-'));
    return {
      url: `sqlite:${join(dir, 'okrbot.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `okrbot_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: kind });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(kind);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: kind });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * The local Slack runs in a child process, so that this process's CPU time and memory are the bot's alone.
 * Messages: parent → child `start` (users, fault), `count` (dedupe key → messages in Slack), `stop`.
 */
class SlackProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
    readonly botToken: string,
  ) {}

  static async start(users: LocalUser[], fault?: { retryAfter: number }): Promise<SlackProcess> {
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, OKRBOT_BENCH_SLACK_CHILD: '1' },
      stdio: 'inherit',
    });
    const ready = await SlackProcess.ask<{ apiUrl: string; botToken: string }>(child, {
      type: 'start',
      users,
      fault,
    });
    return new SlackProcess(child, ready.apiUrl, ready.botToken);
  }

  private static ask<T>(child: ChildProcess, message: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      child.once('message', (answer) => resolve(answer as T));
      child.once('error', reject);
      child.send(message);
    });
  }

  /** How many messages in Slack carry each dedupe key. */
  async count(): Promise<Map<string, number>> {
    const answer = await SlackProcess.ask<{ counts: Array<[string, number]> }>(this.child, { type: 'count' });
    return new Map(answer.counts);
  }

  async stop(): Promise<void> {
    await SlackProcess.ask(this.child, { type: 'stop' });
  }
}

/** The child side of {@link SlackProcess}. */
async function serveSlackInThisProcess(): Promise<void> {
  let slack: LocalSlack | undefined;
  process.on('message', async (raw) => {
    const message = raw as { type: string; users?: LocalUser[]; fault?: { retryAfter: number } };
    if (message.type === 'start') {
      slack = await LocalSlack.start({ teamId: 'T0BENCH', teamName: 'Bench', users: message.users ?? [] });
      if (message.fault) slack.failEvery('*', 10, { status: 429, retryAfter: message.fault.retryAfter });
      process.send?.({ apiUrl: slack.apiUrl, botToken: slack.botToken });
    } else if (message.type === 'count') {
      const counts = new Map<string, number>();
      for (const m of slack?.messages() ?? []) {
        const key = (m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key;
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      process.send?.({ counts: [...counts] });
    } else if (message.type === 'stop') {
      await slack?.stop();
      process.send?.({ stopped: true }, () => process.exit(0));
    }
  });
}

if (process.env.OKRBOT_BENCH_SLACK_CHILD === '1') await serveSlackInThisProcess();

async function round(
  ownerCount: number,
  databaseKind: string,
  fault?: { retryAfter: number },
): Promise<RoundResult> {
  const scratch = await scratchDatabase(databaseKind);
  let slack: SlackProcess | undefined;
  try {
    const seeding = openDatabase(scratch.url);
    let owners: string[];
    let users: LocalUser[];
    try {
      await migrateToLatest(seeding.db);
      ({ owners, users } = await seedCheckinOrg(seeding.db, {
        teamId: 'T0BENCH',
        owners: ownerCount,
        teamSize: 100,
        krsPerOwner: 2,
        timeZones: ZONES,
        at: AT,
      }));
    } finally {
      await seeding.close();
    }
    slack = await SlackProcess.start(users, fault);
    // The bot runs in a process of its own (bot-process.ts): its CPU and memory are the bot's alone.
    const bot = await runBotRound({
      databaseUrl: scratch.url,
      slackApiUrl: slack.apiUrl,
      botToken: slack.botToken,
      at: AT.toISOString(),
      maxTicks: 20,
    });
    const perKey = await slack.count();
    const promptKeys = owners.map((o) => `checkin-prompt:T0BENCH:${o}:2026-11-23`);
    const database = openDatabase(scratch.url);
    try {
      const rows = await database.db
        .selectFrom('outbox')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      return {
        ...bot,
        messages: [...perKey.values()].reduce((a, b) => a + b, 0),
        prompts: promptKeys.filter((k) => perKey.get(k) === 1).length,
        duplicates: [...perKey.values()].filter((n) => n > 1).length,
        missed: promptKeys.filter((k) => !perKey.has(k)).length,
        outbox: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
      };
    } finally {
      await database.close();
    }
  } finally {
    await slack?.stop();
    await scratch.drop();
  }
}

function print(title: string, r: RoundResult): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\n${title}`);
  console.log(
    `  wall time            ${s(r.wallMs)} over ${r.ticks} tick(s): queueing the round ${s(r.jobsMs)}, sending ${s(r.wallMs - r.jobsMs)}`,
  );
  console.log(
    `  messages             ${r.messages} in Slack (${r.prompts} prompts + ${r.messages - r.prompts} round threads), ${(r.messages / (r.wallMs / 1000)).toFixed(0)} messages/s`,
  );
  console.log(
    `  Slack calls          ${r.calls} (${r.rateLimited} answered 429 and were waited out), mean answer ${(r.answerMs / Math.max(1, r.calls)).toFixed(2)} ms`,
  );
  console.log(
    `  bot's own time       ${(r.cpuMs / r.messages).toFixed(3)} ms CPU per message (${s(r.cpuMs)} CPU in the bot process; Slack runs in another process)`,
  );
  console.log(
    `                       ${((r.wallMs - r.busyMs) / r.messages).toFixed(3)} ms wall per message with no Slack call in flight`,
  );
  console.log(
    `  peak memory (serve)  [node ${imageNodeOptions().join(' ') || 'defaults'}] ${r.peakRssMb.toFixed(0)} MB RSS (${r.startRssMb.toFixed(0)} MB after start-up), ${r.peakHeapMb.toFixed(0)} MB heap; by the end of queueing ${r.queueing.peakRssMb.toFixed(0)} MB RSS, ${r.queueing.peakHeapMb.toFixed(0)} MB heap`,
  );
  console.log(`  duplicates / missed  ${r.duplicates} / ${r.missed}`);
  console.log(`  outbox               ${JSON.stringify(r.outbox)}`);
}

/** Issue 14's figures before this work, for the summary table. */
const BEFORE = { cpuMsPerMessage: 1.41, peakRssMb: { clean: 252, faulty: 390 } };
const CPU_BUDGET_MS = 1;
const RSS_BUDGET_MB = 200;

function rows(owners: number, clean: RoundResult, faulty: RoundResult): BenchRow[] {
  const n = owners.toLocaleString('en-US');
  const cpu = (r: RoundResult) => r.cpuMs / Math.max(1, r.messages);
  const out: BenchRow[] = [];
  for (const [label, r, before] of [
    ['clean', clean, BEFORE.peakRssMb.clean],
    ['with 429s', faulty, BEFORE.peakRssMb.faulty],
  ] as const) {
    out.push({
      figure: `round of ${n} owners (${label}): bot CPU per message`,
      okrbot: `${cpu(r).toFixed(2)} ms`,
      reference: `${BEFORE.cpuMsPerMessage} ms before (issue 14)`,
      goal: `≤ ${CPU_BUDGET_MS} ms`,
      met: cpu(r) <= CPU_BUDGET_MS,
    });
    out.push({
      figure: `round of ${n} owners (${label}): peak RSS of serve`,
      okrbot: `${r.peakRssMb.toFixed(0)} MB`,
      reference: `${before} MB before (issue 14)`,
      goal: `≤ ${RSS_BUDGET_MB} MB`,
      met: r.peakRssMb <= RSS_BUDGET_MB,
    });
  }
  return out;
}

export default async function (): Promise<BenchRow[]> {
  const owners = Number(process.env.OKRBOT_BENCH_OWNERS ?? 10_000);
  const retryAfter = Number(process.env.OKRBOT_BENCH_RETRY_AFTER ?? 0);
  const db = process.env.OKRBOT_BENCH_DATABASE ?? 'sqlite';
  const where = db === 'sqlite' ? 'SQLite' : 'Postgres';
  console.log(
    `check-in round: ${owners} owners (2 key results each, ${Math.ceil(owners / 100)} teams), Monday 10:00 in Seoul and Tokyo, ${where}; okrbot serve in a process of its own`,
  );
  const clean = await round(owners, db);
  print('Round, local Slack answering normally', clean);
  const faulty = await round(owners, db, { retryAfter });
  print(`Same round, local Slack answering 429 (Retry-After: ${retryAfter}) to one call in ten`, faulty);
  noteServePeak('check-in round, clean', clean.peakRssMb);
  noteServePeak('check-in round, 429s', faulty.peakRssMb);
  const ok = clean.duplicates + clean.missed + faulty.duplicates + faulty.missed === 0;
  console.log(`\n${ok ? 'OK' : 'FAILED'}: every owner got exactly one prompt in both rounds`);
  if (!ok) process.exitCode = 1;
  return rows(owners, clean, faulty);
}
