import { formatQuarter, listKeyResults, listObjectives, quarterOf } from '../okrs/index.js';
import { findTeamForChannel } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import type { ObjectiveList } from './slack/views/objective-list.js';

/**
 * This quarter's draft and active objectives of the team whose channel this is; outside a team channel, the
 * ones the person owns or owns a key result in. Retired objectives and key results (gone from the import
 * file) are left out.
 */
export async function listObjectivesFor(
  ctx: AppContext,
  input: { teamId: string; userId: string; channelId: string },
): Promise<ObjectiveList> {
  const { teamId, userId, channelId } = input;
  const quarter = formatQuarter(quarterOf(ctx.now(), ctx.config.defaultTimeZone));
  const team = await findTeamForChannel(ctx.db, teamId, channelId);
  let objectives = (
    await listObjectives(ctx.db, teamId, {
      quarter,
      status: ['draft', 'active'],
      ...(team ? { teamKey: team.key } : {}),
    })
  ).filter((o) => o.retired_at === null);
  const keyResults = (
    await listKeyResults(
      ctx.db,
      objectives.map((o) => o.id),
    )
  ).filter((kr) => kr.retired_at === null);
  if (!team) {
    const mine = new Set(
      keyResults.filter((kr) => kr.owner_slack_id === userId).map((kr) => kr.objective_id),
    );
    objectives = objectives.filter((o) => o.owner_slack_id === userId || mine.has(o.id));
  }
  return { quarter, scope: team ? team.name : 'your objectives', objectives, keyResults };
}
