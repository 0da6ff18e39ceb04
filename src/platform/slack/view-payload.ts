import { z } from 'zod';

/** One input's value in a submitted view's `state.values`, whatever element it is. */
export const viewStateEntry = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  selected_conversation: z.string().nullish(),
  selected_date: z.string().nullish(),
});

/** A submitted view's `state.values`: block id → action id → entry. */
export const viewStateValues = z.record(z.string(), z.record(z.string(), viewStateEntry));
export type ViewStateValues = z.infer<typeof viewStateValues>;

/** `JSON.parse` that answers `undefined` for text that is not JSON (a view's `private_metadata`). */
export function safeJson(text: string | undefined | null): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
