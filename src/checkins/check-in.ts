import type { ModalView } from '@slack/types';
import {
  activeKeyResultsOf,
  type Confidence,
  formatPlainNumber,
  parseConfidence,
  parseMeasuredValue,
} from '../okrs/index.js';
import { ensurePerson, getPerson, setDmBlocked, setPausedUntil } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { enqueueMessages, type OutgoingMessage } from '../platform/outbox/store.js';
import { checkinHelpRecipients } from './domain/help-recipients.js';
import { localTimeLabel, roundLabel } from './domain/round-labels.js';
import { effectiveTimeZone, localDate, parsePauseCommand } from './domain/schedule/index.js';
import { checkinKeys } from './keys.js';
import { type HelpReplyMetadata, helpReplyMessage, helpRequestMessage } from './slack/views/checkin-help.js';
import {
  type CheckinModalMetadata,
  checkinModal,
  fieldBlockId,
  MAX_KRS_PER_MODAL,
  type ModalKeyResult,
} from './slack/views/checkin-modal.js';
import {
  type AnsweredKeyResult,
  checkedInMessage,
  nudgeAnsweredMessage,
} from './slack/views/checkin-prompt.js';
import {
  type Answer,
  checkinHistory,
  getPrompt,
  outboxRowsByKey,
  roundCheckins,
  saveAnswers,
} from './store.js';
import { postOwedSummaries, toKeyResultView } from './summaries.js';
import { roundFloor, workspaceTimeZone } from './team-settings.js';

export type CheckinFormResult =
  | { kind: 'form'; view: ModalView }
  | { kind: 'info'; title: string; text: string };

async function ownerZone(ctx: AppContext, teamId: string, owner: string): Promise<string> {
  const person = await getPerson(ctx.db, teamId, owner);
  return effectiveTimeZone(person?.tz ?? null, await workspaceTimeZone(ctx.db, ctx, teamId));
}

/**
 * The check-in form for an owner's round: unanswered key results first, then answered ones (to edit),
 * at most {@link MAX_KRS_PER_MODAL}; values start at this round's answer or the current value. A round that
 * has closed, or an owner with nothing left to check in, gets an explanation instead.
 */
export async function checkinForm(
  ctx: AppContext,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<CheckinFormResult> {
  const prompt = await getPrompt(ctx.db, teamId, owner, roundKey);
  if (!prompt?.ends_at) {
    return {
      kind: 'info',
      title: 'Check-in',
      text: `There is no check-in for you for ${roundLabel(roundKey)}.`,
    };
  }
  const zone = await ownerZone(ctx, teamId, owner);
  const now = ctx.now();
  if (now.getTime() >= Date.parse(prompt.ends_at)) {
    return {
      kind: 'info',
      title: 'Round closed',
      text: `The check-in for ${roundLabel(roundKey)} closed on ${localTimeLabel(new Date(prompt.ends_at), zone)}. Answer in the newer prompt in your DMs.`,
    };
  }
  const krs = (await activeKeyResultsOf(ctx.db, teamId, [owner])).get(owner) ?? [];
  if (krs.length === 0) {
    return {
      kind: 'info',
      title: 'Check-in',
      text: 'You have no key results of an active objective to check in on.',
    };
  }
  const answers = new Map(
    (await roundCheckins(ctx.db, teamId, owner, roundKey)).map((c) => [c.key_result_id, c]),
  );
  const previous = new Map<string, Confidence>();
  for (const c of await checkinHistory(
    ctx.db,
    krs.map((k) => k.id),
    roundFloor(now),
    roundKey,
  )) {
    if (c.round_key < roundKey && c.confidence) previous.set(c.key_result_id, c.confidence);
  }
  const ordered = [...krs.filter((k) => !answers.has(k.id)), ...krs.filter((k) => answers.has(k.id))];
  const keyResults: ModalKeyResult[] = ordered.slice(0, MAX_KRS_PER_MODAL).map((kr) => {
    const a = answers.get(kr.id);
    return {
      ...toKeyResultView(kr),
      initialValue: formatPlainNumber(a ? a.value : kr.current),
      confidence: a?.confidence ?? previous.get(kr.id) ?? null,
      changed: a?.changed ?? null,
      blockers: a?.blockers ?? null,
      next: a?.next_focus ?? null,
    };
  });
  return {
    kind: 'form',
    view: checkinModal({
      roundKey,
      untilLabel: localTimeLabel(new Date(prompt.ends_at), zone),
      keyResults,
      totalOwned: krs.length,
      editing: keyResults.some((k) => answers.has(k.id)),
    }),
  };
}

/** What a submission holds per input block: a text value or a chosen option's value. */
export type SubmittedValues = Record<string, { value?: string | null; option?: string | null }>;

export type SubmitResult =
  | { ok: false; errors: Record<string, string> }
  | { ok: true; roundKey: string; revision: number; saved: number };

const text = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t.slice(0, 1000) : null;
};

