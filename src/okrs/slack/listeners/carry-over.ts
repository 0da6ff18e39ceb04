import type { BlockAction, ButtonAction } from '@slack/bolt';
import type { View } from '@slack/types';
import { z } from 'zod';
import { actorFor, authorize } from '../../../people/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { type CarryOverDraft, carryOverDraft } from '../../carry-over.js';
import { getObjective } from '../../store/quarters.js';
import { OKR_IDS } from '../ids.js';

/** Opens OKR drafting prefilled with a carried-over objective (the drafting feature supplies it). */
export type CarryOverViewSource = (
  ctx: AppContext,
  teamId: string,
  userId: string,
  draft: CarryOverDraft,
) => Promise<View>;

/** "Carry over to 2027Q1": the next quarter's draft, prefilled with the final values as baselines, to edit. */
export function registerCarryOver(
  app: SlackListeners,
  ctx: AppContext,
  draftView: CarryOverViewSource,
): void {
  app.action<BlockAction<ButtonAction>>(
    OKR_IDS.carryOverAction,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const id = z.string().min(1).max(64).safeParse(action.value);
      const teamId = body.team?.id ?? ctx.teamId;
      const objective = id.success ? await getObjective(ctx.db, teamId, id.data) : undefined;
      const draft = objective ? await carryOverDraft({ db: ctx.db }, teamId, objective.id) : undefined;
      if (!objective || !draft) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'Nothing to carry over: that objective is done or gone.',
        });
        return;
      }
      const team = objective.team_key
        ? await ctx.db
            .selectFrom('teams')
            .select(['lead_slack_id', 'name'])
            .where('team_id', '=', teamId)
            .where('key', '=', objective.team_key)
            .executeTakeFirst()
        : undefined;
      const decision = authorize(
        'objective.carry_over',
        await actorFor(ctx.db, teamId, body.user.id, ctx.config.adminIds),
        {
          teamKey: objective.team_key,
          teamLead: team?.lead_slack_id ?? null,
          teamName: team?.name ?? null,
          objectiveOwners: [objective.owner_slack_id],
          what: 'this objective',
        },
      );
      if (!decision.ok) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: decision.refusal });
        return;
      }
      await client.views.open({
        trigger_id: body.trigger_id,
        view: await draftView(ctx, teamId, body.user.id, draft),
      });
    },
  );
}
