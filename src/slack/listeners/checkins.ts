import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import { registerCheckinOpen } from './actions/checkin-open.js';
import { registerCheckinReply } from './actions/checkin-reply.js';
import type { SubcommandHandler } from './commands/command-router.js';
import { pauseSubcommand, resumeSubcommand } from './commands/pause-command.js';
import { registerCheckinReplySubmit } from './views/checkin-reply-submit.js';
import { registerCheckinSubmit } from './views/checkin-submit.js';

/** Check-in prompts' buttons, the check-in modal, `/okr pause` and `/okr resume`. */
export function registerCheckinListeners(
  app: App,
  ctx: AppContext,
  okr: Record<string, SubcommandHandler>,
): void {
  okr.pause = pauseSubcommand;
  okr.resume = resumeSubcommand;
  registerCheckinOpen(app, ctx);
  registerCheckinSubmit(app, ctx);
  registerCheckinReply(app, ctx);
  registerCheckinReplySubmit(app, ctx);
}