/**
 * Validates and stores one check-in submission. Every problem comes back keyed by the input's block id
 * and nothing is stored; otherwise the answers, the key results' values, the prompt's "Checked in" edit
 * and any request for help are written in one transaction. Accepted until the round ends.
 */
export async function submitCheckin(
  ctx: AppContext,
  teamId: string,
  owner: string,
  meta: CheckinModalMetadata,
  values: SubmittedValues,
): Promise<SubmitResult> {
  const firstBlock = fieldBlockId(meta.k[0] ?? 'none', 'value');
  const prompt = await getPrompt(ctx.db, teamId, owner, meta.r);
  if (!prompt?.ends_at) return { ok: false, errors: { [firstBlock]: 'This check-in is not open for you.' } };
  const zone = await ownerZone(ctx, teamId, owner);
  const endsAt = new Date(prompt.ends_at);
  if (ctx.now().getTime() >= endsAt.getTime()) {
    return {
      ok: false,
      errors: {
        [firstBlock]: `This round closed on ${localTimeLabel(endsAt, zone)}; answer in the newer prompt in your DMs.`,
      },
    };
  }
  const owned = (await activeKeyResultsOf(ctx.db, teamId, [owner])).get(owner) ?? [];
  const byId = new Map(owned.map((k) => [k.id, k]));
  const onForm = meta.k.filter((id) => byId.has(id));
  if (onForm.length === 0) {
    return {
      ok: false,
      errors: { [firstBlock]: 'These key results were closed or handed over; there is nothing to save.' },
    };
  }

  const errors: Record<string, string> = {};
  const answers: Answer[] = [];
  for (const id of onForm) {
    const kr = byId.get(id)!;
    const valueBlock = fieldBlockId(id, 'value');
    const parsed = parseMeasuredValue(values[valueBlock]?.value ?? '', kr.unit);
    if (!parsed.ok) errors[valueBlock] = parsed.error;
    const confidenceBlock = fieldBlockId(id, 'confidence');
    const confidence = parseConfidence(values[confidenceBlock]?.option ?? '');
    if (!confidence) errors[confidenceBlock] = 'Choose on track, at risk or off track.';
    if (parsed.ok && confidence) {
      answers.push({
        keyResultId: id,
        value: parsed.value,
        confidence,
        changed: text(values[fieldBlockId(id, 'changed')]?.value),
        blockers: text(values[fieldBlockId(id, 'blockers')]?.value),
        nextFocus: text(values[fieldBlockId(id, 'next')]?.value),
      });
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const [person, earlier, sent] = await Promise.all([
    getPerson(ctx.db, teamId, owner),
    roundCheckins(ctx.db, teamId, owner, meta.r),
    outboxRowsByKey(ctx.db, [
      checkinKeys.prompt(teamId, owner, meta.r),
      checkinKeys.nudge(teamId, owner, meta.r),
    ]),
  ]);
  const merged = new Map(earlier.map((c) => [c.key_result_id, { value: c.value, confidence: c.confidence }]));
  for (const a of answers) merged.set(a.keyResultId, { value: a.value, confidence: a.confidence });
  const untilLabel = localTimeLabel(endsAt, zone);
  const promptRow = sent.get(checkinKeys.prompt(teamId, owner, meta.r));
  const nudgeRow = sent.get(checkinKeys.nudge(teamId, owner, meta.r));
  const help = checkinHelpRecipients({
    owner,
    managerId: person?.manager_slack_id ?? null,
    answers,
    keyResults: byId,
  });

  const messages = (revision: number): OutgoingMessage[] => {
    const out: OutgoingMessage[] = [];
    if (promptRow?.status === 'sent' && promptRow.result_channel && promptRow.result_ts) {
      const krs: AnsweredKeyResult[] = owned.map((kr) => ({
        ...toKeyResultView(kr),
        answer: merged.get(kr.id) ?? null,
      }));
      out.push({
        teamId,
        dedupeKey: checkinKeys.promptUpdate(teamId, owner, meta.r, revision),
        kind: 'checkin-prompt-update',
        method: 'chat.update',
        target: promptRow.result_channel,
        payload: {
          channel: promptRow.result_channel,
          ts: promptRow.result_ts,
          ...checkedInMessage({ roundKey: meta.r, keyResults: krs, untilLabel }),
        },
      });
    }
    if (nudgeRow?.status === 'sent' && nudgeRow.result_channel && nudgeRow.result_ts) {
      out.push({
        teamId,
        dedupeKey: checkinKeys.nudgeUpdate(teamId, owner, meta.r),
        kind: 'checkin-nudge-update',
        method: 'chat.update',
        target: nudgeRow.result_channel,
        payload: {
          channel: nudgeRow.result_channel,
          ts: nudgeRow.result_ts,
          ...nudgeAnsweredMessage(meta.r),
        },
      });
    }
    for (const h of help) {
      const content = JSON.stringify(h.items.map((i) => [i.keyResultId, i.confidence, i.blockers]));
      out.push({
        teamId,
        dedupeKey: checkinKeys.help(teamId, owner, meta.r, h.recipient, content),
        kind: 'checkin-help',
        method: 'chat.postMessage',
        target: h.recipient,
        payload: {
          ...helpRequestMessage({
            ownerId: owner,
            ownerName: person?.name ?? owner,
            roundKey: meta.r,
            role: h.role,
            items: h.items.map((i) => {
              const kr = byId.get(i.keyResultId)!;
              return {
                ...toKeyResultView(kr),
                value: i.value,
                confidence: i.confidence,
                blockers: i.blockers,
              };
            }),
          }),
        },
      });
    }
    return out;
  };
  const superseded = (revision: number): string[] => [
    checkinKeys.nudge(teamId, owner, meta.r),
    ...Array.from({ length: Math.max(0, revision - 1) }, (_, i) =>
      checkinKeys.promptUpdate(teamId, owner, meta.r, i + 1),
    ),
  ];
  const revision = await saveAnswers(
    ctx.db,
    { teamId, owner, roundKey: meta.r, answers },
    messages,
    superseded,
    ctx.now(),
  );
  return { ok: true, roundKey: meta.r, revision, saved: answers.length };
}

/** Sends what is queued now, rather than at the next tick (interactive answers should be seen at once). */
export async function sendQueuedNow(ctx: AppContext): Promise<void> {
  await ctx.outbox.sendNow();
}

/**
 * After a submission: sends the "Checked in" edit and any help requests, then the summary in the team
 * threads (which needs the round's thread to be in Slack first). What cannot go out now stays queued for
 * the next tick.
 */
export async function deliverAfterCheckin(
  ctx: AppContext,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<void> {
  await sendQueuedNow(ctx);
  const first = await postOwedSummaries(ctx, teamId, ctx.now(), { owner, roundKey });
  if (first.waiting > 0) {
    await sendQueuedNow(ctx);
    await postOwedSummaries(ctx, teamId, ctx.now(), { owner, roundKey });
  }
  await sendQueuedNow(ctx);
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

/** `/okr pause until YYYY-MM-DD`: no prompts or reminders until that local date. Returns what to tell the person. */
export async function pauseCheckins(
  ctx: AppContext,
  teamId: string,
  userId: string,
  args: string,
): Promise<string> {
  const now = ctx.now();
  const person = await ensurePerson(ctx.db, { teamId, slackId: userId }, now);
  const zone = effectiveTimeZone(person.tz, await workspaceTimeZone(ctx.db, ctx, teamId));
  const parsed = parsePauseCommand(args, localDate(now, zone));
  if (!parsed.ok) return parsed.error;
  await setPausedUntil(ctx.db, teamId, userId, parsed.until, now);
  return `:palm_tree: Check-ins paused until ${parsed.until} (your first day back). No prompts or reminders until then; \`/okr resume\` starts them again sooner.`;
}

/** `/okr resume`: prompts and reminders start again (also after the bot had recorded that DMs failed). */
export async function resumeCheckins(ctx: AppContext, teamId: string, userId: string): Promise<string> {
  const now = ctx.now();
  const person = await ensurePerson(ctx.db, { teamId, slackId: userId }, now);
  await setPausedUntil(ctx.db, teamId, userId, null, now);
  if (person.dm_blocked_reason) await setDmBlocked(ctx.db, teamId, userId, null, now);
  return person.paused_until
    ? ':wave: Welcome back: check-ins are on again. If this round is still open, your prompt arrives within a minute.'
    : 'Check-ins were not paused; they are on.';
}
