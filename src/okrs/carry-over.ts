import type { Kysely } from 'kysely';
import { getTeam } from '../people/index.js';
import type { Database, OkrType } from '../platform/db/schema.js';
import {
  carryOverText,
  formatQuarter,
  nextQuarter,
  parseQuarter,
  quarterEndDate,
  scoreKeyResult,
} from './domain/index.js';
import { getObjective } from './store/quarters.js';
import { listKeyResults } from './store.js';

/** What "Carry over" prefills in the /okr draft modal (drafting saves it; this only reads). */
export interface CarryOverDraft {
  /** The objective carried over. */
  fromObjectiveId: string;
  objective: string;
  type: OkrType;
  /** The quarter after the objective's own. */
  quarter: string;
  teamKey: string | null;
  /** The team's channel, when it has one. */
  channel?: string;
  keyResults: Array<{
    text: string;
    owner: string;
    /** This quarter's final value: the new baseline. */
    baseline: number | null;
    target: number | null;
    unit: string | null;
    kpiKey: string | null;
    dueDate: string;
  }>;
}

/**
 * The prefilled draft for carrying a closed (or still active) objective into the next quarter: same text,
 * type and team; its unfinished key results (all of them when none is unfinished) with their final values
 * as new baselines and the wording moved on: "from FINAL to TARGET by END-OF-NEXT-QUARTER" where the text
 * has a from–to. Undefined when there is no such objective in this workspace.
 */
export async function carryOverDraft(
  deps: { db: Kysely<Database> },
  teamId: string,
  objectiveId: string,
): Promise<CarryOverDraft | undefined> {
  const objective = await getObjective(deps.db, teamId, objectiveId);
  if (!objective) return undefined;
  const q = parseQuarter(objective.quarter);
  if (!q) return undefined;
  const next = nextQuarter(q);
  const endDate = quarterEndDate(next);
  const krs = await listKeyResults(deps.db, [objective.id]);
  const scored = krs.map((k) => {
    const final = k.final_value ?? k.current;
    const score =
      k.score_source !== null
        ? k.score
        : scoreKeyResult({
            baseline: k.baseline,
            target: k.target,
            final,
            direction: k.direction,
            closingScore: k.closing_score,
          }).score;
    return { k, final, done: score !== null && score >= 1 };
  });
  const unfinished = scored.filter((s) => !s.done);
  const team = objective.team_key ? await getTeam(deps.db, teamId, objective.team_key) : undefined;
  return {
    fromObjectiveId: objective.id,
    objective: objective.text,
    type: objective.type,
    quarter: formatQuarter(next),
    teamKey: objective.team_key,
    ...(team?.channel_id ? { channel: team.channel_id } : {}),
    keyResults: (unfinished.length > 0 ? unfinished : scored).map(({ k, final }) => ({
      text: carryOverText(k.text, { final, target: k.target, endDate }),
      owner: k.owner_slack_id,
      baseline: final ?? k.baseline,
      target: k.target,
      unit: k.unit,
      kpiKey: k.kpi_key,
      dueDate: endDate,
    })),
  };
}
