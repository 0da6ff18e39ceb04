import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { lintDraftValues, quartersOffered } from '../../drafts.js';
import type { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { ACTION, draftModalView, MAX_KEY_RESULT_ROWS } from '../views/draft-modal.js';
import { readDraftView } from '../views/draft-state.js';

/** "Add a key result": one more row, up to five; what was typed stays. */
export function registerDraftAddRow(app: App, ctx: AppContext, debouncer: ViewUpdateDebouncer): void {
  app.action(
    ACTION.addRow,
    async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
      await ack();
      if (!body.view) return;
      const { viewId, hash, meta, values } = readDraftView(body.view);
      if (meta.n >= MAX_KEY_RESULT_ROWS) return;
      debouncer.cancel(viewId);
      const next = { ...meta, n: meta.n + 1 };
      const now = ctx.now();
      const quarters = quartersOffered(now, ctx.config.defaultTimeZone);
      if (values.quarter && !quarters.includes(values.quarter)) quarters.unshift(values.quarter);
      await client.views.update({
        view_id: viewId,
        ...(hash ? { hash } : {}),
        view: draftModalView({ meta: next, values, quarters, lint: lintDraftValues(values, next, now) }),
      });
    },
  );
}
