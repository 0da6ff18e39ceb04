import type { Kysely } from 'kysely';
import { z } from 'zod';
import { actorFor, authorize, type Decision, ensurePerson, getPerson } from '../people/index.js';
import { recordAudit } from '../platform/audit/audit-log.js';
import type { AppContext } from '../platform/context.js';
import { newId } from '../platform/db/ids.js';
import type { Database } from '../platform/db/schema.js';
import { escapeMrkdwn } from '../platform/slack/mrkdwn.js';
import { validateKpiSpec } from './domain/spec.js';
import type { KpiSpec } from './domain/types.js';
import { mayActOnKpi } from './log-reading.js';
import { getKpiByKey, type Kpi } from './store/kpis.js';

/** Fields of the KPI form (`/kpi add`, `/kpi edit`): what a KPI is, in the words of the issue. */
export const KPI_FIELDS = [
  'key',
  'name',
  'unit',
  'direction',
  'cadence',
  'owner',
  'channel',
  'team',
  'range_low',
  'range_high',
  'aspirational',
  'alert_threshold',
  'protocol',
  'key_results',
] as const;
export type KpiField = (typeof KPI_FIELDS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
const requiredNumber = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .transform((v) => Number(v))
    .pipe(z.number({ error: `${what} must be a number` }).finite(`${what} must be a number`));
const optionalNumber = (what: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? Number(v) : null))
    .pipe(
      z
        .number({ error: `${what} must be a number` })
        .finite(`${what} must be a number`)
        .nullable(),
    );

/** The form as submitted (strings and ids); numbers and options are checked here. */
export const kpiFormSchema = z.object({
  key: z
    .string({ error: 'a key is required' })
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9_-]{0,63}$/,
      'must be a slug: lowercase letters, digits, - or _ (like time-to-hire)',
    ),
  name: z
    .string({ error: 'a name is required' })
    .trim()
    .min(1, 'a name is required')
    .max(150, 'must be at most 150 characters'),
  unit: optionalText(40),
  direction: z.enum(['higher_is_better', 'lower_is_better'], {
    error: 'pick whether higher or lower is better',
  }),
  cadence: z.enum(['weekly', 'monthly'], { error: 'pick weekly or monthly' }),
  owner: z
    .string({ error: 'every KPI needs an owner' })
    .regex(/^[UW][A-Z0-9]{2,}$/, 'every KPI needs an owner'),
  channel: z
    .string()
    .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel')
    .nullish()
    .transform((v) => v ?? null),
  team: optionalText(64),
  range_low: requiredNumber('the low end of the range'),
  range_high: requiredNumber('the high end of the range'),
  aspirational: optionalNumber('the aspirational target'),
  alert_threshold: requiredNumber('the alert threshold'),
  protocol: z
    .string({ error: 'say what the owner does when the KPI leaves its range' })
    .trim()
    .min(1, 'say what the owner does when the KPI leaves its range')
    .max(2000, 'must be at most 2000 characters'),
  key_results: z.array(z.string()).default([]),
});

/** The form's raw values, before checking; every field may be missing or of the wrong shape. */
export type KpiFormInput = Partial<Record<KpiField, unknown>>;
export type KpiForm = z.output<typeof kpiFormSchema>;

export type KpiFormResult =
  | { ok: true; form: KpiForm }
  | { ok: false; errors: Partial<Record<KpiField, string>> };

/**
 * Checks a KPI form: field shapes, the range is ordered, the threshold lies on the bad side of the range
 * for the direction, the owner is a known person, the team and key results exist, and (adding) the key is
 * free. One clear message per field.
 */
export async function validateKpiForm(
  db: Kysely<Database>,
  teamId: string,
  input: KpiFormInput,
  mode: 'add' | 'edit',
): Promise<KpiFormResult> {
  const errors: Partial<Record<KpiField, string>> = {};
  const parsed = kpiFormSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'name') as KpiField;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const form = parsed.data;
  const spec: KpiSpec = {
    key: form.key,
    direction: form.direction,
    cadence: form.cadence,
    range: [form.range_low, form.range_high],
    alertThreshold: form.alert_threshold,
    ...(form.aspirational !== null ? { aspirational: form.aspirational } : {}),
  };
  for (const problem of validateKpiSpec(spec)) {
    if (problem.startsWith('range')) errors.range_high ??= problem;
    else if (problem.startsWith('alert threshold')) errors.alert_threshold ??= problem;
    else if (problem.startsWith('aspirational')) errors.aspirational ??= problem;
    else errors.name ??= problem;
  }
  const owner = await getPerson(db, teamId, form.owner);
  if (!owner)
    errors.owner = `<@${form.owner}> is not a known person here: import them first (okrbot import) or pick someone else`;
  if (form.team) {
    const team = await db
      .selectFrom('teams')
      .select('key')
      .where('team_id', '=', teamId)
      .where('key', '=', form.team)
      .executeTakeFirst();
    if (!team) errors.team = `there is no team ${form.team}`;
  }
  if (form.key_results.length > 0) {
    const found = await db
      .selectFrom('key_results')
      .select('id')
      .where('team_id', '=', teamId)
      .where('id', 'in', form.key_results)
      .execute();
    if (found.length !== new Set(form.key_results).size)
      errors.key_results = 'a key result you picked no longer exists';
  }
  const existing = await getKpiByKey(db, teamId, form.key);
  if (mode === 'add' && existing)
    errors.key = `a KPI with key ${form.key} exists already: use /kpi edit ${form.key}`;
  if (mode === 'edit' && !existing) errors.key = `there is no KPI ${form.key} any more`;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, form };
}

