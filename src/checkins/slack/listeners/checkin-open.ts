import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { checkinForm } from '../../check-in.js';
import { CHECKIN_IDS } from '../../keys.js';
import { checkinInfoModal } from '../views/checkin-modal.js';

const roundKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** "Check in" / "Edit check-in" on a prompt or reminder: ack, then open the form with the trigger at once. */
export function registerCheckinOpen(app: App, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(CHECKIN_IDS.openAction, async ({ ack, body, action, client }) => {
    await ack();
    const round = roundKey.safeParse(action.value);
    const form = round.success
      ? await checkinForm(ctx, body.team?.id ?? ctx.teamId, body.user.id, round.data)
      : {
          kind: 'info' as const,
          title: 'Check-in',
          text: 'This button is out of date. Use the newest prompt in your DMs.',
        };
    const view = form.kind === 'form' ? form.view : checkinInfoModal(form.title, form.text);
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
