import type { Kysely, Transaction } from 'kysely';
import { keyResultRow } from '../../okrs/index.js';
import type { ImportFile, KnownIds } from '../../people/index.js';
import { recordAudit } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/db/ids.js';
import type { Database } from '../../platform/db/schema.js';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
  /** Stored rows the file no longer lists (kept for history, no longer prompted or checked). */
  retired: number;
  /** What was retired: `slack_id`, `key`, or `objective/key` for key results. */
  retiredKeys: string[];
  /** A retired row and a new one that look like the same thing under a new key (same text, name or place). */
  renamed: Array<{ from: string; to: string }>;
}

export type ImportSummary = Record<'people' | 'teams' | 'objectives' | 'key_results' | 'kpis', Tally>;

export interface ImportOptions {
  /** Leave stored rows the file does not list as they are, instead of retiring them. */
  keepMissing?: boolean;
  /** Work out the summary in a transaction and roll it back: nothing is written. */
  dryRun?: boolean;
}

/**
 * Ids already in the workspace, which a file may refer to without listing them. A re-import retires the
 * people and KPIs it leaves out, so only with `keepMissing` may it point at stored ones (not retired ones);
 * teams are never retired.
 */
export async function knownIds(
  db: Kysely<Database>,
  teamId: string,
  options: Pick<ImportOptions, 'keepMissing'> = {},
): Promise<KnownIds> {
  const [people, teams, kpis] = await Promise.all([
    options.keepMissing
      ? db
          .selectFrom('people')
          .select('slack_id')
          .where('team_id', '=', teamId)
          .where('retired_at', 'is', null)
          .execute()
      : [],
    db.selectFrom('teams').select('key').where('team_id', '=', teamId).execute(),
    options.keepMissing
      ? db
          .selectFrom('kpis')
          .select('key')
          .where('team_id', '=', teamId)
          .where('retired_at', 'is', null)
          .execute()
      : [],
  ]);
  return {
    people: new Set(people.map((p) => p.slack_id)),
    teams: new Set(teams.map((t) => t.key)),
    kpis: new Set(kpis.map((k) => k.key)),
  };
}

/** Thrown inside a dry run's transaction to roll it back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

/**
 * Writes a validated file in one transaction. Rows are matched by their keys; a row whose fields are the
 * same is left untouched, so importing the same file twice changes nothing. Key results keep their
 * current value (it comes from check-ins); a person's Slack time zone wins over the file's. Stored people,
 * objectives (with their key results), key results and KPIs the file no longer lists are retired
 * (`retired_at`), unless `keepMissing`; one that comes back is active again. `dryRun` rolls it all back.
 */
