import type { Kysely } from 'kysely';
import {
  createObjective,
  extractMeasures,
  formatQuarter,
  listObjectives,
  nextQuarter,
  parseQuarter,
  type Quarter,
  quarterEndDate,
  quarterOf,
  statusForNewObjective,
} from '../okrs/index.js';
import { ensurePerson, findTeamForChannel, getPerson, type Team } from '../people/index.js';
import { isValidTimeZone } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import type { OutgoingMessage } from '../platform/outbox/store.js';
import { finishedWords } from './domain/finished-words.js';
import {
  type DraftLint,
  type LintContext,
  lintDraft,
  lintKeyResult,
  lintObjective,
  type OkrType,
  splitPastedKeyResults,
} from './domain/lint/index.js';
import { draftSummaryMessage, keyResultOwnerMessage, type SavedDraft } from './slack/views/draft-messages.js';
import {
  type DraftMetadata,
  type DraftModalData,
  type DraftValues,
  MAX_KEY_RESULT_ROWS,
} from './slack/views/draft-modal.js';
import type { LintedLine } from './slack/views/lint-message.js';

/** The quarters a draft can be for: this one and the next. */
export function quartersOffered(now: Date, timeZone: string): string[] {
  const current = quarterOf(now, timeZone);
  return [formatQuarter(current), formatQuarter(nextQuarter(current))];
}

export function draftLintContext(
  values: Pick<DraftValues, 'quarter' | 'type'>,
  meta: Pick<DraftMetadata, 'k'>,
  now: Date,
): LintContext {
  return {
    quarter: parseQuarter(values.quarter) ?? quarterOf(now),
    okrType: values.type,
    today: now.toISOString().slice(0, 10),
    objectivesInQuarter: meta.k + 1,
  };
}

/** Lints what is in the modal now. Pure and fast: it runs on every keystroke. */
export function lintDraftValues(values: DraftValues, meta: DraftMetadata, now: Date): DraftLint {
  return lintDraft(
    { objective: values.objective, keyResults: values.keyResults.map((kr) => kr.text) },
    draftLintContext(values, meta, now),
  );
}

/** How many objectives the team of this channel already has in the quarter (asked once, when the modal opens). */
export async function objectivesInQuarter(
  ctx: AppContext,
  teamId: string,
  channelId: string,
  quarter: string,
): Promise<number> {
  const team = await findTeamForChannel(ctx.db, teamId, channelId);
  if (!team) return 0;
  return (
    await listObjectives(ctx.db, teamId, {
      quarter,
      teamKey: team.key,
      status: ['draft', 'planned', 'active'],
    })
  ).length;
}

/** The quarters offered for a draft, keeping the one already chosen even if it is no longer offered. */
function quartersFor(values: Pick<DraftValues, 'quarter'>, now: Date, timeZone: string): string[] {
  const quarters = quartersOffered(now, timeZone);
  if (values.quarter && !quarters.includes(values.quarter)) quarters.unshift(values.quarter);
  return quarters;
}

/** The modal redrawn for what is in it now: the quarters offered and the draft linted as it stands. */
export function draftModalData(ctx: AppContext, meta: DraftMetadata, values: DraftValues): DraftModalData {
  const now = ctx.now();
  const quarters = quartersFor(values, now, ctx.config.defaultTimeZone);
  return { meta, values, quarters, lint: lintDraftValues(values, meta, now) };
}

/**
 * The modal's live feedback after a keystroke in one field (a key-result row, or the objective), given what
 * `typedDraft` made of it. `now` judges that field's finished words only (see `finishedWords`), so the
 * feedback changes at word boundaries, not on every letter; the modal still carries the whole text. While a
 * word is being typed, `whenPaused` is the feedback on the whole text, to show when the person stops
 * typing. A pasted list split into rows is judged whole at once.
 */
export function typingFeedback(
  ctx: AppContext,
  typed: { meta: DraftMetadata; values: DraftValues; immediate: boolean },
  field: number | 'objective',
): { now: DraftModalData; whenPaused?: DraftModalData } {
  const { meta, values } = typed;
  const whole = draftModalData(ctx, meta, values);
  if (typed.immediate) return { now: whole };
  const text = field === 'objective' ? values.objective : (values.keyResults[field]?.text ?? '');
  const finished = finishedWords(text);
  if (finished === text) return { now: whole };
  const judged: DraftValues =
    field === 'objective'
      ? { ...values, objective: finished }
      : {
          ...values,
          keyResults: values.keyResults.map((r, i) => (i === field ? { ...r, text: finished } : r)),
        };
  return { now: { ...whole, lint: lintDraftValues(judged, meta, ctx.now()) }, whenPaused: whole };
}

