import { listTeams } from '../../../people/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { linkableKeyResults } from '../../registry.js';
import { kpiModalView } from '../views/kpi-modal.js';

/** `/kpi add`: acks at once, then opens the KPI modal (the caller as owner, this channel as owner channel). */
export async function kpiAddSubcommand({
  ctx,
  args,
  teamId,
  userId,
  channelId,
}: SubcommandInput): Promise<void> {
  await args.ack();
  const [teams, keyResults] = await Promise.all([
    listTeams(ctx.db, teamId),
    linkableKeyResults(ctx.db, teamId),
  ]);
  const view = kpiModalView({
    mode: 'add',
    values: { owner: userId, ...(/^[CG]/.test(channelId) ? { channel: channelId } : {}) },
    teams: teams.map((t) => ({ key: t.key, name: t.name })),
    keyResults,
  });
  await args.client.views.open({ trigger_id: args.command.trigger_id, view });
}
