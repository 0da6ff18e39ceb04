import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { viewStateValues } from '../../../platform/slack/view-payload.js';
import { reflectionModalFor, submitReflection } from '../../reflections.js';
import { OKR_BLOCKS, OKR_IDS } from '../ids.js';

const objectiveId = z.string().min(1).max(64);

/** "What got in the way?" on a committed shortfall: the reflection modal, for the objective's owner only. */
export function registerReflection(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(
    OKR_IDS.reflectAction,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const id = objectiveId.safeParse(action.value);
      const teamId = body.team?.id ?? ctx.teamId;
      const view = id.success
        ? await reflectionModalFor({ db: ctx.db }, teamId, id.data, body.user.id)
        : undefined;
      if (!view) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: "Only the objective's owner can write its reflection.",
        });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view });
    },
  );

  app.view(OKR_IDS.reflectionView, async ({ ack, body, view }) => {
    const id = objectiveId.safeParse(view.private_metadata);
    const state = viewStateValues.safeParse(view.state.values);
    const text = state.success
      ? (state.data[OKR_BLOCKS.reflection]?.[OKR_BLOCKS.reflectionText]?.value ?? '')
      : '';
    if (!id.success) {
      await ack({
        response_action: 'errors',
        errors: { [OKR_BLOCKS.reflection]: 'This form is out of date.' },
      });
      return;
    }
    const result = await submitReflection(
      { db: ctx.db, outbox: ctx.outbox },
      { teamId: body.team?.id ?? ctx.teamId, objectiveId: id.data, userId: body.user.id, text },
      ctx.now(),
    );
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: { [OKR_BLOCKS.reflection]: result.error } });
      return;
    }
    await ack();
    ctx.outbox.kick();
  });
}
