import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { draftProblems } from '../../domain/draft-problems.js';
import { saveDraft } from '../../drafts.js';
import { DRAFT_CALLBACK_ID, krOwnerBlockId, krTextBlockId } from '../views/draft-modal.js';
import { readDraftView } from '../views/draft-state.js';

/**
 * Saving a draft: problems that block (empty objective, no key results, a key result without a number or an
 * owner) come back as `response_action: errors` on the right input; otherwise the modal closes and the OKR
 * is stored, summarised in the team channel, and each owner is told.
 */
export function registerDraftSubmit(app: App, ctx: AppContext): void {
  app.view(
    DRAFT_CALLBACK_ID,
    async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
      const { meta, values } = readDraftView(view);
      const problems = draftProblems(values);
      if (problems.length > 0) {
        const errors: Record<string, string> = {};
        for (const p of problems) {
          const blockId =
            p.field === 'objective'
              ? 'objective'
              : p.field === 'owner'
                ? krOwnerBlockId(p.index)
                : krTextBlockId(p.index, meta.r);
          errors[blockId] ??= p.message;
        }
        await ack({ response_action: 'errors', errors });
        return;
      }
      await ack();
      const teamId = body.team?.id ?? ctx.teamId;
      await saveDraft(ctx, teamId, body.user.id, values, meta.c);
    },
  );
}
