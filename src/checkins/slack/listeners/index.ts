import type { AppContext } from '../../../platform/context.js';
import { AfterAckQueue } from '../../../platform/http/after-ack-queue.js';
import { requestsBeingAnswered } from '../../../platform/http/server.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { registerCheckinOpen } from './checkin-open.js';
import { registerCheckinReply } from './checkin-reply.js';
import { registerCheckinReplySubmit } from './checkin-reply-submit.js';
import { registerCheckinSubmit } from './checkin-submit.js';
import { pauseSubcommand, resumeSubcommand } from './pause-command.js';

/** Check-in prompts' buttons, the check-in modal, `/okr pause` and `/okr resume`. */
export function registerCheckinListeners(
  app: SlackListeners,
  ctx: AppContext,
  okr: Map<string, SubcommandHandler>,
): void {
  okr.set('pause', pauseSubcommand);
  okr.set('resume', resumeSubcommand);
  registerCheckinOpen(app, ctx);
  // A check-in's messages (the "Checked in" edit, the thread summary, the lead's update) wait until a
  // burst's acks have gone (a longer wait than the queue's 50 ms only piles them up behind the burst).
  const afterAck = new AfterAckQueue({
    busy: () => requestsBeingAnswered() > 0,
    onError: (e) => ctx.log.warn(`after a check-in: ${String(e)}`),
  });
  registerCheckinSubmit(app, ctx, afterAck);
  registerCheckinReply(app, ctx);
  registerCheckinReplySubmit(app, ctx);
}
