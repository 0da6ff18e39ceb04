import type { AppContext } from '../../../platform/context.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { type CarryOverViewSource, registerCarryOver } from './carry-over.js';
import { registerCloseQuarterButton } from './close-quarter-button.js';
import { closeQuarterSubcommand } from './close-quarter-command.js';
import { registerReflection } from './reflection.js';

/** The quarter close: `/okr close-quarter`, the lead's Close button, reflections and carry-over. */
export function registerOkrListeners(
  app: SlackListeners,
  ctx: AppContext,
  okr: Map<string, SubcommandHandler>,
  ports: { carryOverView: CarryOverViewSource },
): void {
  okr.set('close-quarter', closeQuarterSubcommand);
  registerCloseQuarterButton(app, ctx);
  registerReflection(app, ctx);
  registerCarryOver(app, ctx, ports.carryOverView);
}
