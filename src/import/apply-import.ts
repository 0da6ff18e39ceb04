import type { Kysely, Transaction } from 'kysely';
import { newId } from '../db/ids.js';
import { keyResultRow } from '../db/repos/okrs.js';
import type { Database } from '../db/schema.js';
import type { ImportFile } from './import-format.js';
import type { KnownIds } from './parse-import-file.js';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportSummary = Record<'people' | 'teams' | 'objectives' | 'key_results' | 'kpis', Tally>;

/** Ids already in the workspace, which a file may refer to without listing them. */
export async function knownIds(db: Kysely<Database>, teamId: string): Promise<KnownIds> {
  const [people, teams, kpis] = await Promise.all([
    db.selectFrom('people').select('slack_id').where('team_id', '=', teamId).execute(),
    db.selectFrom('teams').select('key').where('team_id', '=', teamId).execute(),
    db.selectFrom('kpis').select('key').where('team_id', '=', teamId).execute(),
  ]);
  return {
    people: new Set(people.map((p) => p.slack_id)),
    teams: new Set(teams.map((t) => t.key)),
    kpis: new Set(kpis.map((k) => k.key)),
  };
}

/**
 * Writes a validated file in one transaction. Rows are matched by their keys; a row whose fields are the
 * same is left untouched, so importing the same file twice changes nothing. Key results keep their
 * current value (it comes from check-ins); a person's Slack time zone wins over the file's.
 */
export async function applyImport(
  db: Kysely<Database>,
  teamId: string,
  file: ImportFile,
  now: Date,
): Promise<ImportSummary> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('workspaces')
      .values({
        team_id: teamId,
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
    const summary: ImportSummary = {
      people: await importPeople(trx, teamId, file, at),
      teams: await importTeams(trx, teamId, file, at),
      kpis: await importKpis(trx, teamId, file, at),
      ...(await importObjectives(trx, teamId, file, at)),
    };
    return summary;
  });
}

const tally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

/** The fields of `next` that differ from `current`; empty when the row is unchanged. */
function changedFields<T extends object>(current: T, next: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(next) as Array<[keyof T, T[keyof T]]>) {
    if (current[k] !== v) out[k] = v;
  }
  return out;
}

