import type { SubcommandHandler } from '../../../platform/slack/command-router.js';
import { pauseCheckins, resumeCheckins } from '../../pause.js';

// The reply rides on the command's ack (an ephemeral `response_type`), so the use case runs before it;
// Slack allows three seconds and both are a few single-row queries.

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
