import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { AfterAckQueue } from '../../../platform/http/after-ack-queue.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { typedDraft, typingFeedback } from '../../drafts.js';
import { ACTION, krRowOf } from '../ids.js';
import { readableSignature, type ViewUpdate, type ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { type DraftModalData, draftModalView } from '../views/draft-modal.js';
import { parseDraftView } from '../views/draft-state.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Live feedback while someone types an objective or a key result: ack first, then (queued behind any
 * requests still waiting for theirs) lint the draft and hand the redrawn modal to the debouncer, which
 * calls `views.update` only when what the person reads changes (at once, at most once a second per view),
 * keeping every input's block and action id so the typing is kept. The field being typed in is judged on
 * its finished words; the word being typed counts once the person pauses. A pasted list is split into rows.
 */
export function registerDraftTyping(
  app: SlackListeners,
  ctx: AppContext,
  debouncer: ViewUpdateDebouncer,
  afterAck: AfterAckQueue,
): void {
  const onTyping = async ({ ack, body, client, action }: ActionArgs) => {
    await ack();
    const view = body.view;
    if (!view) return;
    const rowBlock = 'block_id' in action ? action.block_id : '';
    afterAck.push(() => offerFeedback(ctx, debouncer, client, view, rowBlock));
  };
  app.action(ACTION.krText, onTyping);
  app.action(ACTION.objective, onTyping);
}

/** Lints the draft as the keystroke left it and offers the redrawn modal; a stale hash means a newer update won. */
function offerFeedback(
  ctx: AppContext,
  debouncer: ViewUpdateDebouncer,
  client: ActionArgs['client'],
  payloadView: NonNullable<BlockAction['view']>,
  rowBlock: string,
): void {
  const draft = parseDraftView(payloadView);
  if (!draft) {
    ctx.log.warn('draft typing: the view is not a draft modal');
    return;
  }
  const row = krRowOf(rowBlock);
  const feedback = typingFeedback(ctx, typedDraft(draft.meta, draft.values, row), row ?? 'objective');
  const readsNow = readableSignature(payloadView.blocks);
  const update = (data: DraftModalData): ViewUpdate => {
    const view = draftModalView(data);
    return {
      reads: readableSignature(view.blocks),
      readsNow,
      hash: draft.hash,
      send: async (hash) => {
        try {
          const res = await client.views.update({ view_id: draft.viewId, ...(hash ? { hash } : {}), view });
          return res.view?.hash ?? '';
        } catch (error) {
          if ((error as { data?: { error?: string } }).data?.error === 'hash_conflict') {
            ctx.log.debug(`draft ${draft.viewId}: a newer update won (hash_conflict)`);
            return undefined;
          }
          throw error;
        }
      },
    };
  };
  debouncer.offer(
    draft.viewId,
    update(feedback.now),
    feedback.whenPaused ? update(feedback.whenPaused) : undefined,
  );
}
