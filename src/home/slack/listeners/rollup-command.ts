import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { rollupFor } from '../../rollup.js';
import { rollupBlocks, rollupText } from '../views/rollup-view.js';

/** `/okr rollup [QUARTER]`: HR's view across teams, only for the admin who asked. */
export async function rollupSubcommand({ ctx, args, rest, teamId, userId }: SubcommandInput): Promise<void> {
  const result = await rollupFor(ctx, teamId, userId, rest.split(/\s+/)[0] || undefined);
  if (!result.ok) {
    await args.ack({ response_type: 'ephemeral', text: result.message });
    return;
  }
  await args.ack({
    response_type: 'ephemeral',
    text: rollupText(result.quarter, result.rows),
    blocks: rollupBlocks(result.quarter, result.rows),
  });
}
