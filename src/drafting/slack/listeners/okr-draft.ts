import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { newDraft } from '../../drafts.js';
import { draftModalView } from '../views/draft-modal.js';

/** `/okr draft [objective]`: acks at once, then opens the drafting modal with the trigger id. */
export async function openDraftModal({
  ctx,
  args,
  rest,
  teamId,
  userId,
  channelId,
}: SubcommandInput): Promise<void> {
  await args.ack();
  const data = await newDraft(ctx, { teamId, userId, channelId, text: rest });
  await args.client.views.open({ trigger_id: args.command.trigger_id, view: draftModalView(data) });
}
