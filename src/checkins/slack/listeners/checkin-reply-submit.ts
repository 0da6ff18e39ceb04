import type { App } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { sendHelpReply } from '../../check-in.js';
import { CHECKIN_IDS } from '../../keys.js';
import { helpReplyMetadata } from './checkin-reply.js';

/** The reply form's Send: the answer goes to the person who asked for help as a DM. */
export function registerCheckinReplySubmit(app: App, ctx: AppContext): void {
  app.view(CHECKIN_IDS.replyView, async ({ ack, body, view }) => {
    let meta: ReturnType<typeof helpReplyMetadata.parse>;
    try {
      meta = helpReplyMetadata.parse(JSON.parse(view.private_metadata));
    } catch {
      await ack({
        response_action: 'errors',
        errors: { reply: 'This form is out of date; close it and use the button again.' },
      });
      return;
    }
    const text = view.state.values.reply?.text?.value?.trim() ?? '';
    if (text === '') {
      await ack({ response_action: 'errors', errors: { reply: 'Write a reply, or press Cancel.' } });
      return;
    }
    await ack();
    ctx
      .track(sendHelpReply(ctx, body.team?.id ?? ctx.teamId, body.user.id, meta, text, view.id))
      .catch((error) =>
        ctx.log.error(
          `reply from ${body.user.id}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
}
