import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { addKeyResultRow } from '../../drafts.js';
import { ACTION } from '../ids.js';
import type { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { draftModalView } from '../views/draft-modal.js';
import { parseDraftView } from '../views/draft-state.js';

/** "Add a key result": one more row, up to five; what was typed stays. */
export function registerDraftAddRow(
  app: SlackListeners,
  ctx: AppContext,
  debouncer: ViewUpdateDebouncer,
): void {
  app.action(
    ACTION.addRow,
    async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      const draft = body.view ? parseDraftView(body.view) : undefined;
      await ack();
      if (!draft) {
        if (body.view) ctx.log.warn('draft add-row: the view is not a draft modal');
        return;
      }
      const data = addKeyResultRow(ctx, draft.meta, draft.values);
      if (!data) return;
      debouncer.cancel(draft.viewId);
      await client.views.update({
        view_id: draft.viewId,
        ...(draft.hash ? { hash: draft.hash } : {}),
        view: draftModalView(data),
      });
    },
  );
}
