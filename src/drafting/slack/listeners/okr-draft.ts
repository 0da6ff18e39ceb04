import { getPerson } from '../../../people/index.js';
import { isValidTimeZone } from '../../../platform/config.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { splitPastedKeyResults } from '../../domain/lint/index.js';
import { objectivesInQuarter, quartersOffered } from '../../drafts.js';
import { type DraftValues, draftModalView, MAX_KEY_RESULT_ROWS } from '../views/draft-modal.js';

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
  const now = ctx.now();
  const tz = (await getPerson(ctx.db, teamId, userId))?.tz;
  const quarters = quartersOffered(now, tz && isValidTimeZone(tz) ? tz : ctx.config.defaultTimeZone);
  const quarter = quarters[0]!;
  // `/okr draft` followed by a pasted list: the first line is the objective, the rest are key results.
  const [objective = '', ...krs] = rest.includes('\n') ? splitPastedKeyResults(rest) : [rest];
  const values: DraftValues = {
    objective: objective.slice(0, 3000),
    type: 'committed',
    quarter,
    ...(/^[CG]/.test(channelId) ? { channel: channelId } : {}),
    keyResults: krs.slice(0, MAX_KEY_RESULT_ROWS).map((text) => ({ text: text.slice(0, 3000) })),
  };
  const k = /^[CG]/.test(channelId) ? await objectivesInQuarter(ctx, teamId, channelId, quarter) : 0;
  const meta = { c: channelId, n: Math.max(2, values.keyResults.length), r: 0, k };
  await args.client.views.open({
    trigger_id: args.command.trigger_id,
    view: draftModalView({ meta, values, quarters }),
  });
}
