import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { type CheckinFormResult, checkinForm } from '../../check-in.js';
import { CHECKIN_IDS } from '../ids.js';
import { checkinButtonValue } from '../metadata.js';
import { checkinInfoModal, checkinModal } from '../views/checkin-modal.js';

const outOfDate: CheckinFormResult = {
  kind: 'info',
  title: 'Check-in',
  text: 'This button is out of date. Use the newest prompt in your DMs.',
};

/** "Check in" / "Edit check-in" on a prompt or reminder: ack, then open the form with the trigger at once. */
export function registerCheckinOpen(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(CHECKIN_IDS.openAction, async ({ ack, body, action, client }) => {
    const round = checkinButtonValue.safeParse(action.value);
    await ack();
    const form = round.success
      ? await checkinForm(ctx, body.team?.id ?? ctx.teamId, body.user.id, round.data)
      : outOfDate;
    const view = form.kind === 'form' ? checkinModal(form.form) : checkinInfoModal(form.title, form.text);
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
