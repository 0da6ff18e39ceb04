import { getPerson } from '../../../db/repos/directory.js';
import { logReading, parseLogArgs } from '../../../services/kpi-log.js';
import { kpiLogReply } from '../../views/kpi-log-reply.js';
import type { SubcommandInput } from './command-router.js';

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
