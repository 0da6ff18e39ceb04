import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { safeJson } from '../../../platform/slack/view-payload.js';
import { helpReplyForm } from '../../help-reply.js';
import { CHECKIN_IDS } from '../ids.js';
import { helpReplyMetadata } from '../metadata.js';
import { helpReplyModal } from '../views/checkin-help.js';

/** "Reply to …" on a request for help: opens a small form whose answer is DMed to the person who is stuck. */
export function registerCheckinReply(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(CHECKIN_IDS.replyAction, async ({ ack, body, action, client }) => {
    const meta = helpReplyMetadata.safeParse(safeJson(action.value ?? ''));
    await ack();
    if (!meta.success) {
      ctx.log.warn(`checkin reply button with an unreadable value from ${body.user.id}`);
      return;
    }
    const form = await helpReplyForm(ctx, body.team?.id ?? ctx.teamId, meta.data);
    await client.views.open({ trigger_id: body.trigger_id, view: helpReplyModal(form) });
  });
}
