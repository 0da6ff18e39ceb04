import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { ownedKpiStatus } from '../../status.js';
import { kpiListMessage } from '../views/kpi-status.js';

/** `/kpi list`: the caller's KPIs and their state, only visible to them. */
export async function kpiListSubcommand({ ctx, args, teamId, userId }: SubcommandInput): Promise<void> {
  const kpis = await ownedKpiStatus(ctx.db, teamId, userId);
  await args.ack({ response_type: 'ephemeral', ...kpiListMessage(kpis) });
}
