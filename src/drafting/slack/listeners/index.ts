import type { App } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { registerDraftAddRow } from './draft-add-row.js';
import { registerDraftSubmit } from './draft-submit.js';
import { registerDraftTyping } from './draft-typing.js';
import { openDraftModal } from './okr-draft.js';
import { lintCommand } from './okr-lint.js';
import { listCommand } from './okr-list.js';

/** `/okr draft`, `/okr lint`, `/okr list` and the draft modal's live feedback. */
export function registerDraftingListeners(
  app: App,
  ctx: AppContext,
  okr: Map<string, SubcommandHandler>,
): void {
  const debouncer = new ViewUpdateDebouncer(
    400,
    1500,
    (e) => ctx.log.warn(`draft feedback update failed: ${String(e)}`),
    (w) => void ctx.track(w),
  );
  okr.set('draft', openDraftModal);
  okr.set('lint', lintCommand);
  okr.set('list', listCommand);
  registerDraftTyping(app, ctx, debouncer);
  registerDraftAddRow(app, ctx, debouncer);
  registerDraftSubmit(app, ctx);
}
