import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import type { SlackListeners } from '../../../platform/slack/listener-table.js';
import { draftProblems } from '../../domain/draft-problems.js';
import { saveDraft } from '../../drafts.js';
import { DRAFT_CALLBACK_ID } from '../ids.js';
import { draftErrors } from '../views/draft-modal.js';
import { parseDraftView } from '../views/draft-state.js';

/**
 * Saving a draft: problems that block (empty objective, no key results, a key result without a number or an
 * owner) come back as `response_action: errors` on the right input; otherwise the modal closes and the OKR
 * is stored, summarised in the team channel, and each owner is told.
 */
export function registerDraftSubmit(app: SlackListeners, ctx: AppContext): void {
  app.view(
    DRAFT_CALLBACK_ID,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const draft = parseDraftView(view);
      // Not acked: Slack tells the person the save failed, and the modal stays open.
      if (!draft) throw new Error(`draft submission: view ${view.id} is not a draft modal`);
      const { meta, values } = draft;
      const problems = draftProblems(values);
      if (problems.length > 0) {
        await ack({ response_action: 'errors', errors: draftErrors(problems, meta.r) });
        return;
      }
      await ack();
      await saveDraft(ctx, body.team?.id ?? ctx.teamId, body.user.id, values, meta.c);
    },
  );
}
