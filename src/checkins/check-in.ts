import {
  activeKeyResultsOf,
  type Confidence,
  formatPlainNumber,
  formatScoreNumber,
  isClosingRound,
  needsClosingScore,
  type OwnedKeyResult,
  parseClosingScore,
  parseConfidence,
  parseMeasuredValue,
  roundInsideQuarter,
} from '../okrs/index.js';
import { getPerson } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { type Submission, submissionMessages, supersededKeys } from './check-in-messages.js';
import { checkinHelpRecipients } from './domain/help-recipients.js';
import { localTimeLabel, roundLabel } from './domain/round-labels.js';
import { effectiveTimeZone } from './domain/schedule/index.js';
import { toKeyResultView } from './key-result-view.js';
import { checkinKeys } from './keys.js';
import { fieldBlockId } from './slack/ids.js';
import {
  type CheckinModalMetadata,
  type CheckinModalModel,
  MAX_KRS_PER_MODAL,
  type ModalKeyResult,
} from './slack/views/checkin-modal.js';
import {
  type Answer,
  checkinHistory,
  getPrompt,
  outboxRowsByKey,
  roundCheckins,
  saveAnswers,
} from './store/index.js';
import { postOwedSummaries } from './summaries.js';
import { roundFloor, workspaceTimeZone } from './team-settings.js';

/** The check-in form to show (what {@link checkinModal} draws), or why there is none. */
export type CheckinFormResult =
  | { kind: 'form'; form: CheckinModalModel }
  | { kind: 'info'; title: string; text: string };

async function ownerZone(ctx: AppContext, teamId: string, owner: string): Promise<string> {
  const person = await getPerson(ctx.db, teamId, owner);
  return effectiveTimeZone(person?.tz ?? null, await workspaceTimeZone(ctx.db, ctx, teamId));
}

/** The owner's prompt for a round: when it ends (in their zone) and whether it is still open; none: undefined. */
async function promptWindow(ctx: AppContext, teamId: string, owner: string, roundKey: string) {
  const prompt = await getPrompt(ctx.db, teamId, owner, roundKey);
  if (!prompt?.ends_at) return undefined;
  const zone = await ownerZone(ctx, teamId, owner);
  const now = ctx.now();
  const endsAt = new Date(prompt.ends_at);
  return { now, endsAt, zone, open: now.getTime() < endsAt.getTime() };
}

/** The owner's key results of active objectives whose quarter this round falls in. */
async function ownedKeyResults(
  ctx: AppContext,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<OwnedKeyResult[]> {
  const all = (await activeKeyResultsOf(ctx.db, teamId, [owner])).get(owner) ?? [];
  return all.filter((kr) => !kr.objective_quarter || roundInsideQuarter(kr.objective_quarter, roundKey));
}

type Closing = ModalKeyResult['closing'];

/**
 * At a quarter's closing check-in (this round is its last), a key result's closing part: its quarter, and
 * the score box for one without a baseline or target, starting at the score given so far.
 */
function closingPart(kr: OwnedKeyResult, round: { key: string; endsAt: Date }, zone: string): Closing {
  const quarter = kr.objective_quarter;
  if (!quarter || !isClosingRound(quarter, round, zone)) return undefined;
  if (!needsClosingScore(kr)) return { quarter };
  const given = kr.closing_score === null ? '' : formatScoreNumber(Number(kr.closing_score));
  return { quarter, score: { initial: given } };
}

/**
 * The key results on the form: unanswered first, then answered ones (to edit), at most
 * {@link MAX_KRS_PER_MODAL}; values start at this round's answer or the current value, confidence at this
 * round's answer or the previous round's.
 */
async function formKeyResults(
  ctx: AppContext,
  teamId: string,
  owner: string,
  roundKey: string,
  krs: OwnedKeyResult[],
  now: Date,
  closing: (kr: OwnedKeyResult) => Closing,
): Promise<{ keyResults: ModalKeyResult[]; editing: boolean }> {
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
    const c = closing(kr);
    return {
      ...toKeyResultView(kr),
      ...(c ? { closing: c } : {}),
      initialValue: formatPlainNumber(a ? a.value : kr.current),
      confidence: a?.confidence ?? previous.get(kr.id) ?? null,
      changed: a?.changed ?? null,
      blockers: a?.blockers ?? null,
      next: a?.next_focus ?? null,
    };
  });
  return { keyResults, editing: keyResults.some((k) => answers.has(k.id)) };
}

/**
 * The check-in form for an owner's round (see {@link formKeyResults}). A round that has closed, or an owner
 * with nothing left to check in, gets an explanation instead.
 */
