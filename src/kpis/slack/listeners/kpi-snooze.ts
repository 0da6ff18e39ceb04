import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { snoozeForm } from '../../alert-actions.js';
import { KPI_ALERT_ACTIONS } from '../views/kpi-alert-message.js';
import { kpiSnoozeModalView } from '../views/kpi-snooze-modal.js';
import { parseAlertButton } from './kpi-alert-button.js';

/** Snooze: opens a small modal (1 week or until the next reading, with a reason), for those who may. */
export function registerKpiSnooze(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(KPI_ALERT_ACTIONS.snooze, async ({ ack, body, action, client }) => {
    await ack();
    const button = parseAlertButton(action.value);
    const teamId = body.team?.id ?? ctx.teamId;
    const form = button ? await snoozeForm(ctx, teamId, button.a, body.user.id) : undefined;
    if (!button || !form) return;
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (!form.ok) {
      if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, text: form.refusal });
      return;
    }
    const view = kpiSnoozeModalView({
      kpiName: form.kpiName,
      detail: form.detail,
      meta: { a: button.a, m: button.m, ...(channel ? { c: channel } : {}), ...(ts ? { t: ts } : {}) },
    });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
