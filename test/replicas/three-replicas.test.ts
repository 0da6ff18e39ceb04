// Three okrbot replicas on one PostgreSQL and one local Slack: a check-in round and a KPI scan are shared
// between them through the outbox's leases, one replica is SIGKILLed in the middle (just after Slack took
// one of its messages and before it could record it as sent), and every message is counted: each intended
// prompt, round thread and alert is in Slack exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import type { LocalUser } from '../../src/localslack/types.js';
import { parseImportFile } from '../../src/people/import/parse-import-file.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db/open-database.js';
import { OUTBOX_LEASE_MS } from '../../src/platform/outbox/store.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { freshPostgresUrl } from '../support/databases.js';
import {
  deploymentEnv,
  type OkrbotProcess,
  type Replica,
  replicasUnavailable,
  requireFreshBuild,
  startReplica,
  startTick,
  stopProcess,
} from './replicas.js';

const TEAM_ID = 'T0REPLICA';
const TEAMS = 20;
const TEAM_SIZE = 12;
/** Monday 10:00 UTC: every owner's round starts; the hourly KPI scan finds every KPI's reading stale. */
const ROUND = new Date('2026-11-30T10:00:00Z');
/** The next minute's tick, after the dead replica's lease ran out. */
const NEXT_MINUTE = new Date(ROUND.getTime() + 60_000);
/** Each process's chat.postMessage budget: three replicas together need a few seconds for the round. */
const POSTS_PER_MINUTE = '900';

const skip = replicasUnavailable();
const ownerId = (t: number, m: number) => `U${String(t * TEAM_SIZE + m + 1).padStart(7, '0')}`;

/** 20 teams of 12, every member owning a key result of one of the team's objectives; a monthly KPI per team. */
function organisation(): string {
  const people = [];
  const teams = [];
  const objectives = [];
  const kpis = [];
  for (let t = 0; t < TEAMS; t++) {
    const key = `team-${t + 1}`;
    const lead = ownerId(t, 0);
    for (let m = 0; m < TEAM_SIZE; m++)
      people.push({
        slack_id: ownerId(t, m),
        name: `Person ${t}-${m}`,
        tz: 'UTC',
        ...(m ? { manager: lead } : {}),
      });
    teams.push({
      key,
      name: `Team ${t + 1}`,
      channel: `C0TEAM${t + 1}`,
      lead,
      checkin: { day: 'monday', time: '10:00', cadence: 'weekly' },
    });
    // Four key results an objective (at most five keep focus), three objectives a team.
    for (let o = 0; o < TEAM_SIZE / 4; o++)
      objectives.push({
        key: `${key}-objective-${o + 1}`,
        team: key,
        quarter: '2026Q4',
        type: 'committed',
        owner: lead,
        text: `Make team ${t + 1} the place candidates remember for a fast and fair process, part ${o + 1}`,
        key_results: Array.from({ length: 4 }, (_, i) => {
          const m = o * 4 + i;
          return {
            key: `${key}-kr-${m + 1}`,
            text: `Raise offer acceptance in team ${t + 1} from ${60 + m}% to ${80 + m}% by end of Q4`,
            owner: ownerId(t, m),
            baseline: 60 + m,
            target: 80 + m,
            unit: '%',
          };
        }),
      });
    kpis.push({
      key: `${key}-acceptance`,
      name: `Offer acceptance, team ${t + 1}`,
      unit: '%',
      direction: 'higher_is_better',
      owner: lead,
      channel: `C0TEAM${t + 1}`,
      team: key,
      cadence: 'monthly',
      range: [70, 100],
      aspirational: 95,
      alert_threshold: 60,
      protocol: 'Call back the last five candidates who declined',
    });
  }
  return JSON.stringify({ people, teams, objectives, kpis });
}

function slackUsers(): LocalUser[] {
  const users: LocalUser[] = [];
  for (let t = 0; t < TEAMS; t++)
    for (let m = 0; m < TEAM_SIZE; m++) users.push({ id: ownerId(t, m), name: `p${t}-${m}`, tz: 'UTC' });
  return users;
}

