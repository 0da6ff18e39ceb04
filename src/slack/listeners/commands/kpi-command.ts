import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { KPI_COMMANDS } from '../../views/help.js';
import type { CommandArgs, SubcommandHandler } from './command-router.js';
import { routeCommand } from './okr-command.js';

/** `/kpi`: routes to the KPI subcommands; help for anything else. */
export function registerKpiCommand(
  app: App,
  ctx: AppContext,
  subcommands: Record<string, SubcommandHandler>,
): void {
  app.command('/kpi', async (args: CommandArgs) =>
    routeCommand(ctx, args, subcommands, 'okrbot: KPI commands', KPI_COMMANDS, '/kpi'),
  );
}
