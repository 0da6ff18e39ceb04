import type { AppContext } from '../../../platform/context.js';
import { AfterAckQueue } from '../../../platform/http/after-ack-queue.js';
import { requestsBeingAnswered } from '../../../platform/http/server.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { DEFAULT_METHOD_LIMITS } from '../../../platform/slack/pacer.js';
import { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { registerDraftAddRow } from './draft-add-row.js';
import { registerDraftSubmit } from './draft-submit.js';
import { registerDraftTyping } from './draft-typing.js';
import { openDraftModal } from './okr-draft.js';
import { lintCommand } from './okr-lint.js';
import { listCommand } from './okr-list.js';

/** `/okr draft`, `/okr lint`, `/okr list` and the draft modal's live feedback. */
export function registerDraftingListeners(
  app: SlackListeners,
  ctx: AppContext,
  okr: Map<string, SubcommandHandler>,
): void {
  // Feedback goes out when what the person reads changes, at most once a second per view, and all views
  // together stay within views.update's Tier 4 budget (the pacer's: 100 a minute, bursts of 50), keeping a
  // fifth of the burst in hand so that calls arriving closer together than they left never add up to a 429.
  const tier4 = DEFAULT_METHOD_LIMITS['views.update'];
  // Linting and redrawing wait until every request in a burst has its ack; so do updates a timer brings due.
  const afterAck = new AfterAckQueue({
    busy: () => requestsBeingAnswered() > 0,
    onError: (e) => ctx.log.warn(`draft feedback failed: ${String(e)}`),
  });
  const debouncer = new ViewUpdateDebouncer({
    onError: (e) => ctx.log.warn(`draft feedback update failed: ${String(e)}`),
    track: (w) => void ctx.track(w),
    perMinute: tier4?.perMinute ?? 100,
    burst: Math.floor((tier4?.burst ?? 25) * 0.8),
    defer: (work) => afterAck.push(work),
  });
  okr.set('draft', openDraftModal);
  okr.set('lint', lintCommand);
  okr.set('list', listCommand);
  registerDraftTyping(app, ctx, debouncer, afterAck);
  registerDraftAddRow(app, ctx, debouncer);
  registerDraftSubmit(app, ctx);
}
