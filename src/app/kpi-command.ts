import type { AppContext } from '../platform/context.js';
import type { CommandArgs, SubcommandHandler } from '../platform/slack/command-router.js';
import type { SlackListeners } from '../platform/slack/listener-table.js';
import { KPI_COMMANDS } from './help-message.js';
import { routeCommand } from './okr-command.js';

/** `/kpi`: routes to the KPI subcommands; help for anything else. */
export function registerKpiCommand(
  app: SlackListeners,
  ctx: AppContext,
  subcommands: Map<string, SubcommandHandler>,
): void {
  app.command('/kpi', async (args: CommandArgs) =>
    routeCommand(ctx, args, subcommands, 'okrbot: KPI commands', KPI_COMMANDS, '/kpi'),
  );
}
