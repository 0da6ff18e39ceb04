import { z } from 'zod';
import type { OkrType } from '../../domain/lint/index.js';
import { ACTION, BLOCK, krOwnerBlockId, krRowOf } from '../ids.js';
import { type DraftMetadata, type DraftValues, MAX_KEY_RESULT_ROWS } from './draft-modal.js';

const metadataSchema = z.object({
  c: z.string().max(32),
  n: z.number().int().min(1).max(MAX_KEY_RESULT_ROWS),
  r: z.number().int().min(0).max(1000),
  k: z.number().int().min(0).max(1000),
});

const stateValue = z
  .object({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_user: z.string().nullish(),
    selected_conversation: z.string().nullish(),
  })
  .passthrough();
const viewSchema = z.object({
  id: z.string(),
  hash: z.string().optional(),
  private_metadata: z.string(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }).optional(),
});

/** The modal as a listener reads it from a payload. */
export interface DraftView {
  viewId: string;
  hash?: string;
  meta: DraftMetadata;
  values: DraftValues;
}

/** The modal's metadata and what the person has typed, read from a view payload (zod-checked). */
function readDraftView(view: unknown): DraftView {
  const parsed = viewSchema.parse(view);
  const meta = metadataSchema.parse(JSON.parse(parsed.private_metadata));
  return {
    viewId: parsed.id,
    hash: parsed.hash,
    meta,
    values: draftValues(meta, parsed.state?.values ?? {}),
  };
}

/** `readDraftView`, answering `undefined` for a payload that is not the draft modal's. */
export function parseDraftView(view: unknown): DraftView | undefined {
  try {
    return readDraftView(view);
  } catch {
    return undefined;
  }
}

type StateValues = NonNullable<z.infer<typeof viewSchema>['state']>['values'];

function draftValues(meta: DraftMetadata, values: StateValues): DraftValues {
  const get = (block: string, action: string) => values[block]?.[action];
  const rows: DraftValues['keyResults'] = Array.from({ length: meta.n }, () => ({ text: '' }));
  for (const [blockId, actions] of Object.entries(values)) {
    const row = krRowOf(blockId);
    if (row !== undefined && row < meta.n) rows[row]!.text = actions[ACTION.krText]?.value ?? '';
  }
  rows.forEach((row, i) => {
    const owner = get(krOwnerBlockId(i), ACTION.krOwner)?.selected_user;
    if (owner) row.owner = owner;
  });
  const channel = get(BLOCK.channel, ACTION.channel)?.selected_conversation ?? undefined;
  return {
    objective: get(BLOCK.objective, ACTION.objective)?.value ?? '',
    type: (get(BLOCK.type, ACTION.type)?.selected_option?.value as OkrType | undefined) ?? 'committed',
    quarter: get(BLOCK.quarter, ACTION.quarter)?.selected_option?.value ?? '',
    ...(channel ? { channel } : {}),
    keyResults: rows,
  };
}
