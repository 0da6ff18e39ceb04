import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { registerDraftAddRow } from './actions/draft-add-row.js';
import { registerDraftTyping } from './actions/draft-typing.js';
import type { SubcommandHandler } from './commands/command-router.js';
import { openDraftModal } from './commands/okr-draft.js';
import { lintCommand } from './commands/okr-lint.js';
import { listCommand } from './commands/okr-list.js';
import { registerDraftSubmit } from './views/draft-submit.js';

/** `/okr draft`, `/okr lint`, `/okr list` and the draft modal's live feedback. */
export function registerDraftingListeners(
  app: App,
  ctx: AppContext,
  okr: Record<string, SubcommandHandler>,
): void {
  const debouncer = new ViewUpdateDebouncer(
    400,
    1500,
    (e) => ctx.log.warn(`draft feedback update failed: ${String(e)}`),
    (w) => void ctx.track(w),
  );
  okr.draft = openDraftModal;
  okr.lint = lintCommand;
  okr.list = listCommand;
  registerDraftTyping(app, ctx, debouncer);
  registerDraftAddRow(app, ctx, debouncer);
  registerDraftSubmit(app, ctx);
}
