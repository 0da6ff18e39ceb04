import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/db/ids.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { type LoadWorld, seedLoadWorld } from './load-world.js';
import { requireFreshBuild, tickProcess, waitUntil } from './processes.js';

// `kill -9` of okrbot in the middle of a KPI scan: 60 KPIs whose readings are long overdue, each owned by a
// different person, so the hourly scan raises a stale-data alert for each and sends it; the local Slack
// answers slowly, and the process is killed once some alerts are out. `okrbot tick` run again after the
// scan's claim ran out (5 minutes on its clock) finishes the scan: every alert reached its owner exactly once.
// (`tick --at` chooses the instant, so this takes seconds; serve on the real clock would wait 5 minutes.)
const KPIS = 60;
const MINUTE = 60_000;

let w: LoadWorld | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe('kill -9 during a KPI scan', () => {
  it('the scan started again finishes it: every alert once', { timeout: 120_000 }, async () => {
    requireFreshBuild();
    w = await seedLoadWorld({ owners: KPIS, kpis: 0, timeZone: 'UTC' });
    const at = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 5 * MINUTE);
    const created = new Date(at.getTime() - 100 * 86_400_000).toISOString();
    const ids = w.owners.map(() => newId('kpi'));
    await w.db
      .insertInto('kpis')
      .values(
        w.owners.map((owner, i) => ({
          id: ids[i]!,
          team_id: w!.teamId,
          key: `overdue-${i + 1}`,
          name: `Overdue KPI ${i + 1}`,
          unit: '%',
          direction: 'higher_is_better' as const,
          owner_slack_id: owner,
          channel_id: null,
          team_key: null,
          cadence: 'monthly' as const,
          range_low: 0,
          range_high: 100,
          aspirational: null,
          alert_threshold: 1,
          protocol: 'Send the missing reading',
          created_at: created,
          updated_at: created,
        })),
      )
      .execute();
    // The latest reading is four months old: far past one and a half monthly cadences.
    const old = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 4, 1)).toISOString().slice(0, 7);
    await w.db
      .insertInto('kpi_readings')
      .values(
        ids.map((kpi_id) => ({
          team_id: w!.teamId,
          kpi_id,
          period: old,
          value: 50,
          source: 'test',
          recorded_at: created,
        })),
      )
      .execute();
    const world = w;
    const alertMessages = (o?: string) =>
      world.slack.messages(o).filter((m) => dedupeKeyOf(m).startsWith('kpi-'));
    const alertsOut = () => world.owners.filter((o) => alertMessages(o).length > 0).length;
    world.slack.failEvery('chat.postMessage', 1, { delayMs: 200 });

    const first = tickProcess(world.env, at);
    await waitUntil(() => alertsOut() >= 8, 60_000, 'alerts reaching Slack');
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBeNull();
    await world.slack.waitForIdle(100, 20_000);
    expect(alertsOut()).toBeLessThan(KPIS);
    world.slack.clearFaults();

    const again = await tickProcess(world.env, new Date(at.getTime() + 6 * MINUTE)).done;
    expect(again.code, again.stderr).toBe(0);
    await world.slack.waitForIdle(100, 20_000);

    const alerts = await world.db.selectFrom('alerts').select(['kpi_id', 'rule']).execute();
    expect(alerts.filter((a) => a.rule === 'stale')).toHaveLength(KPIS);
    const left = await world.db.selectFrom('outbox').select('status').where('status', '!=', 'sent').execute();
    expect(left).toEqual([]);
    const keys = world.slack.messages().map(dedupeKeyOf);
    expect(keys.filter((k, i) => k !== '' && keys.indexOf(k) !== i)).toEqual([]);
    for (const owner of world.owners) expect(alertMessages(owner)).toHaveLength(1);
  });
});
