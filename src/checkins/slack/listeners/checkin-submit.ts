import type { AppContext } from '../../../platform/context.js';
import type { AfterAckQueue } from '../../../platform/http/after-ack-queue.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { safeJson, type ViewStateValues, viewStateValues } from '../../../platform/slack/view-payload.js';
import { deliverAfterCheckin, type SubmittedValues, submitCheckin } from '../../check-in.js';
import { CHECKIN_IDS } from '../ids.js';
import { checkinModalMetadata } from '../metadata.js';

/** The first input block of a view: where a problem with the whole form is shown. */
function firstInputBlock(blocks: unknown[]): string {
  for (const b of blocks) {
    const block = b as { type?: string; block_id?: string };
    if (block.type === 'input' && block.block_id) return block.block_id;
  }
  return 'none';
}

/** Each input block's text value or chosen option (the form has one input per block). */
function submittedValues(state: ViewStateValues): SubmittedValues {
  const values: SubmittedValues = {};
  for (const [blockId, byAction] of Object.entries(state)) {
    const entry = Object.values(byAction)[0];
    if (entry) values[blockId] = { value: entry.value ?? null, option: entry.selected_option?.value ?? null };
  }
  return values;
}

/**
 * The check-in form's Save: bad values come back as `errors` on their inputs and nothing is stored;
 * otherwise the answers are saved, the modal closes, and the messages go out after the ack.
 *
 * The one listener whose use case runs before the ack: Slack shows a submission's errors only from the
 * ack's `response_action: 'errors'`, and checking a value needs its key result's unit from the database.
 */
export function registerCheckinSubmit(app: SlackListeners, ctx: AppContext, afterAck: AfterAckQueue): void {
  app.view(CHECKIN_IDS.submitView, async ({ ack, body, view }) => {
    const first = firstInputBlock(view.blocks as unknown[]);
    const meta = checkinModalMetadata.safeParse(safeJson(view.private_metadata));
    const state = viewStateValues.safeParse(view.state.values);
    if (!meta.success || !state.success) {
      await ack({
        response_action: 'errors',
        errors: { [first]: 'This form is out of date: close it and press Check in again.' },
      });
      return;
    }
    const teamId = body.team?.id ?? ctx.teamId;
    let result: Awaited<ReturnType<typeof submitCheckin>>;
    try {
      result = await submitCheckin(ctx, teamId, body.user.id, meta.data, submittedValues(state.data));
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
    const { roundKey } = result;
    const deliver = () =>
      deliverAfterCheckin(ctx, teamId, body.user.id, roundKey).catch((error) =>
        ctx.log.error(
          `after check-in by ${body.user.id}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    // Tracked from now, so shutdown waits for a delivery still in the queue.
    void ctx.track(new Promise<void>((resolve) => afterAck.push(() => resolve(deliver()))));
  });
}
