import type { View } from '@slack/types';
import { formatQuarter, quarterOf } from '../okrs/index.js';
import { getPerson, getTeam } from '../people/index.js';
import { isValidTimeZone } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { lintDraftValues, objectivesInQuarter, quartersOffered } from './drafts.js';
import { type DraftValues, draftModalView } from './slack/views/draft-modal.js';

/** What another feature knows when it offers to draft an OKR (a KPI that was bad three periods in a row). */
export interface DraftPrefill {
  teamId: string;
  /** Who clicked; the first key result's owner. */
  userId: string;
  objective: string;
  keyResult: string;
  /** The team whose channel the OKR belongs to, when known. */
  teamKey: string | null;
  /** The channel the click came from, used when the team has none. */
  fallbackChannel: string | undefined;
}

/**
 * The `/okr draft` modal, prefilled and already linted, for the quarter the key result's date falls in (or
 * the latest quarter offered).
 */
export async function prefilledDraftView(ctx: AppContext, p: DraftPrefill): Promise<View> {
  const now = ctx.now();
  const tz = (await getPerson(ctx.db, p.teamId, p.userId))?.tz;
  const quarters = quartersOffered(now, tz && isValidTimeZone(tz) ? tz : ctx.config.defaultTimeZone);
  const wanted = quarterOfDraft(p.keyResult);
  const quarter = quarters.find((q) => q === wanted) ?? quarters.at(-1)!;
  const team = p.teamKey ? await getTeam(ctx.db, p.teamId, p.teamKey) : undefined;
  const channel = team?.channel_id ?? p.fallbackChannel;
  const inChannel = channel && /^[CG]/.test(channel) ? channel : undefined;
  const values: DraftValues = {
    objective: p.objective,
    type: 'committed',
    quarter,
    ...(inChannel ? { channel: inChannel } : {}),
    keyResults: [{ text: p.keyResult, owner: p.userId }],
  };
  const k = inChannel ? await objectivesInQuarter(ctx, p.teamId, inChannel, quarter) : 0;
  const meta = { c: channel ?? '', n: 2, r: 0, k };
  return draftModalView({ meta, values, quarters, lint: lintDraftValues(values, meta, now) });
}

/** `…by 2027-03-31` → `2027Q1`: the quarter the drafted key result ends in. */
function quarterOfDraft(draft: string): string | undefined {
  const date = /(\d{4})-(\d{2})-\d{2}$/.exec(draft);
  if (!date) return undefined;
  return formatQuarter(quarterOf(new Date(`${date[0]}T00:00:00Z`)));
}

/** An objective carried over from a closed quarter, to be linted and edited before it is saved. */
export interface CarriedDraft {
  objective: string;
  type: DraftValues['type'];
  quarter: string;
  channel?: string;
  keyResults: Array<{ text: string; owner: string }>;
}

/** The `/okr draft` modal with a carried-over objective: the next quarter, final values as baselines. */
export async function carryOverDraftView(
  ctx: AppContext,
  teamId: string,
  userId: string,
  draft: CarriedDraft,
): Promise<View> {
  const now = ctx.now();
  const tz = (await getPerson(ctx.db, teamId, userId))?.tz;
  const offered = quartersOffered(now, tz && isValidTimeZone(tz) ? tz : ctx.config.defaultTimeZone);
  const quarters = offered.includes(draft.quarter) ? offered : [...offered, draft.quarter];
  const values: DraftValues = {
    objective: draft.objective,
    type: draft.type,
    quarter: draft.quarter,
    ...(draft.channel ? { channel: draft.channel } : {}),
    keyResults: draft.keyResults.slice(0, 5).map((k) => ({ text: k.text, owner: k.owner })),
  };
  const k = draft.channel ? await objectivesInQuarter(ctx, teamId, draft.channel, draft.quarter) : 0;
  const meta = { c: draft.channel ?? '', n: Math.max(2, values.keyResults.length), r: 0, k };
  return draftModalView({ meta, values, quarters, lint: lintDraftValues(values, meta, now) });
}