/** "Add a key result": the modal with one more row, or `undefined` when it already has the most rows. */
export function addKeyResultRow(
  ctx: AppContext,
  meta: DraftMetadata,
  values: DraftValues,
): DraftModalData | undefined {
  if (meta.n >= MAX_KEY_RESULT_ROWS) return undefined;
  return draftModalData(ctx, { ...meta, n: meta.n + 1 }, values);
}

/**
 * What the modal holds after someone typed in it (in key-result row `row`, if it was a row). A list pasted
 * into a row fills that row and the ones after it (bumping the rows' revision, so Slack shows the split
 * text), and should be shown at once (`immediate`); any other typing is shown after a pause.
 */
export function typedDraft(
  meta: DraftMetadata,
  values: DraftValues,
  row: number | undefined,
): { meta: DraftMetadata; values: DraftValues; immediate: boolean } {
  if (row === undefined) return { meta, values, immediate: false };
  const pasted = splitPastedKeyResults(values.keyResults[row]?.text ?? '');
  if (pasted.length <= 1) return { meta, values, immediate: false };
  const owners = values.keyResults.map((r) => r.owner);
  const texts = [
    ...values.keyResults.slice(0, row).map((r) => r.text),
    ...pasted,
    ...values.keyResults
      .slice(row + 1)
      .map((r) => r.text)
      .filter((t) => t.trim()),
  ].slice(0, MAX_KEY_RESULT_ROWS);
  const keyResults = texts.map((text, i) => (owners[i] ? { text, owner: owners[i] } : { text }));
  return {
    meta: { ...meta, n: Math.max(meta.n, keyResults.length), r: meta.r + 1 },
    values: { ...values, keyResults },
    immediate: true,
  };
}

/**
 * `/okr draft [text]`: the new modal, for this quarter in the person's time zone. Text with several lines is
 * a pasted OKR: the first line is the objective, the rest are key results. In a channel, the team's
 * objectives already in the quarter are counted once, for the linter.
 */
export async function newDraft(
  ctx: AppContext,
  input: { teamId: string; userId: string; channelId: string; text: string },
): Promise<DraftModalData> {
  const now = ctx.now();
  const tz = (await getPerson(ctx.db, input.teamId, input.userId))?.tz;
  const quarters = quartersOffered(now, tz && isValidTimeZone(tz) ? tz : ctx.config.defaultTimeZone);
  const quarter = quarters[0]!;
  const inChannel = /^[CG]/.test(input.channelId);
  const [objective = '', ...krs] = input.text.includes('\n')
    ? splitPastedKeyResults(input.text)
    : [input.text];
  const values: DraftValues = {
    objective: objective.slice(0, 3000),
    type: 'committed',
    quarter,
    ...(inChannel ? { channel: input.channelId } : {}),
    keyResults: krs.slice(0, MAX_KEY_RESULT_ROWS).map((text) => ({ text: text.slice(0, 3000) })),
  };
  const k = inChannel ? await objectivesInQuarter(ctx, input.teamId, input.channelId, quarter) : 0;
  const meta = { c: input.channelId, n: Math.max(2, values.keyResults.length), r: 0, k };
  // Opened with its feedback, so the first keystroke changes nothing to read unless the verdict changes.
  return { meta, values, quarters, lint: lintDraftValues(values, meta, now) };
}

type SubmittedDraft = DraftValues & { type: OkrType };
type DraftRow = { text: string; owner: string };

/**
 * Stores a submitted draft (objective and key results, with baseline, target and unit read from the wording)
 * and queues the team-channel summary and one DM per key-result owner, all in one transaction: a failure
 * half-way leaves no objective, no key result, no new person and no message.
 */
