import {
  activeKeyResultsOf,
  isClosingRound,
  type OwnedKeyResult,
  parseQuarter,
  quarterEndDate,
} from '../../okrs/index.js';
import { listPeople, listTeams, type Person } from '../../people/index.js';
import type { AppContext } from '../../platform/context.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';
import { localTimeLabel } from '../domain/round-labels.js';
import { DEFAULT_SCHEDULE, effectiveTimeZone, promptDue, type Round } from '../domain/schedule/index.js';
import { toKeyResultView } from '../key-result-view.js';
import { checkinKeys } from '../keys.js';
import type { CheckinKeyResultView } from '../slack/views/checkin-format.js';
import { checkinPromptMessage } from '../slack/views/checkin-prompt.js';
import { lastPromptedRounds, type NewPrompt, ownerTeamCounts, recordPrompts } from '../store/index.js';
import { roundThreadOutgoing } from '../summaries.js';
import {
  checkinsStartOf,
  primaryTeams,
  roundFloor,
  type TeamSettings,
  teamSettings,
  workspaceTimeZone,
} from '../team-settings.js';
import type { CheckinJobOptions } from './options.js';

interface DueOwner {
  owner: string;
  name: string;
  teamKey: string | null;
  round: Round;
  timeZone: string;
}

type PromptReport = Record<'owners' | 'due' | 'prompted' | 'paused' | 'blocked' | 'threads', number>;

/** Owners whose round has started in their own zone and who were not prompted for it; counts who was skipped. */
async function dueOwners(
  ctx: AppContext,
  at: Date,
  options: CheckinJobOptions,
): Promise<{ due: DueOwner[]; teams: Map<string, TeamSettings>; report: PromptReport }> {
  const teamId = ctx.teamId;
  const [teamRows, counts, people, lastRounds, fallbackZone] = await Promise.all([
    listTeams(ctx.db, teamId),
    ownerTeamCounts(ctx.db, teamId),
    listPeople(ctx.db, teamId),
    lastPromptedRounds(ctx.db, teamId, roundFloor(at)),
    workspaceTimeZone(ctx.db, ctx, teamId),
  ]);
  const teams = teamSettings(teamRows, ctx.log);
  const primary = primaryTeams(counts);
  const starts = checkinsStartOf(counts, primary, teams);
  const personById = new Map<string, Person>(people.map((p) => [p.slack_id, p]));
  const report = { owners: primary.size, due: 0, prompted: 0, paused: 0, blocked: 0, threads: 0 };
  const due: DueOwner[] = [];
  for (const [owner, teamKey] of primary) {
    const person = personById.get(owner);
    if (person?.dm_blocked_reason) {
      report.blocked++;
      continue;
    }
    const schedule = (teamKey ? teams.get(teamKey)?.schedule : undefined) ?? DEFAULT_SCHEDULE;
    const timeZone = effectiveTimeZone(person?.tz ?? null, fallbackZone);
    const notBefore = starts.get(owner);
    const verdict = promptDue(
      schedule,
      timeZone,
      lastRounds.get(owner),
      at,
      person?.paused_until ?? undefined,
      {
        ...(options.quietHours !== undefined ? { quietHours: options.quietHours } : {}),
        ...(notBefore ? { notBefore } : {}),
      },
    );
    if (verdict.due)
      due.push({ owner, name: person?.name ?? owner, teamKey, round: verdict.round, timeZone });
    else if (verdict.reason.startsWith('paused')) report.paused++;
  }
  report.due = due.length;
  return { due, teams, report };
}

/** Key results as the prompt shows them, with the KPI alerts an active OKR folds into each. */
async function promptKeyResultViews(
  ctx: AppContext,
  keyResults: Map<string, OwnedKeyResult[]>,
  options: CheckinJobOptions,
): Promise<(kr: OwnedKeyResult) => CheckinKeyResultView> {
  const folded = new Map<string, string[]>();
  const allKrIds = [...keyResults.values()].flat().map((kr) => kr.id);
  for (const a of (await options.foldedAlerts?.(ctx.db, ctx.teamId, allKrIds)) ?? []) {
    folded.set(a.keyResultId, [...(folded.get(a.keyResultId) ?? []), `${a.kpiName}: ${a.detail}`]);
  }
  return (kr) => {
    const view = toKeyResultView(kr);
    const alerts = folded.get(kr.id);
    return alerts ? { ...view, kpiAlerts: alerts } : view;
  };
}

/**
 * Opens the round's thread in the channel of each prompted owner's primary team: the team whose schedule
 * the round is on. A key result of another team's objective does not open a thread there on this schedule;
 * that team's rounds follow its own schedule. `opened` holds the threads already queued by this run, so a
 * round streamed in chunks queues each team's thread once, before its first owner's prompt.
 */
async function openRoundThreads(
  ctx: AppContext,
  due: DueOwner[],
  keyResults: Map<string, OwnedKeyResult[]>,
  teams: Map<string, TeamSettings>,
  opened: Set<string>,
): Promise<number> {
  const teamId = ctx.teamId;
  const threads = new Map<string, OutgoingMessage>();
  for (const d of due) {
    const team = d.teamKey ? teams.get(d.teamKey) : undefined;
    if (!team || (keyResults.get(d.owner) ?? []).length === 0) continue;
    const key = checkinKeys.thread(teamId, team.key, d.round.key);
    if (opened.has(key)) continue;
    opened.add(key);
    const message = roundThreadOutgoing(teamId, team, d.round.key);
    if (message) threads.set(key, message);
  }
  return enqueueMessages(ctx.db, [...threads.values()], ctx.now());
}

