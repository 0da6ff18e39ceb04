import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { safeJson, viewStateValues } from '../../../platform/slack/view-payload.js';
import {
  auditKpiDefinition,
  type KpiField,
  type KpiFormInput,
  mayDefineKpi,
  saveKpi,
  validateKpiForm,
} from '../../registry.js';
import { getKpiByKey } from '../../store/kpis.js';
import { kpiInfoModal } from '../views/kpi-info-modal.js';
import { KPI_BLOCKS, KPI_MODAL_CALLBACK } from '../views/kpi-modal.js';

const metadata = z.object({ mode: z.enum(['add', 'edit']), key: z.string().optional() });
const stateValues = viewStateValues;

/** The KPI modal's Save: problems come back on their fields and nothing is stored; else the KPI is saved. */
export function registerKpiSave(app: SlackListeners, ctx: AppContext): void {
  app.view(KPI_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const state = stateValues.safeParse(view.state.values);
    if (!meta.success || !state.success) {
      await ack({
        response_action: 'errors',
        errors: { [KPI_BLOCKS.name]: 'This form is out of date: close it and run /kpi add again.' },
      });
      return;
    }
    const get = (field: KpiField) => state.data[KPI_BLOCKS[field]]?.value;
    const input: KpiFormInput = {
      key: meta.data.mode === 'edit' ? meta.data.key : (get('key')?.value ?? undefined),
      name: get('name')?.value ?? undefined,
      unit: get('unit')?.value ?? null,
      direction: get('direction')?.selected_option?.value,
      cadence: get('cadence')?.selected_option?.value,
      owner: get('owner')?.selected_user ?? undefined,
      channel: get('channel')?.selected_conversation ?? null,
      team: get('team')?.selected_option?.value ?? null,
      range_low: get('range_low')?.value ?? undefined,
      range_high: get('range_high')?.value ?? undefined,
      aspirational: get('aspirational')?.value ?? null,
      alert_threshold: get('alert_threshold')?.value ?? undefined,
      protocol: get('protocol')?.value ?? undefined,
      key_results: (get('key_results')?.selected_options ?? []).map((o) => o.value),
    };
    const teamId = body.team?.id ?? ctx.teamId;
    // Who may save is checked against the KPI as stored, before anything is validated or written.
    const allowed = await mayDefineKpi(ctx, teamId, body.user.id, meta.data.mode, input);
    if (!allowed.ok) {
      await ack({ response_action: 'errors', errors: { [KPI_BLOCKS.name]: allowed.refusal } });
      return;
    }
    const checked = await validateKpiForm(ctx.db, teamId, input, meta.data.mode);
    if (!checked.ok) {
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(checked.errors)) {
        // The key cannot change when editing: its problem is shown on the name.
        const block =
          field === 'key' && meta.data.mode === 'edit' ? KPI_BLOCKS.name : KPI_BLOCKS[field as KpiField];
        if (view.blocks.some((b) => b.block_id === block)) errors[block] = message;
        else errors[KPI_BLOCKS.name] ??= message;
      }
      await ack({ response_action: 'errors', errors });
      return;
    }
    const before = await getKpiByKey(ctx.db, teamId, checked.form.key);
    const { kpi, created } = await saveKpi(ctx.db, teamId, checked.form, ctx.now());
    await auditKpiDefinition(ctx.db, teamId, body.user.id, before, kpi, ctx.now());
    await ack({
      response_action: 'update',
      view: kpiInfoModal(
        created ? 'KPI added' : 'KPI saved',
        `${kpi.name} (${kpi.key}) is ${created ? 'registered' : 'updated'}. Log readings with /kpi log ${kpi.key} VALUE, or send them to the readings API; /kpi show ${kpi.key} shows it.`,
      ),
    });
  });
}
