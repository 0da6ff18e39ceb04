import type { App } from '@slack/bolt';
import { registerCheckinListeners } from '../checkins/slack/listeners/index.js';
import { registerDraftingListeners } from '../drafting/slack/listeners/index.js';
import { registerAppHomeOpened } from '../home/slack/listeners/app-home-opened.js';
import { registerKpiListeners } from '../kpis/slack/listeners/index.js';
import type { AppContext } from '../platform/context.js';
import type { SubcommandHandler } from '../platform/slack/command-router.js';
import { registerKpiCommand } from './kpi-command.js';
import { registerOkrCommand } from './okr-command.js';

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
