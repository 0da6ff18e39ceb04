import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { lintDraftValues, objectivesInQuarter, quartersOffered } from '../../../drafting/drafts.js';
import { type DraftValues, draftModalView } from '../../../drafting/slack/views/draft-modal.js';
import { formatQuarter, quarterOf } from '../../../okrs/domain/quarter.js';
import { getPerson, getTeam } from '../../../people/store.js';
import { isValidTimeZone } from '../../../platform/config.js';
import type { AppContext } from '../../../platform/context.js';
import { okrCandidateOf } from '../../alert-actions.js';
import { KPI_ALERT_ACTIONS } from '../views/kpi-alert-message.js';
import { kpiInfoModal } from '../views/kpi-info-modal.js';
import { parseAlertButton } from './kpi-alert-button.js';

/**
 * Draft an OKR (three bad periods in a row): opens the `/okr draft` modal prefilled with the candidate's key
 * result, for the quarter it would run in, in the KPI's team channel.
 */
export function registerKpiDraftOkr(app: App, ctx: AppContext): void {
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
    const now = ctx.now();
    const tz = (await getPerson(ctx.db, teamId, body.user.id))?.tz;
    const quarters = quartersOffered(now, tz && isValidTimeZone(tz) ? tz : ctx.config.defaultTimeZone);
    const wanted = quarterOfDraft(candidate.draft);
    const quarter = quarters.find((q) => q === wanted) ?? quarters.at(-1)!;
    const team = candidate.teamKey ? await getTeam(ctx.db, teamId, candidate.teamKey) : undefined;
    const channel = team?.channel_id ?? body.channel?.id;
    const values: DraftValues = {
      objective: `Bring ${candidate.kpiName} back into its target range`,
      type: 'committed',
      quarter,
      ...(channel && /^[CG]/.test(channel) ? { channel } : {}),
      keyResults: [{ text: candidate.draft, owner: body.user.id }],
    };
    const k = channel && /^[CG]/.test(channel) ? await objectivesInQuarter(ctx, teamId, channel, quarter) : 0;
    const meta = { c: channel ?? '', n: 2, r: 0, k };
    await client.views.open({
      trigger_id: body.trigger_id,
      view: draftModalView({ meta, values, quarters, lint: lintDraftValues(values, meta, now) }),
    });
  });
}

/** `…by 2027-03-31` → `2027Q1`: the quarter the drafted key result ends in. */
function quarterOfDraft(draft: string): string | undefined {
  const date = /(\d{4})-(\d{2})-\d{2}$/.exec(draft);
  if (!date) return undefined;
  return formatQuarter(quarterOf(new Date(`${date[0]}T00:00:00Z`)));
}