/**
 * Quarter boundaries: no prompt for a quarter's key results starts after its last day (they wait to be
 * closed); the last round that starts inside the quarter is its closing check-in.
 */
function insideTheirQuarter(
  byOwner: Map<string, OwnedKeyResult[]>,
  due: DueOwner[],
): Map<string, OwnedKeyResult[]> {
  const roundOf = new Map(due.map((d) => [d.owner, d.round]));
  const out = new Map<string, OwnedKeyResult[]>();
  for (const [owner, krs] of byOwner) {
    const round = roundOf.get(owner);
    out.set(
      owner,
      krs.filter((kr) => {
        const q = kr.objective_quarter ? parseQuarter(kr.objective_quarter) : undefined;
        return !q || !round || round.key <= quarterEndDate(q);
      }),
    );
  }
  return out;
}

/**
 * What a round's prompts say about it that depends only on the round and the owner's time zone (the time
 * answers are open until, whether it closes a quarter): worked out once per zone in a run, not per owner.
 */
class RoundFacts {
  private readonly untilLabels = new Map<string, string>();
  private readonly closing = new Map<string, boolean>();

  untilLabel(d: DueOwner): string {
    const key = `${d.round.endsAt.getTime()}|${d.timeZone}`;
    let label = this.untilLabels.get(key);
    if (label === undefined) {
      label = localTimeLabel(d.round.endsAt, d.timeZone);
      this.untilLabels.set(key, label);
    }
    return label;
  }

  /** The quarter whose closing check-in this round is, when the next round starts after that quarter's last day. */
  closingQuarterOf(d: DueOwner, krs: OwnedKeyResult[]): string | undefined {
    return krs.map((kr) => kr.objective_quarter).find((q): q is string => !!q && this.isClosing(q, d));
  }

  private isClosing(quarter: string, d: DueOwner): boolean {
    const key = `${quarter}|${d.round.key}|${d.round.endsAt.getTime()}|${d.timeZone}`;
    let closing = this.closing.get(key);
    if (closing === undefined) {
      closing = isClosingRound(quarter, d.round, d.timeZone);
      this.closing.set(key, closing);
    }
    return closing;
  }
}

function promptMessage(
  teamId: string,
  d: DueOwner,
  keyResults: CheckinKeyResultView[],
  untilLabel: string,
  closingQuarter?: string,
): OutgoingMessage {
  return {
    teamId,
    dedupeKey: checkinKeys.prompt(teamId, d.owner, d.round.key),
    kind: 'checkin-prompt',
    method: 'chat.postMessage',
    target: d.owner,
    payload: {
      ...checkinPromptMessage({
        name: d.name,
        roundKey: d.round.key,
        keyResults,
        untilLabel,
        ...(closingQuarter ? { closingQuarter } : {}),
      }),
      unfurl_links: false,
    },
  };
}

/** Claims and queues one chunk of prompts; returns how many were new. */
async function recordPromptChunk(
  ctx: AppContext,
  chunk: DueOwner[],
  keyResults: Map<string, OwnedKeyResult[]>,
  view: (kr: OwnedKeyResult) => CheckinKeyResultView,
  facts: RoundFacts,
): Promise<number> {
  const teamId = ctx.teamId;
  const prompts: NewPrompt[] = [];
  const messages: OutgoingMessage[] = [];
  for (const d of chunk) {
    const krs = keyResults.get(d.owner) ?? [];
    if (krs.length === 0) continue; // the last objective closed since the owners were counted
    prompts.push({
      teamId,
      owner: d.owner,
      roundKey: d.round.key,
      teamKey: d.teamKey,
      startsAt: d.round.startsAt,
      endsAt: d.round.endsAt,
    });
    messages.push(
      promptMessage(teamId, d, krs.map(view), facts.untilLabel(d), facts.closingQuarterOf(d, krs)),
    );
  }
  return recordPrompts(ctx.db, prompts, messages, ctx.now());
}

/**
 * Queues this instant's check-in prompts: for every owner of an active key result whose round has started
 * in their own time zone and who was not prompted for it, one DM listing all their active key results.
 * Each prompt row and its message are written together, in chunks, with unique keys: a rerun, a second
 * scheduler or a restart after a crash queues only what is missing. People who are paused or who blocked
 * the bot are skipped. Each team's thread of the round is opened before its owners' prompts.
 */
export async function queueCheckinPrompts(
  ctx: AppContext,
  at: Date,
  options: CheckinJobOptions = {},
): Promise<Record<string, number>> {
  const { due, teams, report } = await dueOwners(ctx, at, options);
  // Streamed in chunks: each chunk's key results are read, its threads opened and its prompts queued
  // before the next chunk is read, so a 10,000-owner round is never held in memory at once.
  const chunkSize = options.chunkSize ?? 200;
  const opened = new Set<string>();
  const facts = new RoundFacts();
  for (let i = 0; i < due.length; i += chunkSize) {
    const chunk = due.slice(i, i + chunkSize);
    const keyResults = insideTheirQuarter(
      await activeKeyResultsOf(
        ctx.db,
        ctx.teamId,
        chunk.map((d) => d.owner),
      ),
      chunk,
    );
    const view = await promptKeyResultViews(ctx, keyResults, options);
    report.threads += await openRoundThreads(ctx, chunk, keyResults, teams, opened);
    report.prompted += await recordPromptChunk(ctx, chunk, keyResults, view, facts);
  }
  return report;
}
