import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import { registerKpiAcknowledge } from './actions/kpi-acknowledge.js';
import { registerKpiDraftOkr } from './actions/kpi-draft-okr.js';
import { registerKpiSnooze } from './actions/kpi-snooze.js';
import type { SubcommandHandler } from './commands/command-router.js';
import { kpiAddSubcommand } from './commands/kpi-add.js';
import { kpiEditSubcommand } from './commands/kpi-edit.js';
import { kpiListSubcommand } from './commands/kpi-list.js';
import { kpiLogSubcommand } from './commands/kpi-log.js';
import { kpiShowSubcommand } from './commands/kpi-show.js';
import { registerKpiSave } from './views/kpi-save.js';
import { registerKpiSnoozeSubmit } from './views/kpi-snooze-submit.js';

/** `/kpi` subcommands, the KPI modal, and the alert buttons (acknowledge, snooze, draft an OKR). */
export function registerKpiListeners(
  app: App,
  ctx: AppContext,
  kpi: Record<string, SubcommandHandler>,
): void {
  kpi.list = kpiListSubcommand;
  kpi.show = kpiShowSubcommand;
  kpi.log = kpiLogSubcommand;
  kpi.add = kpiAddSubcommand;
  kpi.edit = kpiEditSubcommand;
  registerKpiSave(app, ctx);
  registerKpiAcknowledge(app, ctx);
  registerKpiSnooze(app, ctx);
  registerKpiSnoozeSubmit(app, ctx);
  registerKpiDraftOkr(app, ctx);
}
