import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../platform/context.js';
import { splitPastedKeyResults } from '../../domain/lint/index.js';
import { lintDraftValues, quartersOffered } from '../../drafts.js';
import type { ViewUpdateDebouncer } from '../view-update-debouncer.js';
import { ACTION, draftModalView, KR_TEXT_BLOCK, MAX_KEY_RESULT_ROWS } from '../views/draft-modal.js';
import { readDraftView } from '../views/draft-state.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Live feedback while someone types an objective or a key result: ack at once, then (debounced) lint the
 * whole draft and `views.update` with the view's hash, keeping every input's block and action id so the
 * typing is kept. A pasted list is split into rows right away. A stale hash means a newer update won.
 */
export function registerDraftTyping(app: App, ctx: AppContext, debouncer: ViewUpdateDebouncer): void {
  const onTyping = async ({ ack, body, client, action }: ActionArgs) => {
    await ack();
    if (!body.view) return;
    const draft = readDraftView(body.view);
    let { meta } = draft;
    const { values } = draft;
    let immediate = false;
    const blockId = 'block_id' in action ? action.block_id : '';
    const row = KR_TEXT_BLOCK.exec(blockId);
    if (row) {
      const index = Number(row[1]);
      const pasted = splitPastedKeyResults(values.keyResults[index]?.text ?? '');
      if (pasted.length > 1) {
        // Fill this row and the ones after it; new block ids so Slack shows the split text.
        const owners = values.keyResults.map((r) => r.owner);
        const texts = [
          ...values.keyResults.slice(0, index).map((r) => r.text),
          ...pasted,
          ...values.keyResults
            .slice(index + 1)
            .map((r) => r.text)
            .filter((t) => t.trim()),
        ].slice(0, MAX_KEY_RESULT_ROWS);
        values.keyResults = texts.map((text, i) => (owners[i] ? { text, owner: owners[i] } : { text }));
        meta = { ...meta, n: Math.max(meta.n, values.keyResults.length), r: meta.r + 1 };
        immediate = true;
      }
    }
    const update = async () => {
      const now = ctx.now();
      const quarters = quartersOffered(now, ctx.config.defaultTimeZone);
      if (values.quarter && !quarters.includes(values.quarter)) quarters.unshift(values.quarter);
      const lint = lintDraftValues(values, meta, now);
      try {
        await client.views.update({
          view_id: draft.viewId,
          ...(draft.hash ? { hash: draft.hash } : {}),
          view: draftModalView({ meta, values, quarters, lint }),
        });
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'hash_conflict') {
          ctx.log.debug(`draft ${draft.viewId}: a newer update won (hash_conflict)`);
          return;
        }
        throw error;
      }
    };
    if (immediate) {
      debouncer.cancel(draft.viewId);
      await update();
    } else debouncer.schedule(draft.viewId, update);
  };
  app.action(ACTION.krText, onTyping);
  app.action(ACTION.objective, onTyping);
}
