import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { safeJson } from '../../../platform/slack/view-payload.js';
import { mayReplyTo, sendHelpReply } from '../../help-reply.js';
import { CHECKIN_BLOCKS, CHECKIN_IDS } from '../ids.js';
import { helpReplyMetadata } from '../metadata.js';

/** The reply form's Send: the answer goes to the person who asked for help as a DM. */
export function registerCheckinReplySubmit(app: SlackListeners, ctx: AppContext): void {
  app.view(CHECKIN_IDS.replyView, async ({ ack, body, view }) => {
    const meta = helpReplyMetadata.safeParse(safeJson(view.private_metadata));
    if (!meta.success) {
      await ack({
        response_action: 'errors',
        errors: { [CHECKIN_BLOCKS.reply]: 'This form is out of date; close it and use the button again.' },
      });
      return;
    }
    const text = view.state.values[CHECKIN_BLOCKS.reply]?.[CHECKIN_BLOCKS.replyText]?.value?.trim() ?? '';
    if (text === '') {
      await ack({
        response_action: 'errors',
        errors: { [CHECKIN_BLOCKS.reply]: 'Write a reply, or press Cancel.' },
      });
      return;
    }
    const teamId = body.team?.id ?? ctx.teamId;
    if (!(await mayReplyTo(ctx, teamId, body.user.id, meta.data.o, meta.data.r))) {
      await ack({
        response_action: 'errors',
        errors: { [CHECKIN_BLOCKS.reply]: 'Only someone this check-in asked for help can answer it.' },
      });
      return;
    }
    await ack();
    ctx
      .track(sendHelpReply(ctx, body.team?.id ?? ctx.teamId, body.user.id, meta.data, text, view.id))
      .catch((error) =>
        ctx.log.error(
          `reply from ${body.user.id}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
}
