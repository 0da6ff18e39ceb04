import {
  createObjective,
  extractMeasures,
  formatQuarter,
  listObjectives,
  nextQuarter,
  parseQuarter,
  quarterEndDate,
  quarterOf,
} from '../okrs/index.js';
import { ensurePerson, findTeamForChannel } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { type DraftLint, type LintContext, lintDraft, type OkrType } from './domain/lint/index.js';
import { draftSummaryMessage, keyResultOwnerMessage, type SavedDraft } from './slack/views/draft-messages.js';
import type { DraftMetadata, DraftValues } from './slack/views/draft-modal.js';

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
  return (await listObjectives(ctx.db, teamId, { quarter, teamKey: team.key, status: ['draft', 'active'] }))
    .length;
}

/**
 * Stores a submitted draft (objective and key results in one transaction, with baseline, target and unit
 * read from the wording), then queues the team-channel summary and one DM per key-result owner.
 */
export async function saveDraft(
  ctx: AppContext,
  teamId: string,
  author: string,
  values: DraftValues & { type: OkrType },
  fallbackChannel: string,
): Promise<{ objectiveId: string; channel: string }> {
  const now = ctx.now();
  const channel = values.channel ?? fallbackChannel;
  const team = await findTeamForChannel(ctx.db, teamId, channel);
  const rows = values.keyResults.filter((kr) => kr.text.trim() !== '') as Array<{
    text: string;
    owner: string;
  }>;
  const quarter = parseQuarter(values.quarter) ?? quarterOf(now);
  const quarterKey = formatQuarter(quarter);
  for (const person of new Set([author, ...rows.map((r) => r.owner)]))
    await ensurePerson(ctx.db, { teamId, slackId: person }, now);
  const { objective } = await createObjective(
    ctx.db,
    {
      teamId,
      teamKey: team?.key ?? null,
      quarter: quarterKey,
      type: values.type,
      ownerSlackId: author,
      text: values.objective.trim(),
      status: 'active',
      createdBy: author,
      keyResults: rows.map((kr) => ({
        text: kr.text.trim(),
        ownerSlackId: kr.owner,
        ...extractMeasures(kr.text),
        dueDate: quarterEndDate(quarter),
      })),
    },
    now,
  );
  const saved: SavedDraft = {
    author,
    objective: objective.text,
    type: values.type,
    quarter: quarterKey,
    keyResults: rows.map((r) => ({ text: r.text.trim(), owner: r.owner })),
    lint: lintDraft(
      { objective: objective.text, keyResults: rows.map((r) => r.text) },
      draftLintContext({ quarter: quarterKey, type: values.type }, { k: 0 }, now),
    ),
  };
  const owners = [...new Set(rows.map((r) => r.owner))];
  await enqueueMessages(
    ctx.db,
    [
      {
        teamId,
        dedupeKey: `okr-summary:${objective.id}`,
        kind: 'okr-summary',
        method: 'chat.postMessage',
        target: channel,
        payload: draftSummaryMessage(saved),
      },
      ...owners.map((owner) => ({
        teamId,
        dedupeKey: `okr-owner:${objective.id}:${owner}`,
        kind: 'okr-owner',
        method: 'chat.postMessage' as const,
        target: owner,
        payload: keyResultOwnerMessage(saved, owner),
      })),
    ],
    now,
  );
  ctx.outbox.kick();
  return { objectiveId: objective.id, channel };
}
