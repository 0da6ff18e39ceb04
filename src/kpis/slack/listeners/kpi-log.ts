import { getPerson } from '../../../people/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { logReading, parseLogArgs } from '../../log-reading.js';
import { kpiLogReply } from '../views/kpi-log-reply.js';

/** `/kpi log KEY VALUE [DATE]`: records a reading, evaluates it, and says what it did. */
export async function kpiLogSubcommand({ ctx, args, rest, teamId, userId }: SubcommandInput): Promise<void> {
  const parsed = parseLogArgs(rest);
  if (!parsed.ok) {
    await args.ack({ response_type: 'ephemeral', text: parsed.error });
    return;
  }
  const tz = (await getPerson(ctx.db, teamId, userId))?.tz ?? ctx.config.defaultTimeZone;
  const result = await logReading(ctx, teamId, userId, parsed.value, tz);
  await args.ack({ response_type: 'ephemeral', ...kpiLogReply(result) });
}
