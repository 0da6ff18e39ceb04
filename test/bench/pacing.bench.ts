// A 10,000-owner check-in round against the local Slack with Slack's rate limits enforced (scaled up so
// that it runs in about two minutes): how many calls were answered 429, how long the round took, and how
// that compares with the floor the limits allow (messages / workspace budget, since DMs go to distinct
// channels). Run:
//   npx tsc -p tsconfig.bench.json && node dist-bench/test/bench/run.js pacing
// Settings (environment): OKRBOT_BENCH_OWNERS (default 10000), OKRBOT_BENCH_POST_PER_MINUTE (the
// workspace budget for chat.postMessage, enforced by the local Slack and given to the sender; default 6000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, outboxFor } from '../../src/app/start-okrbot.js';
import { checkinJobs } from '../../src/checkins/jobs.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import type { Config } from '../../src/platform/config.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import { createLogger } from '../../src/platform/logger.js';
import { runTick } from '../../src/platform/scheduler/tick.js';
import { DEFAULT_METHOD_LIMITS } from '../../src/platform/slack/pacer.js';
import { jobSlackApi } from '../../src/platform/slack/slack-api.js';
import { seedCheckinOrg } from './checkin-round.bench.js';

const AT = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul and Tokyo

export default async function (): Promise<void> {
  const ownerCount = Number(process.env.OKRBOT_BENCH_OWNERS ?? 10_000);
  const budget = Number(process.env.OKRBOT_BENCH_POST_PER_MINUTE ?? 6000);
  // Slack allows short bursts; the local Slack tolerates a tenth of a minute's budget, the sender uses half of that.
  const slackBurst = Math.floor(budget / 10);
  const senderBurst = Math.floor(budget / 20);
  const perChannel = { perMinute: 60, burst: 20 };
  console.log(
    `pacing: ${ownerCount} owners, chat.postMessage budget ${budget}/min (burst ${slackBurst} at Slack, ${senderBurst} in the sender), ${perChannel.perMinute}/min per channel, Slack's tiers for other methods, all enforced by the local Slack`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'okrbot-pacing-'));
  const url = `sqlite:${join(dir, 'okrbot.db')}`;
  const database = openDatabase(url);
  let slack: LocalSlack | undefined;
  try {
    await migrateToLatest(database.db);
    const { owners, users } = await seedCheckinOrg(database.db, {
      teamId: 'T0BENCH',
      owners: ownerCount,
      teamSize: 100,
      krsPerOwner: 2,
      timeZones: ['Asia/Seoul', 'Asia/Tokyo'],
      at: AT,
    });
    slack = await LocalSlack.start({
      teamId: 'T0BENCH',
      teamName: 'Bench',
      users,
      rateLimits: {
        methods: { ...DEFAULT_METHOD_LIMITS, 'chat.postMessage': { perMinute: budget, burst: slackBurst } },
        perChannel,
      },
    });
    const config: Config = {
      slackBotToken: slack.botToken,
      slackSigningSecret: 'bench-signing-secret',
      slackAppToken: undefined,
      slackApiUrl: slack.apiUrl,
      port: 0,
      databaseUrl: url,
      logLevel: 'error',
      defaultTimeZone: 'UTC',
      apiTokenPepper: undefined,
      adminIds: [],
      slackPostPerMinute: 3000,
    };
    const started = Date.now();
    const now = () => new Date(AT.getTime() + (Date.now() - started));
    const log = createLogger('error');
    const { ctx: base } = await createAppContext({
      config,
      database,
      slack: jobSlackApi(slack.botToken, slack.apiUrl),
      now,
      log,
    });
    // The setting SLACK_POST_PER_MINUTE, as the app would pass it.
    const ctx = {
      ...base,
      outbox: outboxFor({
        db: base.db,
        slack: base.slack,
        worker: base.worker,
        now,
        log,
        track: base.track,
        pacing: { postMessagePerMinute: budget, postMessageBurst: senderBurst, perChannel },
      }),
    };

    let peakHeap = 0;
    const sampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, 50);
    const t0 = performance.now();
    let ticks = 0;
    let waits = 0;
    let firstSendMs = 0;
    for (;;) {
      const report = await runTick(ctx, checkinJobs(), now());
      if (ticks === 0) firstSendMs = performance.now() - t0;
      ticks++;
      waits += report.outbox.rateLimitedWaits;
      const left = await database.db
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['pending', 'failed', 'sending'])
        .limit(1)
        .execute();
      if (left.length === 0 || ticks >= 10) break;
    }
    const wallMs = performance.now() - t0;
    clearInterval(sampler);

    const perKey = new Map<string, number>();
    for (const m of slack.messages()) {
      const key = (m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key;
      if (key) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    }
    const messages = [...perKey.values()].reduce((a, b) => a + b, 0);
    const duplicates = [...perKey.values()].filter((n) => n > 1).length;
    const missed = owners.filter((o) => !perKey.has(`checkin-prompt:T0BENCH:${o}:2026-11-23`)).length;
    const posts = slack.callsTo('chat.postMessage');
    const firstPost = posts[0]?.at ?? 0;
    const lastPost = posts.at(-1)?.at ?? 0;
    const floorMs = (messages / budget) * 60_000;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `  messages in Slack     ${messages} (${ownerCount} prompts + ${messages - ownerCount} round threads)`,
    );
    console.log(`  answered 429          ${slack.rateLimitedCount} (sender waited out ${waits})`);
    console.log(
      `  round time            ${s(wallMs)} over ${ticks} tick(s), first post to last ${s(lastPost - firstPost)}`,
    );
    console.log(`  floor the limits allow ${s(floorMs)} (${messages} messages / ${budget} per minute)`);
    console.log(`  ratio                 ${(wallMs / floorMs).toFixed(3)} (round / floor)`);
    console.log(
      `  peak heap             ${(peakHeap / 2 ** 20).toFixed(0)} MB (bot and local Slack in one process)`,
    );
    console.log(`  duplicates / missed   ${duplicates} / ${missed}; first tick ${s(firstSendMs)}`);
    const ok = slack.rateLimitedCount === 0 && duplicates + missed === 0 && wallMs <= floorMs * 1.1;
    console.log(`\n${ok ? 'OK' : 'FAILED'}: no 429, exactly one prompt each, within 10% of the floor`);
    if (!ok) process.exitCode = 1;
  } finally {
    await database.close();
    await slack?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
