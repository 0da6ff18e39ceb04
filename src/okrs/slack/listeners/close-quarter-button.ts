import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { closeQuarterAs } from '../../close-quarter-as.js';
import { OKR_IDS, parseCloseButtonValue } from '../ids.js';

/** The lead's "Close 2026Q4" button (a DM the day after a quarter ends). */
export function registerCloseQuarterButton(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(OKR_IDS.closeQuarterAction, async ({ ack, body, action, client }) => {
    await ack();
    const value = parseCloseButtonValue(action.value ?? '');
    const teamId = body.team?.id ?? ctx.teamId;
    const outcome = value
      ? await closeQuarterAs(ctx, {
          teamId,
          userId: body.user.id,
          quarter: value.quarter,
          ...(value.teamKey ? { teamKey: value.teamKey } : {}),
        })
      : { ok: false as const, message: 'This button is out of date.' };
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (channel) {
      await client.chat.postEphemeral({
        channel,
        user: body.user.id,
        text: outcome.ok ? outcome.result.message : outcome.message,
      });
    }
  });
}
