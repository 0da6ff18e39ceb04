import { claimJob, failJob, finishJob } from '../../platform/scheduler/claims.js';
import type { ScheduledJob } from '../../platform/scheduler/tick.js';
import { expireSnoozes } from '../alert-actions.js';
import { staleAt } from '../domain/stale.js';
import { evaluateKpisAndNotify } from '../evaluate-and-notify.js';

/** The hour a check belongs to: reruns of `okrbot tick` and other replicas in that hour find it claimed. */
export function kpiChecksJobKey(teamId: string, at: Date): string {
  return `kpi-checks:${teamId}:${at.toISOString().slice(0, 13)}`;
}

/**
 * Once an hour: ends one-week snoozes that ran out, then re-runs the detector (trigger `tick`) on the KPIs
 * that may have something due: a reading overdue by 1.5 cadences (stale data), or an unacknowledged
 * critical alert that may have waited long enough to be escalated to the team channel.
 */
export const kpiChecksJob: ScheduledJob = {
  name: 'kpi-checks',
  async run(ctx, at): Promise<Record<string, number>> {
    const teamId = ctx.teamId;
    const jobKey = kpiChecksJobKey(teamId, at);
    if (!(await claimJob(ctx.db, { jobKey, kind: 'kpi-checks', teamId, runAt: at }, ctx.worker, at))) {
      return { claimed: 0 };
    }
    try {
      const snoozesEnded = await expireSnoozes(ctx, teamId, at);
      const candidates = await tickCandidates(ctx.db, teamId, at);
      const changes = await evaluateKpisAndNotify(ctx, teamId, candidates, 'tick', {
        now: at,
        sendNow: false,
      });
      await finishJob(ctx.db, jobKey, ctx.worker, at);
      return {
        claimed: 1,
        checked: candidates.length,
        snoozesEnded,
        stale: changes.filter((c) => c.rule === 'stale' && c.to === 'firing').length,
        escalated: changes.filter((c) => c.event === 'escalate').length,
      };
    } catch (error) {
      await failJob(ctx.db, jobKey, ctx.worker, error instanceof Error ? error.message : String(error), at);
      throw error;
    }
  },
};

/** KPIs whose latest reading is overdue (and not flagged yet), or with a critical alert not escalated yet. */
async function tickCandidates(
  db: Parameters<ScheduledJob['run']>[0]['db'],
  teamId: string,
  at: Date,
): Promise<string[]> {
  const out = new Set<string>();
  const openStale = new Set(
    (
      await db
        .selectFrom('alerts')
        .select('kpi_id')
        .where('team_id', '=', teamId)
        .where('rule', '=', 'stale')
        .where('status', '!=', 'resolved')
        .execute()
    ).map((r) => r.kpi_id),
  );
  const latest = await db
    .selectFrom('kpi_readings')
    .select((eb) => ['kpi_id', eb.fn.max('period').as('last')])
    .where('team_id', '=', teamId)
    .groupBy('kpi_id')
    .execute();
  for (const r of latest) {
    if (openStale.has(r.kpi_id) || !r.last) continue;
    try {
      if (staleAt(String(r.last)).getTime() <= at.getTime()) out.add(r.kpi_id);
    } catch {
      // not a canonical period: the detector skips it too
    }
  }
  const critical = await db
    .selectFrom('alerts')
    .select('kpi_id')
    .where('team_id', '=', teamId)
    .where('severity', '=', 'critical')
    .where('status', 'in', ['firing', 'snoozed'])
    .where('escalated_at', 'is', null)
    .where('folded_into_key_result_id', 'is', null)
    .execute();
  for (const r of critical) out.add(r.kpi_id);
  return [...out];
}
