import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { deliverAfterCheckin, type SubmittedValues, submitCheckin } from '../../check-in.js';
import { CHECKIN_IDS } from '../../keys.js';

const metadata = z.object({
  r: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  k: z.array(z.string().min(1).max(64)).min(1).max(50),
});

const stateValues = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      value: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
    }),
  ),
);

/** The first input block of a view: where a problem with the whole form is shown. */
function firstInputBlock(blocks: unknown[]): string {
  for (const b of blocks) {
    const block = b as { type?: string; block_id?: string };
    if (block.type === 'input' && block.block_id) return block.block_id;
  }
  return 'none';
}

/**
 * The check-in form's Save: bad values come back as `errors` on their inputs and nothing is stored;
 * otherwise the answers are saved, the modal closes, and the messages go out after the ack.
 */
export function registerCheckinSubmit(app: App, ctx: AppContext): void {
  app.view(CHECKIN_IDS.submitView, async ({ ack, body, view }) => {
    const first = firstInputBlock(view.blocks as unknown[]);
    const meta = metadata.safeParse(safeJson(view.private_metadata));
    const state = stateValues.safeParse(view.state.values);
    if (!meta.success || !state.success) {
      await ack({
        response_action: 'errors',
        errors: { [first]: 'This form is out of date: close it and press Check in again.' },
      });
      return;
    }
    const values: SubmittedValues = {};
    for (const [blockId, byAction] of Object.entries(state.data)) {
      const entry = Object.values(byAction)[0];
      if (entry)
        values[blockId] = { value: entry.value ?? null, option: entry.selected_option?.value ?? null };
    }
    const teamId = body.team?.id ?? ctx.teamId;
    let result: Awaited<ReturnType<typeof submitCheckin>>;
    try {
      result = await submitCheckin(ctx, teamId, body.user.id, meta.data, values);
    } catch (error) {
      ctx.log.error(
        `check-in by ${body.user.id} not saved: ${error instanceof Error ? error.message : String(error)}`,
      );
      await ack({
        response_action: 'errors',
        errors: { [first]: 'Saving failed; nothing was stored. Please try again.' },
      });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: result.errors });
      return;
    }
    await ack();
    ctx
      .track(deliverAfterCheckin(ctx, teamId, body.user.id, result.roundKey))
      .catch((error) =>
        ctx.log.error(
          `after check-in by ${body.user.id}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
