import type { Kysely } from 'kysely';
import { getTeam } from '../people/index.js';
import type { Database } from '../platform/db/schema.js';
import type { Outbox } from '../platform/outbox/outbox.js';
import { formatScore } from './domain/index.js';
import { reflectionForLeadMessage, reflectionModal } from './slack/views/quarter-messages.js';
import { getObjective } from './store/quarters.js';
import { getReflectionRow, type Reflection, upsertReflection } from './store/reflections.js';

export const REFLECTION_MAX = 3000;

/** The objective owner's reflection modal, prefilled with an earlier answer; undefined for anyone else. */
export async function reflectionModalFor(
  deps: { db: Kysely<Database> },
  teamId: string,
  objectiveId: string,
  userId: string,
) {
  const objective = await getObjective(deps.db, teamId, objectiveId);
  if (!objective || objective.owner_slack_id !== userId) return undefined;
  const earlier = await getReflectionRow(deps.db, teamId, objectiveId);
  return reflectionModal({
    objectiveId,
    text: objective.text,
    scoreText: formatScore(objective.score),
    ...(earlier ? { initial: earlier.text } : {}),
  });
}

export type SubmitReflectionResult =
  | { ok: true; leadSlackId: string | null; queued: number }
  | { ok: false; error: string; field?: 'text' };

/**
 * Stores what got in the way of a committed objective, written by its owner (nobody else may), and, with
 * an outbox, DMs it to the team's lead: the only two people who see it.
 */
export async function submitReflection(
  deps: { db: Kysely<Database>; outbox?: Pick<Outbox, 'enqueue'> },
  r: { teamId: string; objectiveId: string; userId: string; text: string },
  now: Date,
): Promise<SubmitReflectionResult> {
  const text = r.text.trim();
  if (text === '')
    return { ok: false, field: 'text', error: 'Write a sentence or two: what got in the way?' };
  if (text.length > REFLECTION_MAX)
    return { ok: false, field: 'text', error: `At most ${REFLECTION_MAX} characters, please` };
  const objective = await getObjective(deps.db, r.teamId, r.objectiveId);
  if (!objective) return { ok: false, error: 'That objective no longer exists' };
  if (objective.owner_slack_id !== r.userId)
    return { ok: false, error: 'Only the objective’s owner can answer what got in the way' };
  const team = objective.team_key ? await getTeam(deps.db, r.teamId, objective.team_key) : undefined;
  const lead = team?.lead_slack_id && team.lead_slack_id !== r.userId ? team.lead_slack_id : null;
  return deps.db.transaction().execute(async (trx) => {
    await upsertReflection(
      trx,
      { teamId: r.teamId, objectiveId: r.objectiveId, authorSlackId: r.userId, text },
      now,
    );
    let queued = 0;
    if (lead && deps.outbox) {
      const message = reflectionForLeadMessage({
        authorSlackId: r.userId,
        text,
        objectiveText: objective.text,
        quarter: objective.quarter,
      });
      queued = await deps.outbox.enqueue(
        trx,
        [
          {
            teamId: r.teamId,
            // A new key per answer, so an edited reflection reaches the lead too.
            dedupeKey: `okr-reflection:${r.teamId}:${r.objectiveId}:${now.toISOString()}`,
            kind: 'okr_reflection',
            method: 'chat.postMessage',
            target: lead,
            payload: { text: message.text, blocks: message.blocks },
          },
        ],
        now,
      );
    }
    return { ok: true as const, leadSlackId: lead, queued };
  });
}

/** The reflection on an objective, for its owner or its team's lead only; undefined for anyone else. */
export async function reflectionFor(
  db: Kysely<Database>,
  teamId: string,
  objectiveId: string,
  viewerSlackId: string,
): Promise<Reflection | undefined> {
  const objective = await getObjective(db, teamId, objectiveId);
  if (!objective) return undefined;
  const team = objective.team_key ? await getTeam(db, teamId, objective.team_key) : undefined;
  const allowed =
    viewerSlackId === objective.owner_slack_id || (team?.lead_slack_id ?? null) === viewerSlackId;
  return allowed ? getReflectionRow(db, teamId, objectiveId) : undefined;
}
