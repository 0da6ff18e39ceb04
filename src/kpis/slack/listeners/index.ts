import type { AppContext } from '../../../platform/context.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { registerKpiAcknowledge } from './kpi-acknowledge.js';
import { kpiAddSubcommand } from './kpi-add.js';
import { type DraftViewSource, registerKpiDraftOkr } from './kpi-draft-okr.js';
import { kpiEditSubcommand } from './kpi-edit.js';
import { kpiListSubcommand } from './kpi-list.js';
import { kpiLogSubcommand } from './kpi-log.js';
import { registerKpiSave } from './kpi-save.js';
import { kpiShowSubcommand } from './kpi-show.js';
import { registerKpiSnooze } from './kpi-snooze.js';
import { registerKpiSnoozeSubmit } from './kpi-snooze-submit.js';

/** `/kpi` subcommands, the KPI modal, and the alert buttons (acknowledge, snooze, draft an OKR). */
export function registerKpiListeners(
  app: SlackListeners,
  ctx: AppContext,
  kpi: Map<string, SubcommandHandler>,
  ports: { draftView: DraftViewSource },
): void {
  kpi.set('list', kpiListSubcommand);
  kpi.set('show', kpiShowSubcommand);
  kpi.set('log', kpiLogSubcommand);
  kpi.set('add', kpiAddSubcommand);
  kpi.set('edit', kpiEditSubcommand);
  registerKpiSave(app, ctx);
  registerKpiAcknowledge(app, ctx);
  registerKpiSnooze(app, ctx);
  registerKpiSnoozeSubmit(app, ctx);
  registerKpiDraftOkr(app, ctx, ports.draftView);
}
