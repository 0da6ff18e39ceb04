import { actorFor, authorize, type Decision } from '../people/index.js';
import { recordAudit } from '../platform/audit/audit-log.js';
import type { AppContext } from '../platform/context.js';
import { periodOf } from './domain/period.js';
import { type AlertChange, recordReadingsAndNotify } from './evaluate-and-notify.js';
import { validateReadings } from './readings.js';
import { getKpiByKey } from './store/kpis.js';

export interface LogArgs {
  key: string;
  value: number;
  /** `YYYY-MM-DD`, `YYYY-MM` or `YYYY-Www`; the period containing today when left out. */
  date?: string;
}

const USAGE =
  'Usage: `/kpi log KEY VALUE [DATE]`, for example `/kpi log time-to-hire 41` or `/kpi log hr-sla 96.5 2026-11-20`.';

/** Reads `KEY VALUE [DATE]`; a value may end in `%`. */
export function parseLogArgs(rest: string): { ok: true; value: LogArgs } | { ok: false; error: string } {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 3) return { ok: false, error: USAGE };
  const [key, rawValue, date] = words as [string, string, string | undefined];
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(key))
    return { ok: false, error: `\`${key.slice(0, 64)}\` is not a KPI key. ${USAGE}` };
  const number = /^[-+]?(\d+(\.\d*)?|\.\d+)%?$/.test(rawValue)
    ? Number(rawValue.replace('%', ''))
    : Number.NaN;
  if (!Number.isFinite(number))
    return {
      ok: false,
      error: `VALUE must be a number like 41 or 96.5, not \`${rawValue.slice(0, 40)}\`. ${USAGE}`,
    };
  return { ok: true, value: { key, value: number, ...(date ? { date } : {}) } };
}

export type LogResult =
  | { kind: 'unknown_kpi'; key: string }
  | { kind: 'refused'; key: string; refusal: string }
  | { kind: 'invalid'; key: string; error: string }
  | {
      kind: 'stored' | 'unchanged';
      key: string;
      name: string;
      unit: string | null;
      period: string;
      value: number;
      previous: number | null;
      range: [number, number];
      alerts: AlertChange[];
    };

/** `/kpi log`: the same path as the readings API (one transaction, evaluation, alerts through the outbox). */
export async function logReading(
  ctx: AppContext,
  teamId: string,
  userId: string,
  args: LogArgs,
  timeZone: string,
): Promise<LogResult> {
  const kpi = await getKpiByKey(ctx.db, teamId, args.key);
  if (!kpi) return { kind: 'unknown_kpi', key: args.key };
  const decision = await mayActOnKpi(ctx, teamId, userId, 'kpi.log', kpi, `${kpi.name}`);
  if (!decision.ok) return { kind: 'refused', key: kpi.key, refusal: decision.refusal };
  const period = args.date ?? periodOf(ctx.now(), kpi.cadence, timeZone);
  const valid = await validateReadings(ctx.db, teamId, [{ kpi: args.key, period, value: args.value }], {
    now: ctx.now(),
    timeZone,
  });
  if (!valid.ok)
    return { kind: 'invalid', key: args.key, error: valid.problems.map((p) => p.message).join('; ') };
  const reading = valid.readings[0]!;
  const previous = await ctx.db
    .selectFrom('kpi_readings')
    .select('value')
    .where('kpi_id', '=', kpi.id)
    .where('period', '=', reading.period)
    .executeTakeFirst();
  const result = await recordReadingsAndNotify(ctx, teamId, valid.readings, `slack:${userId}`);
  if (previous && Number(previous.value) !== reading.value && result.stored > 0) {
    await recordAudit(ctx.db, {
      teamId,
      at: ctx.now(),
      actor: userId,
      action: 'reading.replace',
      subject: `kpi:${kpi.key}`,
      before: { period: reading.period, value: Number(previous.value) },
      after: { period: reading.period, value: reading.value },
    });
  }
  return {
    kind: result.stored > 0 ? 'stored' : 'unchanged',
    key: kpi.key,
    name: kpi.name,
    unit: kpi.unit,
    period: reading.period,
    value: reading.value,
    previous: previous ? Number(previous.value) : null,
    range: [kpi.range_low, kpi.range_high],
    alerts: result.alerts,
  };
}

/** Whether this person may act on this KPI (define it, log its readings), by the permission table. */
export async function mayActOnKpi(
  ctx: AppContext,
  teamId: string,
  userId: string,
  action: 'kpi.log' | 'kpi.define',
  kpi: { owner_slack_id: string; team_key: string | null },
  what: string,
): Promise<Decision> {
  const team = kpi.team_key
    ? await ctx.db
        .selectFrom('teams')
        .select(['lead_slack_id', 'name'])
        .where('team_id', '=', teamId)
        .where('key', '=', kpi.team_key)
        .executeTakeFirst()
    : undefined;
  return authorize(action, await actorFor(ctx.db, teamId, userId, ctx.config.adminIds), {
    kpiOwner: kpi.owner_slack_id,
    teamKey: kpi.team_key,
    teamLead: team?.lead_slack_id ?? null,
    teamName: team?.name ?? null,
    what,
  });
}
