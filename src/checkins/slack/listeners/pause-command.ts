import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import { pauseCheckins, resumeCheckins } from '../../check-in.js';

/** `/okr pause until YYYY-MM-DD`: no check-in prompts or reminders for this person until then. */
export const pauseSubcommand: SubcommandHandler = async ({ ctx, rest, args, teamId, userId }) => {
  const text = await pauseCheckins(ctx, teamId, userId, rest);
  await args.ack({ response_type: 'ephemeral', text });
};

/** `/okr resume`: check-in prompts and reminders start again. */
export const resumeSubcommand: SubcommandHandler = async ({ ctx, args, teamId, userId }) => {
  const text = await resumeCheckins(ctx, teamId, userId);
  await args.ack({ response_type: 'ephemeral', text });
};