/** Imports the organisation and its KPIs' last readings (August: stale by the end of November). */
async function seed(database: DatabaseHandle): Promise<void> {
  const db = database.db;
  const parsed = parseImportFile(organisation(), await knownIds(db, TEAM_ID));
  if (!parsed.ok) throw new Error(`organisation is invalid: ${JSON.stringify(parsed.problems)}`);
  const importedAt = new Date(ROUND.getTime() - 14 * 86_400_000);
  await applyImport(db, TEAM_ID, parsed.file, importedAt);
  const kpis = await db.selectFrom('kpis').select('id').where('team_id', '=', TEAM_ID).execute();
  await db
    .insertInto('kpi_readings')
    .values(
      kpis.map((k) => ({
        team_id: TEAM_ID,
        kpi_id: k.id,
        period: '2026-08',
        value: 85,
        source: 'import',
        recorded_at: '2026-09-01T09:00:00.000Z',
      })),
    )
    .execute();
  // Zones were checked just now, so the round does not begin by asking Slack for 240 people's zones.
  await db
    .updateTable('people')
    .set({ tz_checked_at: ROUND.toISOString() })
    .where('team_id', '=', TEAM_ID)
    .execute();
}

describe.skipIf(skip !== undefined)('three replicas on one PostgreSQL', () => {
  let slack: LocalSlack;
  let database: DatabaseHandle;
  let env: Record<string, string>;
  const replicas: Replica[] = [];
  const ticks: OkrbotProcess[] = [];

  beforeAll(async () => {
    requireFreshBuild();
    // Slack's clock runs from the round's minute, as it would when the cron fires then.
    const start = performance.now();
    slack = await LocalSlack.start({
      teamId: TEAM_ID,
      users: slackUsers(),
      now: () => ROUND.getTime() + Math.floor(performance.now() - start),
    });
    const url = await freshPostgresUrl();
    database = openDatabase(url);
    await migrateToLatest(database.db);
    env = deploymentEnv(slack, url, { SLACK_POST_PER_MINUTE: POSTS_PER_MINUTE });
    replicas.push(...(await Promise.all([0, 1, 2].map(() => startReplica(slack, env)))));
    await seed(database);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...replicas, ...ticks].map((p) => stopProcess(p)));
    await database?.close();
    await slack?.stop();
  });

  const workerOf = (p: OkrbotProcess) => `%:${p.child.pid}:%`;
  const outbox = () => database.db.selectFrom('outbox').selectAll().where('team_id', '=', TEAM_ID).execute();
  const posted = () => slack.callsTo('chat.postMessage').filter((c) => c.response.ok === true);

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const postedKeys = () => posted().map((c) => dedupeKeyOf({ metadata: c.args.metadata } as never));

  /**
   * Freezes the victim while it sends; if a message it holds (claimed, not recorded as sent) is in Slack,
   * SIGKILLs it (and its serve process: the whole replica dies) and returns those messages; else lets it
   * go on a moment and tries again.
   */
  async function killMidSend(victim: OkrbotProcess, victimServe: Replica): Promise<string[]> {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (victim.child.exitCode !== null)
        throw new Error(`the round ended before the kill:\n${victim.output()}`);
      victim.child.kill('SIGSTOP');
      await sleep(150);
      const held = await database.db
        .selectFrom('outbox')
        .select('dedupe_key')
        .where('status', '=', 'sending')
        .where('claimed_by', 'like', workerOf(victim))
        .execute();
      const inSlack = new Set(postedKeys());
      const caught = held.map((r) => r.dedupe_key).filter((k) => inSlack.has(k));
      if (caught.length > 0 && held.length > caught.length) {
        victim.child.kill('SIGKILL');
        victimServe.child.kill('SIGKILL');
        return caught;
      }
      victim.child.kill('SIGCONT');
      await sleep(10 + attempt * 3);
    }
    throw new Error('never caught the victim between Slack taking a message and recording it');
  }

  it('share a round and a KPI scan; one SIGKILLed mid-round; every message in Slack exactly once', async () => {
    // Each replica's cron fires for the round's minute: three `okrbot tick` runs at once.
    ticks.push(...[0, 1, 2].map(() => startTick(ROUND, env)));
    const [victimTick, ...survivorTicks] = ticks as [OkrbotProcess, ...OkrbotProcess[]];
    const victimServe = replicas[0]!;

    // Mid-round, the victim dies between Slack taking a message and recording it as sent: it is frozen
    // (SIGSTOP) while it sends, and killed if one of the messages it holds is in Slack already.
    await slack.waitFor(() => posted().length >= 100, 20_000);
    const inSlackUnrecorded = await killMidSend(victimTick, victimServe);
    expect(inSlackUnrecorded.length).toBeGreaterThan(0);
    expect(await victimTick.exited).toBeNull();

    // The survivors finish what they claimed and leave the dead replica's claims alone while its lease runs.
    const survivorCodes = await Promise.all(survivorTicks.map((t) => t.exited));
    expect(survivorCodes, survivorTicks.map((t) => t.output()).join('\n')).toEqual([0, 0]);
    const orphaned = (await outbox()).filter((m) => m.status === 'sending');
    expect(orphaned.length).toBeGreaterThan(0);
    expect(orphaned.every((m) => m.claimed_by?.includes(`:${victimTick.child.pid}:`))).toBe(true);
    for (const key of inSlackUnrecorded) expect(orphaned.map((m) => m.dedupe_key)).toContain(key);

    // The survivors' next minute: the lease (shorter than a minute) has run out, so they take over.
    expect(OUTBOX_LEASE_MS).toBeLessThan(NEXT_MINUTE.getTime() - ROUND.getTime());
    const takeover = [startTick(NEXT_MINUTE, env), startTick(NEXT_MINUTE, env)];
    ticks.push(...takeover);
    const takeoverCodes = await Promise.all(takeover.map((t) => t.exited));
    expect(takeoverCodes, takeover.map((t) => t.output()).join('\n')).toEqual([0, 0]);

    // Every message the round and the scan meant to send went out, and each exactly once.
    const rows = await outbox();
    expect(
      rows.filter((m) => m.status !== 'sent').map((m) => [m.dedupe_key, m.status, m.last_error]),
    ).toEqual([]);
    const keys = postedKeys();
    expect(keys.filter((k) => k === '')).toEqual([]);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(twice).toEqual([]);
    expect(new Set(keys)).toEqual(new Set(rows.map((m) => m.dedupe_key)));

    // What a person would count: one prompt for each of the 240 owners, one round thread per team
    // channel, and each KPI's stale-data alert once.
    const people = slackUsers().map((u) => u.id);
    for (const id of people)
      expect(slack.messages(id).filter((m) => dedupeKeyOf(m).startsWith('checkin-prompt:'))).toHaveLength(1);
    const kinds = new Map<string, number>();
    for (const m of rows) kinds.set(m.kind, (kinds.get(m.kind) ?? 0) + 1);
    expect(kinds.get('checkin-prompt')).toBe(TEAMS * TEAM_SIZE);
    expect(kinds.get('checkin-thread')).toBe(TEAMS);
    expect([kinds.get('kpi-alert-dm'), kinds.get('kpi-alert-post')]).toEqual([TEAMS, TEAMS]);
    for (let t = 1; t <= TEAMS; t++)
      expect(
        slack.messages(`C0TEAM${t}`).filter((m) => dedupeKeyOf(m).startsWith('checkin-thread:')),
      ).toHaveLength(1);
    // The work was shared: the victim and both survivors sent some of it, and the next minute the rest. The
    // victim's posts are those it held that reached Slack (inSlackUnrecorded): killed mid-batch of sent marks
    // (sent-marks.ts), it may have recorded none of them, so its own rows may all be the takeover's.
    const senders = new Set(rows.map((m) => m.claimed_by?.split(':')[1]));
    for (const t of survivorTicks) expect(senders.has(String(t.child.pid))).toBe(true);
    expect(takeover.some((t) => senders.has(String(t.child.pid)))).toBe(true);
    const alerts = await database.db
      .selectFrom('alerts')
      .select(['kpi_id', 'rule'])
      .where('team_id', '=', TEAM_ID)
      .execute();
    expect(alerts.filter((a) => a.rule === 'stale')).toHaveLength(TEAMS);
    const alertPosts = posted().filter((c) => String(c.args.text ?? '').includes('no reading since 2026-08'));
    expect(alertPosts.length).toBeGreaterThanOrEqual(TEAMS);
    expect(new Set(alertPosts.map((c) => `${c.args.channel}:${c.args.thread_ts ?? ''}`)).size).toBe(
      alertPosts.length,
    );
  }, 60_000);
});

if (skip) describe('three replicas on one PostgreSQL', () => it.skip(`skipped: ${skip}`, () => {}));
