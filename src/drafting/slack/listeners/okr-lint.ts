import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { lintText } from '../../drafts.js';
import { lintMessage } from '../views/lint-message.js';

/** `/okr lint <key result>`: the verdict and suggestions, only for the person who asked. A pasted list is linted line by line. */
export async function lintCommand({ ctx, args, rest }: SubcommandInput): Promise<void> {
  if (rest.trim() === '') {
    await args.ack({
      response_type: 'ephemeral',
      text: 'Type a key result after the command, e.g. `/okr lint Reduce time-to-hire from 52 to 30 days by end of Q4`. Start a line with `O:` to lint an objective.',
    });
    return;
  }
  const { results, omitted } = lintText(rest, ctx.now(), ctx.config.defaultTimeZone);
  await args.ack({ response_type: 'ephemeral', ...lintMessage(results, omitted) });
}
