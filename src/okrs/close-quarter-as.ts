import { actorFor, authorize, findTeamForChannel, getTeam } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { type CloseQuarterResult, closeQuarter, workspaceTimeZone } from './close-quarter.js';
import { defaultQuarterToClose, parseQuarter } from './domain/quarter.js';

export type CloseAsResult = { ok: false; message: string } | { ok: true; result: CloseQuarterResult };

/**
 * `/okr close-quarter [QUARTER]` in a team's channel, or the lead's Close button: checks who asks (objective
 * owners of that quarter and team, the team's lead, admins), then closes and queues the report.
 */
export async function closeQuarterAs(
  ctx: AppContext,
  input: { teamId: string; userId: string; quarter?: string; channelId?: string; teamKey?: string },
): Promise<CloseAsResult> {
  const team = input.teamKey
    ? await getTeam(ctx.db, input.teamId, input.teamKey)
    : input.channelId
      ? await findTeamForChannel(ctx.db, input.teamId, input.channelId)
      : undefined;
  if (!team) {
    return {
      ok: false,
      message: "Run `/okr close-quarter` in a team's channel: this channel belongs to no team.",
    };
  }
  const now = ctx.now();
  const tz = await workspaceTimeZone(ctx.db, input.teamId, ctx.config.defaultTimeZone);
  const quarter = input.quarter?.trim() || defaultQuarterToClose(now, tz);
  if (!parseQuarter(quarter)) return { ok: false, message: `"${quarter}" is not a quarter like 2026Q4.` };
  const owners = await ctx.db
    .selectFrom('objectives')
    .select('owner_slack_id')
    .where('team_id', '=', input.teamId)
    .where('team_key', '=', team.key)
    .where('quarter', '=', quarter.replace('-', ''))
    .execute();
  const decision = authorize(
    'quarter.close',
    await actorFor(ctx.db, input.teamId, input.userId, ctx.config.adminIds),
    {
      teamKey: team.key,
      teamLead: team.lead_slack_id,
      teamName: team.name,
      objectiveOwners: owners.map((o) => o.owner_slack_id),
      what: `${team.name}'s ${quarter}`,
    },
  );
  if (!decision.ok) return { ok: false, message: decision.refusal };
  const result = await closeQuarter(
    { db: ctx.db, outbox: ctx.outbox, defaultTimeZone: ctx.config.defaultTimeZone },
    { teamId: input.teamId, quarter, teamKey: team.key, closedBy: input.userId, now },
  );
  if (result.status === 'closed') ctx.outbox.kick();
  return { ok: true, result };
}