/** Adds or changes a KPI and its linked key results, in one transaction. */
export async function saveKpi(
  db: Kysely<Database>,
  teamId: string,
  form: KpiForm,
  now: Date,
): Promise<{ kpi: Kpi; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const at = now.toISOString();
    const fields = {
      name: form.name,
      unit: form.unit,
      direction: form.direction,
      owner_slack_id: form.owner,
      channel_id: form.channel,
      team_key: form.team,
      cadence: form.cadence,
      range_low: form.range_low,
      range_high: form.range_high,
      aspirational: form.aspirational,
      alert_threshold: form.alert_threshold,
      protocol: form.protocol,
    };
    const existing = await getKpiByKey(trx, teamId, form.key);
    if (existing) {
      await trx
        .updateTable('kpis')
        .set({ ...fields, updated_at: at })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await trx
        .insertInto('kpis')
        .values({
          id: newId('kpi'),
          team_id: teamId,
          key: form.key,
          ...fields,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    // The key results picked are linked to this KPI; ones no longer picked are unlinked.
    let unlink = trx
      .updateTable('key_results')
      .set({ kpi_key: null, updated_at: at })
      .where('team_id', '=', teamId)
      .where('kpi_key', '=', form.key);
    if (form.key_results.length > 0) unlink = unlink.where('id', 'not in', form.key_results);
    await unlink.execute();
    if (form.key_results.length > 0) {
      await trx
        .updateTable('key_results')
        .set({ kpi_key: form.key, updated_at: at })
        .where('team_id', '=', teamId)
        .where('id', 'in', form.key_results)
        .execute();
    }
    const kpi = (await getKpiByKey(trx, teamId, form.key)) as Kpi;
    return { kpi, created: !existing };
  });
}

/** Key results a KPI can be linked to: those of draft and active objectives, with the ones linked to it now. */
export async function linkableKeyResults(
  db: Kysely<Database>,
  teamId: string,
): Promise<Array<{ id: string; text: string; kpiKey: string | null }>> {
  const rows = await db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .select(['kr.id', 'kr.text', 'kr.kpi_key'])
    .where('kr.team_id', '=', teamId)
    .where('o.status', '!=', 'closed')
    .orderBy('o.created_at')
    .orderBy('kr.position')
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, kpiKey: r.kpi_key }));
}

/**
 * An owner picked in the modal who is a member of the Slack workspace but not imported yet is recorded as
 * a person (name and time zone from Slack), so "the owner exists" holds for real members only.
 */
export async function ensureOwnerKnown(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
  now: Date,
  lookup: (userId: string) => Promise<{ name: string; tz: string | null; active: boolean } | undefined>,
): Promise<void> {
  if (await getPerson(db, teamId, userId)) return;
  const user = await lookup(userId);
  if (!user?.active) return;
  await ensurePerson(db, { teamId, slackId: userId, name: user.name, tz: user.tz }, now);
}

/**
 * Whether this person may save the KPI form: changing a KPI takes its owner, its team's lead or an admin
 * (checked against the KPI as stored, whatever the form's metadata says); adding one takes an admin, a
 * team's lead, or someone who makes themselves its owner.
 */
export async function mayDefineKpi(
  ctx: AppContext,
  teamId: string,
  userId: string,
  mode: 'add' | 'edit',
  input: { key?: unknown; owner?: unknown; team?: unknown },
): Promise<Decision> {
  const existing =
    mode === 'edit' && typeof input.key === 'string'
      ? await getKpiByKey(ctx.db, teamId, input.key)
      : undefined;
  if (existing)
    return mayActOnKpi(ctx, teamId, userId, 'kpi.define', existing, `the KPI ${escapeMrkdwn(existing.name)}`);
  if (mode === 'edit') return { ok: false, refusal: 'That KPI does not exist any more.' };
  if (input.owner === userId) return { ok: true, as: 'KPI owner' };
  const actor = await actorFor(ctx.db, teamId, userId, ctx.config.adminIds);
  return authorize(
    'kpi.add',
    actor,
    typeof input.team === 'string' && input.team ? { teamKey: input.team } : {},
  );
}

/** Records a KPI definition change (before → after) in the audit log. */
export async function auditKpiDefinition(
  db: Kysely<Database>,
  teamId: string,
  actor: string,
  before: Kpi | undefined,
  after: Kpi,
  at: Date,
): Promise<void> {
  const fields = (k: Kpi) => ({
    name: k.name,
    unit: k.unit,
    direction: k.direction,
    owner: k.owner_slack_id,
    channel: k.channel_id,
    team: k.team_key,
    cadence: k.cadence,
    range: [k.range_low, k.range_high],
    aspirational: k.aspirational,
    alert_threshold: k.alert_threshold,
    protocol: k.protocol,
  });
  await recordAudit(db, {
    teamId,
    at,
    actor,
    action: before ? 'kpi.change' : 'kpi.add',
    subject: `kpi:${after.key}`,
    ...(before ? { before: fields(before) } : {}),
    after: fields(after),
  });
}
