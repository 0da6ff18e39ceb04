import { ownedKpiStatus } from '../../../services/kpi-status.js';
import { kpiListMessage } from '../../views/kpi-status.js';
import type { SubcommandInput } from './command-router.js';

/** `/kpi list`: the caller's KPIs and their state, only visible to them. */
export async function kpiListSubcommand({ ctx, args, teamId, userId }: SubcommandInput): Promise<void> {
  const kpis = await ownedKpiStatus(ctx.db, teamId, userId);
  await args.ack({ response_type: 'ephemeral', ...kpiListMessage(kpis) });
}
