import { formatQuarter, parseQuarter, quarterOf } from '../okrs/index.js';
import { actorFor, authorize } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { rollupData, type TeamRollupRow } from './store/rollup-data.js';

export type RollupResult =
  | { ok: false; message: string }
  | { ok: true; quarter: string; rows: TeamRollupRow[] };

/** `/okr rollup [QUARTER]`: admins only; the quarter defaults to the current one. */
export async function rollupFor(
  ctx: AppContext,
  teamId: string,
  userId: string,
  quarterText?: string,
): Promise<RollupResult> {
  const decision = authorize('rollup', await actorFor(ctx.db, teamId, userId, ctx.config.adminIds), {
    what: 'the workspace',
  });
  if (!decision.ok) return { ok: false, message: decision.refusal };
  const now = ctx.now();
  const q = quarterText ? parseQuarter(quarterText) : quarterOf(now, ctx.config.defaultTimeZone);
  if (!q) return { ok: false, message: `"${quarterText}" is not a quarter like 2026Q4.` };
  const key = formatQuarter(q);
  const startMonth = (q.q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(q.year, endMonth, 0)).getUTCDate();
  const range = {
    key,
    from: `${q.year}-${String(startMonth).padStart(2, '0')}-01`,
    to: `${q.year}-${String(endMonth).padStart(2, '0')}-${lastDay}`,
  };
  return { ok: true, quarter: key, rows: await rollupData(ctx.db, teamId, range, now) };
}