export async function applyImport(
  db: Kysely<Database>,
  teamId: string,
  file: ImportFile,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const at = now.toISOString();
  const keep = options.keepMissing === true;
  try {
    return await db.transaction().execute(async (trx) => {
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
        people: await importPeople(trx, teamId, file, at, keep),
        ...(await importAdmins(trx, teamId, file, now)),
        teams: await importTeams(trx, teamId, file, at),
        kpis: await importKpis(trx, teamId, file, at, keep),
        ...(await importObjectives(trx, teamId, file, at, keep)),
      };
      await recordAudit(trx, {
        teamId,
        at: now,
        actor: 'import',
        action: 'import',
        subject: 'org',
        after: summary,
      });
      if (options.dryRun) throw new DryRunRollback(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

const tally = (): Tally => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  retired: 0,
  retiredKeys: [],
  renamed: [],
});

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
 * leaves identical rows untouched (so a second import of the same file changes nothing). With `retire`,
 * stored rows the file does not list (and not retired yet) are retired. Counts each case.
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
    /** Retires a stored row the file no longer lists; left out when missing rows are kept. */
    retire?: ((row: Row, key: string) => Promise<void>) | undefined;
    /** How the summary names a key (`objective/key` for key results). */
    label?: (key: string) => string;
    /** A retired row and a new item that are probably the same thing under a new key. */
    sameThing?: (row: Row, item: Item) => boolean;
  },
): Promise<Tally> {
  const t = tally();
  const label = spec.label ?? ((k: string) => k);
  const listed = new Set<string>();
  const created: Item[] = [];
  for (const item of items) {
    listed.add(spec.key(item));
    const current = existing.get(spec.key(item));
    const fields = spec.fields(item, current);
    if (!current) {
      await spec.insert(item, fields);
      created.push(item);
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
  if (spec.retire) {
    for (const [key, row] of existing) {
      if (listed.has(key) || ('retired_at' in row && row.retired_at !== null)) continue;
      await spec.retire(row, key);
      t.retired++;
      t.retiredKeys.push(label(key));
      const successor = spec.sameThing && created.find((item) => spec.sameThing?.(row, item));
      if (successor) t.renamed.push({ from: label(key), to: label(spec.key(successor)) });
    }
  }
  return t;
}

/** Adds one tally's counts and keys to another. */
function addTally(into: Tally, t: Tally): void {
  into.created += t.created;
  into.updated += t.updated;
  into.unchanged += t.unchanged;
  into.retired += t.retired;
  into.retiredKeys.push(...t.retiredKeys);
  into.renamed.push(...t.renamed);
}

async function importPeople(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
  keep: boolean,
): Promise<Tally> {
  const rows = await trx.selectFrom('people').selectAll().where('team_id', '=', teamId).execute();
  return reconcile(file.people, new Map(rows.map((r) => [r.slack_id, r])), {
    key: (p) => p.slack_id,
    fields: (p, current) => ({
      name: p.name,
      manager_slack_id: p.manager ?? null,
      retired_at: null,
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
    retire: keep
      ? undefined
      : async (row) => {
          await trx
            .updateTable('people')
            .set({ retired_at: at, updated_at: at })
            .where('team_id', '=', teamId)
            .where('slack_id', '=', row.slack_id)
            .execute();
        },
  });
}

/**
 * `admins:` decides who is an admin: listed people become admins, everyone else stops being one (a file
 * without `admins:` leaves the roles as they are). Each change is written to the audit log.
 */
async function importAdmins(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  now: Date,
): Promise<object> {
  if (!file.admins) return {};
  const wanted = new Set(file.admins);
  const rows = await trx
    .selectFrom('people')
    .select(['slack_id', 'is_admin'])
    .where('team_id', '=', teamId)
    .execute();
  for (const r of rows) {
    const next = wanted.has(r.slack_id) ? 1 : 0;
    if (Number(r.is_admin) === next) continue;
    await trx
      .updateTable('people')
      .set({ is_admin: next, updated_at: now.toISOString() })
      .where('team_id', '=', teamId)
      .where('slack_id', '=', r.slack_id)
      .execute();
    await recordAudit(trx, {
      teamId,
      at: now,
      actor: 'import',
      action: 'role.change',
      subject: `person:${r.slack_id}`,
      before: { admin: Number(r.is_admin) === 1 },
      after: { admin: next === 1 },
    });
  }
  return {};
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
      report: team.report,
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
  keep: boolean,
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
      retired_at: null,
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
    retire: keep ? undefined : (row) => retireRow(trx, 'kpis', row.id, at),
    sameThing: (row, k) => row.name === k.name,
  });
}

/** Marks one row retired (a KPI, objective or key result, by id). */
async function retireRow(
  trx: Transaction<Database>,
  table: 'kpis' | 'objectives' | 'key_results',
  id: string,
  at: string,
): Promise<void> {
  await trx.updateTable(table).set({ retired_at: at, updated_at: at }).where('id', '=', id).execute();
}

async function importObjectives(
  trx: Transaction<Database>,
  teamId: string,
  file: ImportFile,
  at: string,
  keep: boolean,
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
      retired_at: null,
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
      addTally(
        keyResults,
        await importKeyResults(trx, teamId, current?.id ?? newIds.get(o.key)!, o, at, keep),
      );
    },
    // A retired objective's key results are retired with it.
    retire: keep
      ? undefined
      : async (row, key) => {
          await retireRow(trx, 'objectives', row.id, at);
          const krs = await trx
            .selectFrom('key_results')
            .select(['id', 'key'])
            .where('objective_id', '=', row.id)
            .where('retired_at', 'is', null)
            .execute();
          for (const kr of krs) {
            await retireRow(trx, 'key_results', kr.id, at);
            keyResults.retired++;
            keyResults.retiredKeys.push(`${key}/${kr.key ?? kr.id}`);
          }
        },
    sameThing: (row, o) => row.text === o.text,
  });
  return { objectives, key_results: keyResults };
}

type FileObjective = ImportFile['objectives'][number];
type FileKeyResult = FileObjective['key_results'][number];

/** One objective's key results, matched by key; their position is their order in the file. */
async function importKeyResults(
  trx: Transaction<Database>,
  teamId: string,
  objectiveId: string,
  o: FileObjective,
  at: string,
  keep: boolean,
): Promise<Tally> {
  const stored = await trx
    .selectFrom('key_results')
    .selectAll()
    .where('objective_id', '=', objectiveId)
    .execute();
  const rowsByKey = new Map(stored.filter((kr) => kr.key !== null).map((kr) => [kr.key!, kr]));
  const positions = new Map(o.key_results.map((kr, i) => [kr.key, i]));
  const toRow = (kr: FileKeyResult) =>
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
  return reconcile(o.key_results, rowsByKey, {
    key: (kr) => kr.key,
    fields: (kr) => keyResultFields(kr, toRow(kr)),
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
    retire: keep ? undefined : (row) => retireRow(trx, 'key_results', row.id, at),
    label: (key) => `${o.key}/${key}`,
    // Same text, or the same place in the list: probably a renamed key.
    sameThing: (row, kr) => row.text === kr.text || row.position === positions.get(kr.key),
  });
}

/** The key-result fields the file decides. */
function keyResultFields(kr: FileKeyResult, row: ReturnType<typeof keyResultRow>) {
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
    retired_at: null,
    // A current value in the file is an explicit correction; otherwise check-ins own it.
    ...(kr.current !== undefined ? { current: kr.current } : {}),
  };
}
