import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { View } from '@slack/types';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { okrCandidateOf } from '../../alert-actions.js';
import { KPI_ALERT_ACTIONS } from '../views/kpi-alert-message.js';
import { kpiInfoModal } from '../views/kpi-info-modal.js';
import { parseAlertButton } from './kpi-alert-button.js';

/** Opens OKR drafting prefilled (the drafting feature supplies it; kpis only knows the candidate). */
export type DraftViewSource = (
  ctx: AppContext,
  prefill: {
    teamId: string;
    userId: string;
    objective: string;
    keyResult: string;
    teamKey: string | null;
    fallbackChannel: string | undefined;
  },
) => Promise<View>;

/**
 * Draft an OKR (three bad periods in a row): opens the `/okr draft` modal prefilled with the candidate's key
 * result, for the quarter it would run in, in the KPI's team channel.
 */
export function registerKpiDraftOkr(app: SlackListeners, ctx: AppContext, draftView: DraftViewSource): void {
  app.action<BlockAction<ButtonAction>>(KPI_ALERT_ACTIONS.draftOkr, async ({ ack, body, action, client }) => {
    await ack();
    const button = parseAlertButton(action.value);
    const teamId = body.team?.id ?? ctx.teamId;
    const candidate = button ? await okrCandidateOf(ctx, teamId, button.a) : undefined;
    if (!candidate) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: kpiInfoModal(
          'Draft an OKR',
          'This KPI is no longer a candidate for an OKR: it is back in range.',
        ),
      });
      return;
    }
    const view = await draftView(ctx, {
      teamId,
      userId: body.user.id,
      objective: `Bring ${candidate.kpiName} back into its target range`,
      keyResult: candidate.draft,
      teamKey: candidate.teamKey,
      fallbackChannel: body.channel?.id,
    });
    await client.views.open({ trigger_id: body.trigger_id, view });
  });
}
