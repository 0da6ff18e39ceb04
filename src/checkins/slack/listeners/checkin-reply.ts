import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { getPerson } from '../../../people/index.js';
import type { AppContext } from '../../../platform/context.js';
import { CHECKIN_IDS } from '../../keys.js';
import { helpReplyModal } from '../views/checkin-help.js';

export const helpReplyMetadata = z.object({
  o: z.string().regex(/^[UW][A-Z0-9]+$/),
  r: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** "Reply to …" on a request for help: opens a small form whose answer is DMed to the person who is stuck. */
export function registerCheckinReply(app: App, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(CHECKIN_IDS.replyAction, async ({ ack, body, action, client }) => {
    await ack();
    let meta: z.infer<typeof helpReplyMetadata>;
    try {
      meta = helpReplyMetadata.parse(JSON.parse(action.value ?? ''));
    } catch {
      ctx.log.warn(`checkin reply button with an unreadable value from ${body.user.id}`);
      return;
    }
    const owner = await getPerson(ctx.db, body.team?.id ?? ctx.teamId, meta.o);
    await client.views.open({
      trigger_id: body.trigger_id,
      view: helpReplyModal({ ownerName: owner?.name ?? meta.o, meta }),
    });
  });
}
