import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { safeJson } from '../../../platform/slack/view-payload.js';
import { snoozeAlert } from '../../alert-actions.js';
import { KPI_SNOOZE_CALLBACK, SNOOZE_BLOCKS } from '../views/kpi-snooze-modal.js';

const metadata = z.object({
  a: z.string().regex(/^alert_[a-z0-9]+$/),
  m: z.enum(['dm', 'channel', 'escalation']),
  c: z.string().optional(),
  t: z.string().optional(),
});
const values = z.object({
  [SNOOZE_BLOCKS.length]: z.object({
    value: z.object({ selected_option: z.object({ value: z.enum(['week', 'next_reading']) }) }),
  }),
  [SNOOZE_BLOCKS.reason]: z.object({ value: z.object({ value: z.string().nullish() }) }),
});

/** The snooze modal's submit: a reason is required; the alert and its messages show the snooze. */
export function registerKpiSnoozeSubmit(app: SlackListeners, ctx: AppContext): void {
  app.view(KPI_SNOOZE_CALLBACK, async ({ ack, body, view, client }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const state = values.safeParse(view.state.values);
    if (!meta.success || !state.success) {
      await ack({
        response_action: 'errors',
        errors: { [SNOOZE_BLOCKS.reason]: 'This form is out of date: close it and press Snooze again.' },
      });
      return;
    }
    const reason = (state.data[SNOOZE_BLOCKS.reason].value.value ?? '').trim();
    if (!reason) {
      await ack({
        response_action: 'errors',
        errors: { [SNOOZE_BLOCKS.reason]: 'Say why, so the team knows why this alert is quiet.' },
      });
      return;
    }
    await ack();
    const length = state.data[SNOOZE_BLOCKS.length].value.selected_option.value;
    const { a, m, c, t } = meta.data;
    const result = await snoozeAlert(ctx, body.team?.id ?? ctx.teamId, a, body.user.id, m, length, reason);
    if (result.clicked && c && t) await client.chat.update({ channel: c, ts: t, ...result.clicked });
    if (result.outcome !== 'done' && c) {
      const text =
        result.outcome === 'refused'
          ? (result.refusal ?? 'You cannot snooze this alert.')
          : result.outcome === 'resolved'
            ? `${result.kpiName}: this alert is resolved already.`
            : `${result.kpiName ?? 'This alert'}: nothing to snooze (it is acknowledged or snoozed already).`;
      await client.chat.postEphemeral({ channel: c, user: body.user.id, text });
    }
  });
}
