import { listTeams } from '../../../people/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { escapeMrkdwn } from '../../../platform/slack/mrkdwn.js';
import { mayActOnKpi } from '../../log-reading.js';
import { linkableKeyResults } from '../../registry.js';
import { getKpiByKey } from '../../store/kpis.js';
import { kpiModalView } from '../views/kpi-modal.js';
import { kpiKeyArg } from './kpi-show.js';

/** `/kpi edit KEY`: the KPI modal, filled in with the KPI as it is. */
export async function kpiEditSubcommand({ ctx, args, rest, teamId }: SubcommandInput): Promise<void> {
  const key = kpiKeyArg.safeParse(rest.split(/\s+/)[0] ?? '');
  const kpi = key.success ? await getKpiByKey(ctx.db, teamId, key.data) : undefined;
  if (!kpi) {
    const text = rest
      ? `There is no KPI \`${escapeMrkdwn(rest.slice(0, 64))}\` here. \`/kpi list\` shows yours.`
      : 'Which KPI? `/kpi edit KEY`.';
    await args.ack({ response_type: 'ephemeral', text });
    return;
  }
  const allowed = await mayActOnKpi(
    ctx,
    teamId,
    args.command.user_id,
    'kpi.define',
    kpi,
    `the KPI ${escapeMrkdwn(kpi.name)}`,
  );
  if (!allowed.ok) {
    await args.ack({ response_type: 'ephemeral', text: allowed.refusal });
    return;
  }
  await args.ack();
  const [teams, keyResults] = await Promise.all([
    listTeams(ctx.db, teamId),
    linkableKeyResults(ctx.db, teamId),
  ]);
  const view = kpiModalView({
    mode: 'edit',
    values: {
      key: kpi.key,
      name: kpi.name,
      unit: kpi.unit,
      direction: kpi.direction,
      cadence: kpi.cadence,
      owner: kpi.owner_slack_id,
      channel: kpi.channel_id,
      team: kpi.team_key,
      rangeLow: kpi.range_low,
      rangeHigh: kpi.range_high,
      aspirational: kpi.aspirational,
      alertThreshold: kpi.alert_threshold,
      protocol: kpi.protocol,
      keyResults: keyResults.filter((k) => k.kpiKey === kpi.key).map((k) => k.id),
    },
    teams: teams.map((t) => ({ key: t.key, name: t.name })),
    keyResults,
  });
  await args.client.views.open({ trigger_id: args.command.trigger_id, view });
}
