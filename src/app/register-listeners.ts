import type { App } from '@slack/bolt';
import { registerCheckinListeners } from '../checkins/index.js';
import { carryOverDraftView, prefilledDraftView, registerDraftingListeners } from '../drafting/index.js';
import { registerHomeListeners } from '../home/index.js';
import { registerKpiListeners } from '../kpis/index.js';
import { registerOkrListeners } from '../okrs/index.js';
import type { AppContext } from '../platform/context.js';
import type { SubcommandHandler } from '../platform/slack/command-router.js';
import { installHomeRefresh } from './home-refresh.js';
import { registerKpiCommand } from './kpi-command.js';
import { registerOkrCommand } from './okr-command.js';

/** Every Slack listener, registered in one place. Each feature registers its subcommands, actions and views. */
export function registerListeners(app: App, ctx: AppContext): void {
  const okr = new Map<string, SubcommandHandler>();
  const kpi = new Map<string, SubcommandHandler>();
  registerDraftingListeners(app, ctx, okr);
  registerCheckinListeners(app, ctx, okr);
  registerKpiListeners(app, ctx, kpi, { draftView: prefilledDraftView });
  registerOkrListeners(app, ctx, okr, { carryOverView: carryOverDraftView });
  registerOkrCommand(app, ctx, okr);
  registerKpiCommand(app, ctx, kpi);
  registerHomeListeners(app, ctx, okr);
  installHomeRefresh(app, ctx);
}
