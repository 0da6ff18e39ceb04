import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { closeQuarterAs } from '../../close-quarter-as.js';

/** `/okr close-quarter [QUARTER]`: acks at once, closes, and answers only to the person who asked. */
export async function closeQuarterSubcommand({
  ctx,
  args,
  rest,
  teamId,
  userId,
  channelId,
  respond,
}: SubcommandInput): Promise<void> {
  const quarter = rest.split(/\s+/)[0] || undefined;
  await args.ack({
    response_type: 'ephemeral',
    text: `Closing ${quarter ?? 'the quarter that ended last'}…`,
  });
  const outcome = await closeQuarterAs(ctx, { teamId, userId, channelId, ...(quarter ? { quarter } : {}) });
  await respond({
    response_type: 'ephemeral',
    text: outcome.ok ? outcome.result.message : outcome.message,
  });
}
