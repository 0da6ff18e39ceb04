import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import type { SubcommandHandler } from './commands/command-router.js';

/** `/okr draft`, `/okr lint`, `/okr list` and the draft modal's live feedback. */
export function registerDraftingListeners(_app: App, _ctx: AppContext, _okr: Record<string, SubcommandHandler>): void {}
