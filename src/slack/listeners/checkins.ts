import type { App } from '@slack/bolt';
import type { AppContext } from '../../app/context.js';
import type { SubcommandHandler } from './commands/command-router.js';

/** Check-in prompts' buttons, the check-in modal, `/okr pause` and `/okr resume`. */
export function registerCheckinListeners(_app: App, _ctx: AppContext, _okr: Record<string, SubcommandHandler>): void {}
