import type { Kysely, Transaction } from 'kysely';
import { keyResultRow } from '../../okrs/index.js';
import type { ImportFile, KnownIds } from '../../people/index.js';
import { newId } from '../../platform/db/ids.js';
import type { Database } from '../../platform/db/schema.js';

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
function changedFields<F extends object>(current: object, next: F): Partial<F> {
  const out: Partial<F> = {};
  for (const [k, v] of Object.entries(next) as Array<[keyof F, F[keyof F]]>) {
    if ((current as Record<keyof F, unknown>)[k] !== v) out[k] = v;
  }
  return out;
}

/**
 * Matches file items to stored rows by key: inserts the new ones, updates only the fields that changed, and
 * leaves identical rows untouched (so a second import of the same file changes nothing). Counts each case.
 */
async function reconcile<Row extends object, Item, F extends object>(
  items: Item[],
  existing: Map<string, Row>,
  spec: {
    key: (item: Item) => string;
    /** The fields the file decides, given the stored row if there is one. */
    fields: (item: Item, current: Row | undefined) => F;
    insert: (item: Item, fields: F) => Promise<void>;
    update: (current: Row, changed: Partial<F>) => Promise<void>;
    /** Runs after each item, with the stored or new row's identity (for nested rows). */
    after?: (item: Item, current: Row | undefined) => Promise<void>;
  },
): Promise<Tally> {
  const t = tally();
  for (const item of items) {
    const current = existing.get(spec.key(item));
    const fields = spec.fields(item, current);
    if (!current) {
      await spec.insert(item, fields);
      t.created++;
    } else {
      const changed = changedFields(current, fields);
      if (Object.keys(changed).length === 0) t.unchanged++;
      else {
        await spec.update(current, changed);
        t.updated++;
      }
    }
    await spec.after?.(item, current);
  }
  return t;
}

async function importPeople(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const rows = await trx.selectFrom('people').selectAll().where('team_id', '=', teamId).execute();
  return reconcile(file.people, new Map(rows.map((r) => [r.slack_id, r])), {
    key: (p) => p.slack_id,
    fields: (p, current) => ({
      name: p.name,
      manager_slack_id: p.manager ?? null,
      // A time zone Slack reported wins over the file's.
      ...(current?.tz_source === 'slack'
        ? {}
        : { tz: p.tz ?? null, tz_source: p.tz ? ('file' as const) : null }),
    }),
    insert: async (p, fields) => {
      await trx
        .insertInto('people')
        .values({
          team_id: teamId,
          slack_id: p.slack_id,
          ...fields,
          paused_until: null,
          dm_blocked_reason: null,
          dm_channel_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    update: async (current, changed) => {
      await trx
        .updateTable('people')
        .set({ ...changed, updated_at: at })
        .where('team_id', '=', teamId)
        .where('slack_id', '=', current.slack_id)
        .execute();
    },
  });
}

async function importTeams(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const rows = await trx.selectFrom('teams').selectAll().where('team_id', '=', teamId).execute();
  return reconcile(file.teams, new Map(rows.map((r) => [r.key, r])), {
    key: (team) => team.key,
    fields: (team) => ({
      name: team.name,
      channel_id: team.channel ?? null,
      lead_slack_id: team.lead ?? null,
      checkin_day: team.checkin.day,
      checkin_time: team.checkin.time,
      checkin_cadence: team.checkin.cadence,
    }),
    insert: async (team, fields) => {
      await trx
        .insertInto('teams')
        .values({
          team_id: teamId,
          key: team.key,
          ...fields,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    update: async (current, changed) => {
      await trx
        .updateTable('teams')
        .set({ ...changed, updated_at: at })
        .where('team_id', '=', teamId)
        .where('key', '=', current.key)
        .execute();
    },
  });
}

async function importKpis(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Tally> {
  const rows = await trx.selectFrom('kpis').selectAll().where('team_id', '=', teamId).execute();
  return reconcile(file.kpis, new Map(rows.map((r) => [r.key, r])), {
    key: (k) => k.key,
    fields: (k) => ({
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
    }),
    insert: async (k, fields) => {
      await trx
        .insertInto('kpis')
        .values({
          id: newId('kpi'),
          team_id: teamId,
          key: k.key,
          ...fields,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    update: async (current, changed) => {
      await trx
        .updateTable('kpis')
        .set({ ...changed, updated_at: at })
        .where('id', '=', current.id)
        .execute();
    },
  });
}

async function importObjectives(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
): Promise<Pick<ImportSummary, 'objectives' | 'key_results'>> {
  const keyResults = tally();
  const rows = await trx
    .selectFrom('objectives')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('key', 'is not', null)
    .execute();
  const newIds = new Map<string, string>();
  const objectives = await reconcile(file.objectives, new Map(rows.map((o) => [o.key!, o])), {
    key: (o) => o.key,
    fields: (o, current) => ({
      team_key: o.team,
      quarter: o.quarter,
      type: o.type,
      owner_slack_id: o.owner,
      text: o.text,
      status: o.status,
      closed_at: o.status === 'closed' ? (current?.closed_at ?? at) : null,
    }),
    insert: async (o, fields) => {
      const id = newId('obj');
      newIds.set(o.key, id);
      await trx
        .insertInto('objectives')
        .values({
          id,
          team_id: teamId,
          key: o.key,
          ...fields,
          created_by: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },
    update: async (current, changed) => {
      await trx
        .updateTable('objectives')
        .set({ ...changed, updated_at: at })
        .where('id', '=', current.id)
        .execute();
    },
    after: async (o, current) => {
      const objectiveId = current?.id ?? newIds.get(o.key)!;
      const stored = await trx
        .selectFrom('key_results')
        .selectAll()
        .where('objective_id', '=', objectiveId)
        .execute();
      const rowsByKey = new Map(stored.filter((kr) => kr.key !== null).map((kr) => [kr.key!, kr]));
      const positions = new Map(o.key_results.map((kr, i) => [kr.key, i]));
      const toRow = (kr: (typeof o.key_results)[number]) =>
        keyResultRow(
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
          positions.get(kr.key)!,
          at,
        );
      const t = await reconcile(o.key_results, rowsByKey, {
        key: (kr) => kr.key,
        fields: (kr) => {
          const row = toRow(kr);
          return {
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
        },
        insert: async (kr) => {
          await trx.insertInto('key_results').values(toRow(kr)).execute();
        },
        update: async (current, changed) => {
          await trx
            .updateTable('key_results')
            .set({ ...changed, updated_at: at })
            .where('id', '=', current.id)
            .execute();
        },
      });
      keyResults.created += t.created;
      keyResults.updated += t.updated;
      keyResults.unchanged += t.unchanged;
    },
  });
  return { objectives, key_results: keyResults };
}
