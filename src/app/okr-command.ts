import type { AppContext } from '../platform/context.js';
import {
  type CommandArgs,
  type SubcommandHandler,
  splitSubcommand,
} from '../platform/slack/command-router.js';
import type { SlackListeners } from '../platform/slack/listener-table.js';
import { escapeMrkdwn } from '../platform/slack/mrkdwn.js';
import { exportSubcommand } from './export/export-subcommand.js';
import { helpMessage, OKR_COMMANDS } from './help-message.js';

/** `/okr`: routes to the subcommands registered by each feature (and `export`, the app's own); help for anything else. */
export function registerOkrCommand(
  app: SlackListeners,
  ctx: AppContext,
  subcommands: Map<string, SubcommandHandler>,
): void {
  subcommands.set('export', exportSubcommand);
  app.command('/okr', async (args: CommandArgs) =>
    routeCommand(ctx, args, subcommands, 'okrbot: OKR commands', OKR_COMMANDS, '/okr'),
  );
}

export async function routeCommand(
  ctx: AppContext,
  args: CommandArgs,
  subcommands: Map<string, SubcommandHandler>,
  title: string,
  commands: typeof OKR_COMMANDS,
  name: string,
): Promise<void> {
  const { sub, rest } = splitSubcommand(args.command.text ?? '');
  const handler = subcommands.get(sub);
  if (!handler) {
    const problem =
      sub === '' || sub === 'help'
        ? undefined
        : `\`${name} ${escapeMrkdwn(sub.slice(0, 40))}\` is not a command I know.`;
    await args.ack({ response_type: 'ephemeral', ...helpMessage(title, commands, problem) });
    return;
  }
  await handler({
    ctx,
    rest,
    args,
    teamId: args.command.team_id ?? ctx.teamId,
    userId: args.command.user_id,
    channelId: args.command.channel_id,
    respond: args.respond,
  });
}
