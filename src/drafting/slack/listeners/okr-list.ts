import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { listObjectivesFor } from '../../list-objectives.js';
import { objectiveListMessage } from '../views/objective-list.js';

/**
 * `/okr list`: this channel's team objectives for the quarter (or, outside a team channel, the caller's).
 * The answer is the ack itself (an ephemeral reply), so it is read before the ack.
 */
export async function listCommand({ ctx, args, teamId, userId, channelId }: SubcommandInput): Promise<void> {
  const list = await listObjectivesFor(ctx, { teamId, userId, channelId });
  await args.ack({ response_type: 'ephemeral', ...objectiveListMessage(list) });
}
