import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../context.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What a subcommand handler gets: the app context, the words after the subcommand, and Bolt's helpers. */
export interface SubcommandInput {
  ctx: AppContext;
  rest: string;
  args: CommandArgs;
  teamId: string;
  userId: string;
  channelId: string;
  respond: RespondFn;
}

export type SubcommandHandler = (input: SubcommandInput) => Promise<void>;

/** Splits `draft Improve hiring` into `draft` and `Improve hiring`; the subcommand is case-insensitive. */
export function splitSubcommand(text: string): { sub: string; rest: string } {
  const trimmed = text.trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) return { sub: '', rest: '' };
  return { sub: m[1]!.toLowerCase(), rest: m[2]!.trim() };
}
