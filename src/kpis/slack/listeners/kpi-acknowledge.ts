import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { type AlertActionResult, acknowledgeAlert } from '../../alert-actions.js';
import { KPI_ALERT_ACTIONS } from '../views/kpi-alert-message.js';
import { parseAlertButton } from './kpi-alert-button.js';

/** Acknowledge: records who, stops repeats, and shows it on the clicked message at once (the other copies follow). */
export function registerKpiAcknowledge(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(
    KPI_ALERT_ACTIONS.acknowledge,
    async ({ ack, body, action, client }) => {
      await ack();
      const button = parseAlertButton(action.value);
      const channel = body.container?.channel_id ?? body.channel?.id;
      const ts = body.container?.message_ts ?? body.message?.ts;
      const teamId = body.team?.id ?? ctx.teamId;
      const result: AlertActionResult = button
        ? await acknowledgeAlert(ctx, teamId, button.a, body.user.id, button.m)
        : { outcome: 'not_found' };
      if (result.clicked && channel && ts) await client.chat.update({ channel, ts, ...result.clicked });
      if (result.outcome === 'done' || !channel) return;
      const text =
        result.outcome === 'already'
          ? `${result.kpiName}: already acknowledged${result.by ? ` by <@${result.by}>` : ''}.`
          : result.outcome === 'resolved'
            ? `${result.kpiName}: this alert is resolved already.`
            : result.outcome === 'refused'
              ? (result.refusal ?? 'You cannot acknowledge this alert.')
              : 'This alert no longer exists.';
      await client.chat.postEphemeral({ channel, user: body.user.id, text });
    },
  );
}
