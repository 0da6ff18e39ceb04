import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import {
  ensureOwnerKnown,
  type KpiField,
  type KpiFormInput,
  saveKpi,
  validateKpiForm,
} from '../../registry.js';
import { kpiInfoModal } from '../views/kpi-info-modal.js';
import { KPI_BLOCKS, KPI_MODAL_CALLBACK } from '../views/kpi-modal.js';

const metadata = z.object({ mode: z.enum(['add', 'edit']), key: z.string().optional() });
const entry = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  selected_conversation: z.string().nullish(),
});
const stateValues = z.record(z.string(), z.record(z.string(), entry));

/** The KPI modal's Save: problems come back on their fields and nothing is stored; else the KPI is saved. */
export function registerKpiSave(app: App, ctx: AppContext): void {
  app.view(KPI_MODAL_CALLBACK, async ({ ack, body, view, client }) => {
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
    if (typeof input.owner === 'string') {
      await ensureOwnerKnown(ctx.db, teamId, input.owner, ctx.now(), async (user) => {
        const info = await client.users.info({ user }).catch(() => undefined);
        const u = info?.user;
        return u
          ? { name: u.real_name ?? u.name ?? user, tz: u.tz ?? null, active: !u.deleted && !u.is_bot }
          : undefined;
      });
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
    const { kpi, created } = await saveKpi(ctx.db, teamId, checked.form, ctx.now());
    await ack({
      response_action: 'update',
      view: kpiInfoModal(
        created ? 'KPI added' : 'KPI saved',
        `${kpi.name} (${kpi.key}) is ${created ? 'registered' : 'updated'}. Log readings with /kpi log ${kpi.key} VALUE, or send them to the readings API; /kpi show ${kpi.key} shows it.`,
      ),
    });
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
