import type { Kysely, Selectable } from 'kysely';
import { chunks } from '../platform/db/chunks.js';
import { newId } from '../platform/db/ids.js';
import type { Database, KeyResultTable, ObjectiveTable, OkrType } from '../platform/db/schema.js';

export type Objective = Selectable<ObjectiveTable>;
export type KeyResult = Selectable<KeyResultTable>;

export interface NewKeyResult {
  key?: string | null;
  text: string;
  ownerSlackId: string;
  baseline?: number | null;
  target?: number | null;
  current?: number | null;
  unit?: string | null;
  dueDate?: string | null;
  kpiKey?: string | null;
}

export interface NewObjective {
  teamId: string;
  key?: string | null;
  teamKey?: string | null;
  quarter: string;
  type: OkrType;
  ownerSlackId: string;
  text: string;
  status?: Objective['status'];
  createdBy?: string | null;
  keyResults: NewKeyResult[];
}

/**
 * Stores an objective with its key results in one transaction (the caller's, when `db` is one); returns the
 * objective and key results.
 */
export async function createObjective(
  db: Kysely<Database>,
  input: NewObjective,
  now: Date,
): Promise<{ objective: Objective; keyResults: KeyResult[] }> {
  const write = async (trx: Kysely<Database>) => {
    const at = now.toISOString();
    const objective: Objective = {
      id: newId('obj'),
      team_id: input.teamId,
      key: input.key ?? null,
      team_key: input.teamKey ?? null,
      quarter: input.quarter,
      type: input.type,
      owner_slack_id: input.ownerSlackId,
      text: input.text,
      status: input.status ?? 'active',
      created_by: input.createdBy ?? null,
      created_at: at,
      updated_at: at,
      closed_at: null,
      score: null,
      closed_by: null,
      retired_at: null,
    };
    await trx.insertInto('objectives').values(objective).execute();
    const keyResults = input.keyResults.map((kr, position) =>
      keyResultRow(input.teamId, objective.id, kr, position, at),
    );
    if (keyResults.length > 0) await trx.insertInto('key_results').values(keyResults).execute();
    return { objective, keyResults };
  };
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

export function keyResultRow(
  teamId: string,
  objectiveId: string,
  kr: NewKeyResult,
  position: number,
  at: string,
): KeyResult {
  const baseline = kr.baseline ?? null;
  const target = kr.target ?? null;
  return {
    id: newId('kr'),
    team_id: teamId,
    objective_id: objectiveId,
    key: kr.key ?? null,
    text: kr.text,
    owner_slack_id: kr.ownerSlackId,
    baseline,
    target,
    current: kr.current ?? baseline,
    unit: kr.unit ?? null,
    direction:
      baseline !== null && target !== null
        ? target >= baseline
          ? 'higher_is_better'
          : 'lower_is_better'
        : null,
    due_date: kr.dueDate ?? null,
    kpi_key: kr.kpiKey ?? null,
    position,
    created_at: at,
    updated_at: at,
    closing_score: null,
    final_value: null,
    score: null,
    achievement: null,
    score_source: null,
    retired_at: null,
  };
}

export async function listObjectives(
  db: Kysely<Database>,
  teamId: string,
  filter: { quarter?: string; teamKey?: string; status?: Objective['status'][] } = {},
): Promise<Objective[]> {
  let q = db.selectFrom('objectives').selectAll().where('team_id', '=', teamId);
  if (filter.quarter) q = q.where('quarter', '=', filter.quarter);
  if (filter.teamKey) q = q.where('team_key', '=', filter.teamKey);
  if (filter.status) q = q.where('status', 'in', filter.status);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function listKeyResults(db: Kysely<Database>, objectiveIds: string[]): Promise<KeyResult[]> {
  if (objectiveIds.length === 0) return [];
  return db
    .selectFrom('key_results')
    .selectAll()
    .where('objective_id', 'in', objectiveIds)
    .orderBy('objective_id')
    .orderBy('position')
    .execute();
}

/** A key result with what check-ins and the Home tab show of its objective. */
export type OwnedKeyResult = Selectable<KeyResultTable> & {
  objective_text: string;
  objective_owner: string;
  objective_team_key: string | null;
  objective_type: ObjectiveTable['type'];
  objective_quarter?: string;
};

/** Key results joined to their objective, with the objective fields check-ins, the Home tab and digests show. */
export function keyResultsWithObjective(db: Kysely<Database>) {
  return db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .selectAll('kr')
    .select([
      'o.text as objective_text',
      'o.owner_slack_id as objective_owner',
      'o.team_key as objective_team_key',
      'o.type as objective_type',
      'o.status as objective_status',
      'o.quarter as objective_quarter',
    ]);
}

/** Key results each owner is answerable for (their objective is active), by owner, in objective order. */
export async function activeKeyResultsOf(
  db: Kysely<Database>,
  teamId: string,
  owners: string[],
): Promise<Map<string, OwnedKeyResult[]>> {
  const byOwner = new Map<string, OwnedKeyResult[]>();
  for (const chunk of chunks([...new Set(owners)])) {
    const rows = await keyResultsWithObjective(db)
      .where('kr.team_id', '=', teamId)
      .where('o.status', '=', 'active')
      .where('kr.retired_at', 'is', null)
      .where('kr.owner_slack_id', 'in', chunk)
      .orderBy('kr.owner_slack_id')
      .orderBy('o.created_at')
      .orderBy('o.id')
      .orderBy('kr.position')
      .execute();
    for (const row of rows) {
      const list = byOwner.get(row.owner_slack_id) ?? [];
      list.push(row);
      byOwner.set(row.owner_slack_id, list);
    }
  }
  return byOwner;
}

/**
 * Sets key results' current values (what a check-in answered). Takes the caller's transaction, so the
 * values are written together with the check-ins that report them.
 */
export async function setKeyResultValues(
  trx: Kysely<Database>,
  values: Array<{ id: string; current: number }>,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const v of values) {
    await trx
      .updateTable('key_results')
      .set({ current: v.current, updated_at: at })
      .where('id', '=', v.id)
      .execute();
  }
}

/** These key results with their objective (any status), by id. */
export async function keyResultsByIds(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, OwnedKeyResult & { objective_status: string }>> {
  const out = new Map<string, OwnedKeyResult & { objective_status: string }>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await keyResultsWithObjective(db).where('kr.id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}
