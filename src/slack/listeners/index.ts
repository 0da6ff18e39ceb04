import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import { registerCheckinListeners } from './checkins.js';
import type { SubcommandHandler } from './commands/command-router.js';
import { registerKpiCommand } from './commands/kpi-command.js';
import { registerOkrCommand } from './commands/okr-command.js';
import { registerDraftingListeners } from './drafting.js';
import { registerAppHomeOpened } from './events/app-home-opened.js';
import { registerKpiListeners } from './kpis.js';

/** Every Slack listener, registered in one place. Each feature registers its subcommands, actions and views. */
export function registerListeners(app: App, ctx: AppContext): void {
  const okr: Record<string, SubcommandHandler> = {};
  const kpi: Record<string, SubcommandHandler> = {};
  registerDraftingListeners(app, ctx, okr);
  registerCheckinListeners(app, ctx, okr);
  registerKpiListeners(app, ctx, kpi);
  registerOkrCommand(app, ctx, okr);
  registerKpiCommand(app, ctx, kpi);
  registerAppHomeOpened(app, ctx);
}
