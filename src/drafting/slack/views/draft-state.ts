import { z } from 'zod';
import type { OkrType } from '../../domain/lint/index.js';
import {
  ACTION,
  type DraftMetadata,
  type DraftValues,
  KR_TEXT_BLOCK,
  krOwnerBlockId,
  MAX_KEY_RESULT_ROWS,
} from './draft-modal.js';

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

/** The modal's metadata and what the person has typed, read from a view payload (zod-checked). */
export function readDraftView(view: unknown): {
  viewId: string;
  hash?: string;
  meta: DraftMetadata;
  values: DraftValues;
} {
  const parsed = viewSchema.parse(view);
  const meta = metadataSchema.parse(JSON.parse(parsed.private_metadata));
  const values = parsed.state?.values ?? {};
  const get = (block: string, action: string) => values[block]?.[action];
  const rows: DraftValues['keyResults'] = Array.from({ length: meta.n }, () => ({ text: '' }));
  for (const [blockId, actions] of Object.entries(values)) {
    const m = KR_TEXT_BLOCK.exec(blockId);
    if (m && Number(m[1]) < meta.n) rows[Number(m[1])]!.text = actions[ACTION.krText]?.value ?? '';
  }
  rows.forEach((row, i) => {
    const owner = get(krOwnerBlockId(i), ACTION.krOwner)?.selected_user;
    if (owner) row.owner = owner;
  });
  const channel = get('channel', ACTION.channel)?.selected_conversation ?? undefined;
  return {
    viewId: parsed.id,
    hash: parsed.hash,
    meta,
    values: {
      objective: get('objective', ACTION.objective)?.value ?? '',
      type: (get('okr_type', ACTION.type)?.selected_option?.value as OkrType | undefined) ?? 'committed',
      quarter: get('quarter', ACTION.quarter)?.selected_option?.value ?? '',
      ...(channel ? { channel } : {}),
      keyResults: rows,
    },
  };
}
