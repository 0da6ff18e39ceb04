import type { AppContext } from '../../../platform/context.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { registerAppHomeOpened } from './app-home-opened.js';
import { registerHomeRollupButton } from './home-rollup-button.js';
import { rollupSubcommand } from './rollup-command.js';

/** The Home tab (`app_home_opened`), its roll-up button, and `/okr rollup`. */
export function registerHomeListeners(
  app: SlackListeners,
  ctx: AppContext,
  okr: Map<string, SubcommandHandler>,
): void {
  okr.set('rollup', rollupSubcommand);
  registerAppHomeOpened(app, ctx);
  registerHomeRollupButton(app, ctx);
}
