import type { App } from '@slack/bolt';
import { registerCheckinListeners } from '../checkins/index.js';
import { carryOverDraftView, prefilledDraftView, registerDraftingListeners } from '../drafting/index.js';
import { registerHomeListeners } from '../home/index.js';
import { registerKpiListeners } from '../kpis/index.js';
import { registerOkrListeners } from '../okrs/index.js';
import type { AppContext } from '../platform/context.js';
import type { SubcommandHandler } from '../platform/slack/command-router.js';
import type { SlackListeners } from '../platform/slack/listener-table.js';
import { installHomeRefresh } from './home-refresh.js';
import { registerKpiCommand } from './kpi-command.js';
import { registerOkrCommand } from './okr-command.js';

/**
 * Every Slack listener, registered in one place. Each feature registers its subcommands, actions and views in
 * `listeners`; `app` takes the middleware (the Home tab refresh after each interaction).
 */
export function registerListeners(app: App, listeners: SlackListeners, ctx: AppContext): void {
  const okr = new Map<string, SubcommandHandler>();
  const kpi = new Map<string, SubcommandHandler>();
  registerDraftingListeners(listeners, ctx, okr);
  registerCheckinListeners(listeners, ctx, okr);
  registerKpiListeners(listeners, ctx, kpi, { draftView: prefilledDraftView });
  registerOkrListeners(listeners, ctx, okr, { carryOverView: carryOverDraftView });
  registerOkrCommand(listeners, ctx, okr);
  registerKpiCommand(listeners, ctx, kpi);
  registerHomeListeners(listeners, ctx, okr);
  installHomeRefresh(app, ctx);
}