export async function saveDraft(
  ctx: AppContext,
  teamId: string,
  author: string,
  values: SubmittedDraft,
  fallbackChannel: string,
): Promise<{ objectiveId: string; channel: string }> {
  const now = ctx.now();
  const channel = values.channel ?? fallbackChannel;
  const team = await findTeamForChannel(ctx.db, teamId, channel);
  // Rows without text are dropped; the submit listener has already checked every other row has an owner.
  const rows = values.keyResults.filter((kr) => kr.text.trim() !== '') as DraftRow[];
  const quarter = parseQuarter(values.quarter) ?? quarterOf(now);
  const objective = await ctx.db.transaction().execute(async (trx) => {
    for (const person of new Set([author, ...rows.map((r) => r.owner)]))
      await ensurePerson(trx, { teamId, slackId: person }, now);
    const stored = await storeDraft(trx, ctx, { teamId, team, author, values, rows, quarter }, now);
    const saved = savedDraft(author, stored.text, values.type, formatQuarter(quarter), rows, now);
    await ctx.outbox.enqueue(trx, draftAnnouncements(teamId, stored.id, channel, saved), now);
    return stored;
  });
  ctx.outbox.kick();
  return { objectiveId: objective.id, channel };
}

/** The objective and its key results, with the measures read from each key result's wording, in `trx`. */
async function storeDraft(
  trx: Kysely<Database>,
  ctx: AppContext,
  d: {
    teamId: string;
    team: Team | undefined;
    author: string;
    values: SubmittedDraft;
    rows: DraftRow[];
    quarter: Quarter;
  },
  now: Date,
) {
  const { objective } = await createObjective(
    trx,
    {
      teamId: d.teamId,
      teamKey: d.team?.key ?? null,
      quarter: formatQuarter(d.quarter),
      type: d.values.type,
      ownerSlackId: d.author,
      text: d.values.objective.trim(),
      // A later quarter's objective waits as planned; it becomes active (and prompted) when its quarter starts.
      status: statusForNewObjective(d.quarter, now, ctx.config.defaultTimeZone),
      createdBy: d.author,
      keyResults: d.rows.map((kr) => ({
        text: kr.text.trim(),
        ownerSlackId: kr.owner,
        ...extractMeasures(kr.text),
        dueDate: quarterEndDate(d.quarter),
      })),
    },
    now,
  );
  return objective;
}

/** The saved OKR as its messages show it, linted as saved. */
function savedDraft(
  author: string,
  objective: string,
  type: OkrType,
  quarterKey: string,
  rows: DraftRow[],
  now: Date,
): SavedDraft {
  return {
    author,
    objective,
    type,
    quarter: quarterKey,
    keyResults: rows.map((r) => ({ text: r.text.trim(), owner: r.owner })),
    lint: lintDraft(
      { objective, keyResults: rows.map((r) => r.text) },
      draftLintContext({ quarter: quarterKey, type }, { k: 0 }, now),
    ),
  };
}

/** The team-channel summary and one DM per key-result owner, each sent once. */
function draftAnnouncements(
  teamId: string,
  objectiveId: string,
  channel: string,
  saved: SavedDraft,
): OutgoingMessage[] {
  const owners = [...new Set(saved.keyResults.map((r) => r.owner))];
  return [
    {
      teamId,
      dedupeKey: `okr-summary:${objectiveId}`,
      kind: 'okr-summary',
      method: 'chat.postMessage',
      target: channel,
      payload: draftSummaryMessage(saved),
    },
    ...owners.map((owner) => ({
      teamId,
      dedupeKey: `okr-owner:${objectiveId}:${owner}`,
      kind: 'okr-owner',
      method: 'chat.postMessage' as const,
      target: owner,
      payload: keyResultOwnerMessage(saved, owner),
    })),
  ];
}

/** Lines `/okr lint` lints at most; the rest are counted, not linted. */
const MAX_LINT_LINES = 10;

/**
 * `/okr lint`: each line of the text linted on its own, as a key result, or as an objective when it starts
 * with `O:`. Returns at most ten lines' results and how many lines were left out.
 */
export function lintText(
  text: string,
  now: Date,
  timeZone: string,
): { results: LintedLine[]; omitted: number } {
  const lintCtx: LintContext = {
    quarter: quarterOf(now, timeZone),
    okrType: 'committed',
    today: now.toISOString().slice(0, 10),
  };
  const lines = splitPastedKeyResults(text);
  const results = lines
    .slice(0, MAX_LINT_LINES)
    .map((line) =>
      /^o:/i.test(line)
        ? ({ kind: 'objective', lint: lintObjective(line.slice(2).trim(), lintCtx) } as const)
        : ({ kind: 'key_result', lint: lintKeyResult(line, lintCtx) } as const),
    );
  return { results, omitted: Math.max(0, lines.length - MAX_LINT_LINES) };
}
