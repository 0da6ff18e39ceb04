import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { rollupFor } from '../../rollup.js';
import { HOME_IDS } from '../ids.js';
import { rollupBlocks } from '../views/rollup-view.js';

/** "Show the roll-up" on an admin's Home tab: the workspace's roll-up (as `/okr rollup`) in a modal. */
export function registerHomeRollupButton(app: SlackListeners, ctx: AppContext): void {
  app.action<BlockAction<ButtonAction>>(HOME_IDS.rollupAction, async ({ ack, body, client }) => {
    await ack();
    const result = await rollupFor(ctx, body.team?.id ?? ctx.teamId, body.user.id);
    const view: ModalView = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Workspace roll-up' },
      close: { type: 'plain_text', text: 'Close' },
      blocks: result.ok
        ? rollupBlocks(result.quarter, result.rows)
        : [{ type: 'section', text: { type: 'plain_text', text: result.message } }],
    };
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