export async function checkinForm(
  ctx: AppContext,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<CheckinFormResult> {
  const window = await promptWindow(ctx, teamId, owner, roundKey);
  if (!window) {
    return {
      kind: 'info',
      title: 'Check-in',
      text: `There is no check-in for you for ${roundLabel(roundKey)}.`,
    };
  }
  if (!window.open) {
    return {
      kind: 'info',
      title: 'Round closed',
      text: `The check-in for ${roundLabel(roundKey)} closed on ${localTimeLabel(window.endsAt, window.zone)}. Answer in the newer prompt in your DMs.`,
    };
  }
  const krs = await ownedKeyResults(ctx, teamId, owner, roundKey);
  if (krs.length === 0) {
    return {
      kind: 'info',
      title: 'Check-in',
      text: 'You have no key results of an active objective to check in on.',
    };
  }
  const round = { key: roundKey, endsAt: window.endsAt };
  const { keyResults, editing } = await formKeyResults(ctx, teamId, owner, roundKey, krs, window.now, (kr) =>
    closingPart(kr, round, window.zone),
  );
  return {
    kind: 'form',
    form: {
      roundKey,
      untilLabel: localTimeLabel(window.endsAt, window.zone),
      keyResults,
      totalOwned: krs.length,
      editing,
    },
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

/** The closing check-in's score of a key result that asks for one; undefined when it asks for none. */
function parseScore(
  id: string,
  closing: Closing,
  values: SubmittedValues,
  errors: Record<string, string>,
): { ok: boolean; score?: number } {
  if (!closing?.score) return { ok: true };
  const block = fieldBlockId(id, 'score');
  const parsed = parseClosingScore(values[block]?.value ?? '');
  if (parsed.ok) return { ok: true, score: parsed.score };
  errors[block] = parsed.error;
  return { ok: false };
}

/** The form's answers, or every problem keyed by its input's block id. */
function parseAnswers(
  onForm: string[],
  byId: Map<string, OwnedKeyResult>,
  values: SubmittedValues,
  closing: (kr: OwnedKeyResult) => Closing,
): { ok: true; answers: Answer[] } | { ok: false; errors: Record<string, string> } {
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
    const score = parseScore(id, closing(kr), values, errors);
    if (parsed.ok && confidence && score.ok) {
      answers.push({
        ...(score.score !== undefined ? { closingScore: score.score } : {}),
        keyResultId: id,
        value: parsed.value,
        confidence,
        changed: text(values[fieldBlockId(id, 'changed')]?.value),
        blockers: text(values[fieldBlockId(id, 'blockers')]?.value),
        nextFocus: text(values[fieldBlockId(id, 'next')]?.value),
      });
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, answers };
}

/** What the saved submission sends, from the owner, the round's earlier answers and where its messages landed. */
async function describeSubmission(
  ctx: AppContext,
  base: { teamId: string; owner: string; roundKey: string; untilLabel: string },
  owned: OwnedKeyResult[],
  answers: Answer[],
): Promise<Submission> {
  const { teamId, owner, roundKey } = base;
  const [person, earlier, sent] = await Promise.all([
    getPerson(ctx.db, teamId, owner),
    roundCheckins(ctx.db, teamId, owner, roundKey),
    outboxRowsByKey(ctx.db, [
      checkinKeys.prompt(teamId, owner, roundKey),
      checkinKeys.nudge(teamId, owner, roundKey),
    ]),
  ]);
  const answered = new Map(
    earlier.map((c) => [c.key_result_id, { value: c.value, confidence: c.confidence }]),
  );
  for (const a of answers) answered.set(a.keyResultId, { value: a.value, confidence: a.confidence });
  const help = checkinHelpRecipients({
    owner,
    managerId: person?.manager_slack_id ?? null,
    answers,
    keyResults: new Map(owned.map((k) => [k.id, k])),
  });
  return {
    ...base,
    ownerName: person?.name ?? owner,
    owned,
    answered,
    promptRow: sent.get(checkinKeys.prompt(teamId, owner, roundKey)),
    nudgeRow: sent.get(checkinKeys.nudge(teamId, owner, roundKey)),
    help,
  };
}

const refuse = (block: string, message: string): SubmitResult => ({
  ok: false,
  errors: { [block]: message },
});

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
  const window = await promptWindow(ctx, teamId, owner, meta.r);
  if (!window) return refuse(firstBlock, 'This check-in is not open for you.');
  const untilLabel = localTimeLabel(window.endsAt, window.zone);
  if (!window.open) {
    return refuse(firstBlock, `This round closed on ${untilLabel}; answer in the newer prompt in your DMs.`);
  }
  const owned = await ownedKeyResults(ctx, teamId, owner, meta.r);
  const byId = new Map(owned.map((k) => [k.id, k]));
  const onForm = meta.k.filter((id) => byId.has(id));
  if (onForm.length === 0) {
    return refuse(firstBlock, 'These key results were closed or handed over; there is nothing to save.');
  }
  const round = { key: meta.r, endsAt: window.endsAt };
  const parsed = parseAnswers(onForm, byId, values, (kr) => closingPart(kr, round, window.zone));
  if (!parsed.ok) return parsed;
  const { answers } = parsed;
  const submission = await describeSubmission(
    ctx,
    { teamId, owner, roundKey: meta.r, untilLabel },
    owned,
    answers,
  );
  const revision = await saveAnswers(
    ctx.db,
    { teamId, owner, roundKey: meta.r, answers },
    (r) => submissionMessages(submission, r),
    (r) => supersededKeys(submission, r),
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
