import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { alertState, getAlert } from '../../store/alerts.js';
import { KPI_ALERT_ACTIONS } from '../views/kpi-alert-message.js';
import { kpiSnoozeModalView } from '../views/kpi-snooze-modal.js';
import { parseAlertButton } from './kpi-alert-button.js';

/** Snooze: opens a small modal (1 week or until the next reading, with a reason). */
export function registerKpiSnooze(app: App, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(KPI_ALERT_ACTIONS.snooze, async ({ ack, body, action, client }) => {
    await ack();
    const button = parseAlertButton(action.value);
    const teamId = body.team?.id ?? ctx.teamId;
    const row = button ? await getAlert(ctx.db, teamId, button.a) : undefined;
    if (!button || !row) return;
    const kpi = await ctx.db
      .selectFrom('kpis')
      .select('name')
      .where('id', '=', row.kpi_id)
      .executeTakeFirst();
    const channel = body.container?.channel_id ?? body.channel?.id;
    const ts = body.container?.message_ts ?? body.message?.ts;
    const view = kpiSnoozeModalView({
      kpiName: kpi?.name ?? 'KPI alert',
      detail: alertState(row).detail,
      meta: { a: button.a, m: button.m, ...(channel ? { c: channel } : {}), ...(ts ? { t: ts } : {}) },
    });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
