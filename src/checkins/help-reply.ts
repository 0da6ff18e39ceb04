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

/**
 * Whether `fromId` may answer `owner`'s check-in of `roundKey`: only someone that check-in asked for help
 * (the objective owner of a key result it flagged, or the owner's manager). The reply form's metadata names
 * the owner; it is checked here against what was stored, never trusted.
 */
export async function mayReplyTo(
  ctx: AppContext,
  teamId: string,
  fromId: string,
  owner: string,
  roundKey: string,
): Promise<boolean> {
  if (fromId === owner) return false;
  const [person, flagged] = await Promise.all([
    getPerson(ctx.db, teamId, owner),
    ctx.db
      .selectFrom('checkins as c')
      .innerJoin('key_results as kr', 'kr.id', 'c.key_result_id')
      .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
      .select('o.owner_slack_id')
      .where('c.team_id', '=', teamId)
      .where('c.owner_slack_id', '=', owner)
      .where('c.round_key', '=', roundKey)
      .where((eb) => eb.or([eb('c.blockers', 'is not', null), eb('c.confidence', '=', 'off_track')]))
      .execute(),
  ]);
  if (flagged.length === 0) return false;
  return person?.manager_slack_id === fromId || flagged.some((f) => f.owner_slack_id === fromId);
}
