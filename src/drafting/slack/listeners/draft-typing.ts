import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { draftModalData, typedDraft } from '../../drafts.js';
import { ACTION, krRowOf } from '../ids.js';
import { readableSignature, type ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { draftModalView } from '../views/draft-modal.js';
import { parseDraftView } from '../views/draft-state.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Live feedback while someone types an objective or a key result: ack at once, lint the whole draft on every
 * keystroke, and hand the redrawn modal to the debouncer, which calls `views.update` only when what the
 * person reads changes (at most once a second per view), keeping every input's block and action id so the
 * typing is kept. A pasted list is split into rows. A stale hash means a newer update won.
 */
export function registerDraftTyping(app: App, ctx: AppContext, debouncer: ViewUpdateDebouncer): void {
  const onTyping = async ({ ack, body, client, action }: ActionArgs) => {
    const draft = body.view ? parseDraftView(body.view) : undefined;
    await ack();
    if (!draft || !body.view) {
      if (body.view) ctx.log.warn('draft typing: the view is not a draft modal');
      return;
    }
    // Let other requests that arrived meanwhile be acked first: the lint can wait a turn, an ack cannot.
    await new Promise((resolve) => setImmediate(resolve));
    const typed = typedDraft(draft.meta, draft.values, krRowOf('block_id' in action ? action.block_id : ''));
    const view = draftModalView(draftModalData(ctx, typed.meta, typed.values));
    debouncer.offer(draft.viewId, {
      reads: readableSignature(view.blocks),
      readsNow: readableSignature(body.view.blocks),
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
    });
  };
  app.action(ACTION.krText, onTyping);
  app.action(ACTION.objective, onTyping);
}
