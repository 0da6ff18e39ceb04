import { z } from 'zod';
import { formatQuarter, parseQuarter, type Quarter, quarterOf } from '../../okrs/index.js';
import { actorFor, authorize } from '../../people/index.js';
import type { SubcommandInput } from '../../platform/slack/command-router.js';
import { escapeMrkdwn } from '../../platform/slack/mrkdwn.js';
import { exportFailure, sendExportToDm } from './send-export.js';

/** The words after `/okr export`: nothing (this quarter) or one quarter like 2026Q4. */
const exportArgs = z
  .string()
  .trim()
  .transform((text) => text.split(/\s+/).filter(Boolean))
  .pipe(z.array(z.string().max(40)).max(1));

/** The quarter asked for, or the one-line problem with what was typed. */
function quarterAsked(rest: string, now: Date, timeZone: string): Quarter | string {
  const words = exportArgs.safeParse(rest);
  if (!words.success) return 'Give one quarter, like `/okr export 2026Q4`, or none for this quarter.';
  const [word] = words.data;
  if (word === undefined) return quarterOf(now, timeZone);
  return (
    parseQuarter(word) ??
    `\`${escapeMrkdwn(word)}\` is not a quarter. Give one like \`/okr export 2026Q4\`, or none for this quarter.`
  );
}

/**
 * `/okr export [QUARTER]` (admins): acks at once, then shares the quarter's export in the admin's DM (a zip of
 * the CSV files and the JSON document). Anyone else gets a one-line refusal, and nothing is read or sent.
 */
export async function exportSubcommand({
  ctx,
  args,
  rest,
  teamId,
  userId,
  respond,
}: SubcommandInput): Promise<void> {
  const actor = await actorFor(ctx.db, teamId, userId, ctx.config.adminIds);
  const decision = authorize('export', actor, { what: 'the workspace' });
  if (!decision.ok) {
    await args.ack({ response_type: 'ephemeral', text: decision.refusal });
    return;
  }
  const quarter = quarterAsked(rest, ctx.now(), ctx.config.defaultTimeZone);
  if (typeof quarter === 'string') {
    await args.ack({ response_type: 'ephemeral', text: quarter });
    return;
  }
  const key = formatQuarter(quarter);
  await args.ack({
    response_type: 'ephemeral',
    text: `Exporting ${key}… the files will arrive in your DM with me in a moment.`,
  });
  try {
    await ctx.track(sendExportToDm(ctx, { teamId, userId, quarter }));
  } catch (error) {
    ctx.log.event('warn', '/okr export failed', {
      quarter: key,
      error: error instanceof Error ? error.message : String(error),
    });
    await respond({ response_type: 'ephemeral', text: exportFailure(error) });
  }
}
