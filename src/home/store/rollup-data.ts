import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { TeamRollupRow } from '../domain/rollup.js';

export type { TeamRollupRow };

// The roll-up reads across features (objectives, check-ins, alerts) for HR's view of the teams: the Home
// feature sits above them all. Reads only; one query per table, grouped in memory.

const emptyConfidence = () => ({ on_track: 0, at_risk: 0, off_track: 0, none: 0 });

/** Per team of the workspace, for one quarter (`2026Q4`, whose days are `from`…`to`, YYYY-MM-DD). */
export async function rollupData(
  db: Kysely<Database>,
  teamId: string,
  quarter: { key: string; from: string; to: string },
  now: Date,
): Promise<TeamRollupRow[]> {
  const [teams, krs, prompts, checkins, firing] = await Promise.all([
    db.selectFrom('teams').select(['key', 'name']).where('team_id', '=', teamId).orderBy('name').execute(),
    db
      .selectFrom('key_results as kr')
      .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
      .select(['kr.id', 'o.id as objective_id', 'o.team_key'])
      .where('kr.team_id', '=', teamId)
      .where('o.quarter', '=', quarter.key)
      .where('o.status', 'in', ['active', 'closed'])
      .execute(),
    db
      .selectFrom('checkin_prompts')
      .select(['team_key', 'round_key', 'answered_at'])
      .where('team_id', '=', teamId)
      .where('round_key', '>=', quarter.from)
      .where('round_key', '<=', quarter.to)
      .execute(),
    db
      .selectFrom('checkins')
      .select(['key_result_id', 'round_key', 'confidence', 'blockers', 'submitted_at'])
      .where('team_id', '=', teamId)
      .where('round_key', '>=', quarter.from)
      .where('round_key', '<=', quarter.to)
      .orderBy('round_key')
      .execute(),
    db
      .selectFrom('alerts')
      .innerJoin('kpis', 'kpis.id', 'alerts.kpi_id')
      .select(['kpis.team_key', 'kpis.id'])
      .where('alerts.team_id', '=', teamId)
      .where('alerts.status', '=', 'firing')
      .execute(),
  ]);
  const teamOfKr = new Map(krs.map((k) => [k.id, k.team_key]));
  const latest = new Map<string, (typeof checkins)[number]>();
  for (const c of checkins) latest.set(c.key_result_id, c);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  return teams
    .map((t) => {
      const mine = krs.filter((k) => k.team_key === t.key);
      const confidence = emptyConfidence();
      let blockers = 0;
      for (const kr of mine) {
        const c = latest.get(kr.id);
        confidence[c?.confidence ?? 'none']++;
        if (c?.blockers?.trim() && c.submitted_at < weekAgo) blockers++;
      }
      const teamPrompts = prompts.filter((p) => p.team_key === t.key);
      const lastRound =
        teamPrompts
          .map((p) => p.round_key)
          .sort()
          .at(-1) ?? null;
      const inRound = teamPrompts.filter((p) => p.round_key === lastRound);
      return {
        teamKey: t.key,
        teamName: t.name,
        objectives: new Set(mine.map((k) => k.objective_id)).size,
        confidence,
        round: {
          key: lastRound,
          answered: inRound.filter((p) => p.answered_at).length,
          prompted: inRound.length,
        },
        quarter: { answered: teamPrompts.filter((p) => p.answered_at).length, prompted: teamPrompts.length },
        blockersOlderThanAWeek: blockers,
        kpisFiring: new Set(firing.filter((f) => f.team_key === t.key).map((f) => f.id)).size,
      };
    })
    .filter((r) => r.objectives > 0 || r.kpisFiring > 0 || r.quarter.prompted > 0 || teamOfKr.size === 0);
}
