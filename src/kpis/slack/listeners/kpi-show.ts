import { z } from 'zod';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { escapeMrkdwn } from '../../../platform/slack/mrkdwn.js';
import { kpiStatus } from '../../status.js';
import { kpiShowMessage } from '../views/kpi-status.js';

export const kpiKeyArg = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/);

/** `/kpi show KEY`: the last readings with a sparkline, the range and open alerts. */
export async function kpiShowSubcommand({ ctx, args, rest, teamId }: SubcommandInput): Promise<void> {
  const key = kpiKeyArg.safeParse(rest.split(/\s+/)[0] ?? '');
  const status = key.success ? await kpiStatus(ctx.db, teamId, key.data) : undefined;
  if (!status) {
    const text = rest
      ? `There is no KPI \`${escapeMrkdwn(rest.slice(0, 64))}\` here. \`/kpi list\` shows yours.`
      : 'Which KPI? `/kpi show KEY`, for example `/kpi show time-to-hire`. `/kpi list` shows yours.';
    await args.ack({ response_type: 'ephemeral', text });
    return;
  }
  await args.ack({ response_type: 'ephemeral', ...kpiShowMessage(status) });
}
