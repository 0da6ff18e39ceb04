import type { Kysely, Selectable } from 'kysely';
import { newId } from '../../platform/db/ids.js';
import type { Database, ObjectiveReflectionTable } from '../../platform/db/schema.js';

export type Reflection = Selectable<ObjectiveReflectionTable>;

/** Stores (or replaces) the reflection on an objective. The caller checks that the author owns it. */
export async function upsertReflection(
  db: Kysely<Database>,
  r: { teamId: string; objectiveId: string; authorSlackId: string; text: string },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('objective_reflections')
    .values({
      id: newId('refl'),
      team_id: r.teamId,
      objective_id: r.objectiveId,
      author_slack_id: r.authorSlackId,
      text: r.text,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column('objective_id')
        .doUpdateSet({ text: r.text, author_slack_id: r.authorSlackId, updated_at: at }),
    )
    .execute();
}

/** The stored reflection, whoever asks: use `reflectionFor` to read it on someone's behalf. */
export async function getReflectionRow(
  db: Kysely<Database>,
  teamId: string,
  objectiveId: string,
): Promise<Reflection | undefined> {
  return db
    .selectFrom('objective_reflections')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('objective_id', '=', objectiveId)
    .executeTakeFirst();
}
