import { getPerson } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { sendQueuedNow } from './check-in.js';
import { checkinKeys } from './keys.js';
import { type HelpReplyMetadata, helpReplyMessage } from './slack/views/checkin-help.js';

/** What the reply form behind "Reply to …" shows: who asked for help, and what the form carries back. */
export interface HelpReplyForm {
  ownerName: string;
  meta: HelpReplyMetadata;
}

/** The reply form for a request for help from `meta.o`. */
export async function helpReplyForm(
  ctx: AppContext,
  teamId: string,
  meta: HelpReplyMetadata,
): Promise<HelpReplyForm> {
  const owner = await getPerson(ctx.db, teamId, meta.o);
  return { ownerName: owner?.name ?? meta.o, meta };
}

/** The answer behind "Reply to …", queued as a DM to the person who asked for help, and sent. */
export async function sendHelpReply(
  ctx: AppContext,
  teamId: string,
  fromId: string,
  meta: HelpReplyMetadata,
  replyText: string,
  viewId: string,
): Promise<void> {
  const from = await getPerson(ctx.db, teamId, fromId);
  await enqueueMessages(
    ctx.db,
    [
      {
        teamId,
        dedupeKey: checkinKeys.reply(teamId, viewId),
        kind: 'checkin-reply',
        method: 'chat.postMessage',
        target: meta.o,
        payload: {
          ...helpReplyMessage({ fromId, fromName: from?.name ?? fromId, roundKey: meta.r, text: replyText }),
        },
      },
    ],
    ctx.now(),
  );
  await sendQueuedNow(ctx);
}
