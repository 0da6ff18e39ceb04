import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import type { SubcommandHandler } from './commands/command-router.js';

/** `/kpi` subcommands, the KPI modal, and the alert buttons (acknowledge, snooze, draft an OKR). */
export function registerKpiListeners(_app: App, _ctx: AppContext, _kpi: Record<string, SubcommandHandler>): void {}
