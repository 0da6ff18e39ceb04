import { formatQuarter, listKeyResults, listObjectives, quarterOf } from '../../../okrs/index.js';
import { findTeamForChannel } from '../../../people/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { objectiveListMessage } from '../views/objective-list.js';

/** `/okr list`: this channel's team objectives for the quarter (or, outside a team channel, the caller's). */
export async function listCommand({ ctx, args, teamId, userId, channelId }: SubcommandInput): Promise<void> {
  const quarter = formatQuarter(quarterOf(ctx.now(), ctx.config.defaultTimeZone));
  const team = await findTeamForChannel(ctx.db, teamId, channelId);
  let objectives = await listObjectives(ctx.db, teamId, {
    quarter,
    status: ['draft', 'active'],
    ...(team ? { teamKey: team.key } : {}),
  });
  const keyResults = await listKeyResults(
    ctx.db,
    objectives.map((o) => o.id),
  );
  if (!team) {
    const mine = new Set(
      keyResults.filter((kr) => kr.owner_slack_id === userId).map((kr) => kr.objective_id),
    );
    objectives = objectives.filter((o) => o.owner_slack_id === userId || mine.has(o.id));
  }
  await args.ack({
    response_type: 'ephemeral',
    ...objectiveListMessage({ quarter, scope: team ? team.name : 'your objectives', objectives, keyResults }),
  });
}