async function importPeople(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const t = tally();
  const existing = new Map(
    (await trx.selectFrom('people').selectAll().where('team_id', '=', teamId).execute()).map((p) => [
      p.slack_id,
      p,
    ]),
  );
  for (const p of file.people) {
    const current = existing.get(p.slack_id);
    if (!current) {
      await trx
        .insertInto('people')
        .values({
          team_id: teamId,
          slack_id: p.slack_id,
          name: p.name,
          tz: p.tz ?? null,
          tz_source: p.tz ? 'file' : null,
          manager_slack_id: p.manager ?? null,
          paused_until: null,
          dm_blocked_reason: null,
          dm_channel_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      t.created++;
      continue;
    }
    const next: Partial<typeof current> = { name: p.name, manager_slack_id: p.manager ?? null };
    if (current.tz_source !== 'slack')
      Object.assign(next, { tz: p.tz ?? null, tz_source: p.tz ? 'file' : null });
    const diff = changedFields(current, next);
    if (Object.keys(diff).length === 0) {
      t.unchanged++;
      continue;
    }
    await trx
      .updateTable('people')
      .set({ ...diff, updated_at: at })
      .where('team_id', '=', teamId)
      .where('slack_id', '=', p.slack_id)
      .execute();
    t.updated++;
  }
  return t;
}

async function importTeams(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const t = tally();
  const existing = new Map(
    (await trx.selectFrom('teams').selectAll().where('team_id', '=', teamId).execute()).map((r) => [
      r.key,
      r,
    ]),
  );
  for (const team of file.teams) {
    const fields = {
      name: team.name,
      channel_id: team.channel ?? null,
      lead_slack_id: team.lead ?? null,
      checkin_day: team.checkin.day,
      checkin_time: team.checkin.time,
      checkin_cadence: team.checkin.cadence,
    };
    const current = existing.get(team.key);
    if (!current) {
      await trx
        .insertInto('teams')
        .values({ team_id: teamId, key: team.key, ...fields, created_at: at, updated_at: at })
        .execute();
      t.created++;
      continue;
    }
    const diff = changedFields(current, fields);
    if (Object.keys(diff).length === 0) {
      t.unchanged++;
      continue;
    }
    await trx
      .updateTable('teams')
      .set({ ...diff, updated_at: at })
      .where('team_id', '=', teamId)
      .where('key', '=', team.key)
      .execute();
    t.updated++;
  }
  return t;
}

async function importKpis(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const t = tally();
  const existing = new Map(
    (await trx.selectFrom('kpis').selectAll().where('team_id', '=', teamId).execute()).map((r) => [r.key, r]),
  );
  for (const k of file.kpis) {
    const fields = {
      name: k.name,
      unit: k.unit ?? null,
      direction: k.direction,
      owner_slack_id: k.owner,
      channel_id: k.channel ?? null,
      team_key: k.team ?? null,
      cadence: k.cadence,
      range_low: k.range[0],
      range_high: k.range[1],
      aspirational: k.aspirational ?? null,
      alert_threshold: k.alert_threshold,
      protocol: k.protocol,
    };
    const current = existing.get(k.key);
    if (!current) {
      await trx
        .insertInto('kpis')
        .values({ id: newId('kpi'), team_id: teamId, key: k.key, ...fields, created_at: at, updated_at: at })
        .execute();
      t.created++;
      continue;
    }
    const diff = changedFields(current, fields);
    if (Object.keys(diff).length === 0) {
      t.unchanged++;
      continue;
    }
    await trx
      .updateTable('kpis')
      .set({ ...diff, updated_at: at })
      .where('id', '=', current.id)
      .execute();
    t.updated++;
  }
  return t;
}

async function importObjectives(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Pick<ImportSummary, 'objectives' | 'key_results'>> {
  const objectives = tally();
  const keyResults = tally();
  const existing = new Map(
    (
      await trx
        .selectFrom('objectives')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('key', 'is not', null)
        .execute()
    ).map((o) => [o.key!, o]),
  );
  for (const o of file.objectives) {
    const fields = {
      team_key: o.team,
      quarter: o.quarter,
      type: o.type,
      owner_slack_id: o.owner,
      text: o.text,
      status: o.status,
      closed_at: o.status === 'closed' ? (existing.get(o.key)?.closed_at ?? at) : null,
    };
    let objectiveId: string;
    const current = existing.get(o.key);
    if (!current) {
      objectiveId = newId('obj');
      await trx
        .insertInto('objectives')
        .values({
          id: objectiveId,
          team_id: teamId,
          key: o.key,
          ...fields,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      objectives.created++;
    } else {
      objectiveId = current.id;
      const diff = changedFields(current, fields);
      if (Object.keys(diff).length === 0) objectives.unchanged++;
      else {
        await trx
          .updateTable('objectives')
          .set({ ...diff, updated_at: at })
          .where('id', '=', objectiveId)
          .execute();
        objectives.updated++;
      }
    }
    const krs = new Map(
      (await trx.selectFrom('key_results').selectAll().where('objective_id', '=', objectiveId).execute()).map(
        (kr) => [kr.key, kr],
      ),
    );
    for (const [position, kr] of o.key_results.entries()) {
      const row = keyResultRow(
        teamId,
        objectiveId,
        {
          key: kr.key,
          text: kr.text,
          ownerSlackId: kr.owner,
          baseline: kr.baseline ?? null,
          target: kr.target ?? null,
          current: kr.current ?? null,
          unit: kr.unit ?? null,
          dueDate: kr.due ?? null,
          kpiKey: kr.kpi ?? null,
        },
        position,
        at,
      );
      const currentKr = krs.get(kr.key);
      if (!currentKr) {
        await trx.insertInto('key_results').values(row).execute();
        keyResults.created++;
        continue;
      }
      const fields = {
        text: row.text,
        owner_slack_id: row.owner_slack_id,
        baseline: row.baseline,
        target: row.target,
        unit: row.unit,
        direction: row.direction,
        due_date: row.due_date,
        kpi_key: row.kpi_key,
        position: row.position,
        // A current value in the file is an explicit correction; otherwise check-ins own it.
        ...(kr.current !== undefined ? { current: kr.current } : {}),
      };
      const diff = changedFields(currentKr, fields);
      if (Object.keys(diff).length === 0) keyResults.unchanged++;
      else {
        await trx
          .updateTable('key_results')
          .set({ ...diff, updated_at: at })
          .where('id', '=', currentKr.id)
          .execute();
        keyResults.updated++;
      }
    }
  }
  return { objectives, key_results: keyResults };
}
