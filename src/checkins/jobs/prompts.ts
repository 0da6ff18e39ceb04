import { activeKeyResultsOf } from '../../okrs/index.js';
import { listPeople, listTeams } from '../../people/index.js';
import type { AppContext } from '../../platform/context.js';
import { enqueueMessages, type OutgoingMessage } from '../../platform/outbox/store.js';
import { localTimeLabel } from '../domain/round-labels.js';
import { DEFAULT_SCHEDULE, effectiveTimeZone, promptDue, type Round } from '../domain/schedule/index.js';
import { checkinKeys } from '../keys.js';
import { checkinPromptMessage } from '../slack/views/checkin-prompt.js';
import { lastPromptedRounds, type NewPrompt, ownerTeamCounts, recordPrompts } from '../store.js';
import { roundThreadOutgoing, toKeyResultView } from '../summaries.js';
import { primaryTeams, roundFloor, teamSettings, workspaceTimeZone } from '../team-settings.js';
import type { CheckinJobOptions } from './options.js';

interface DueOwner {
  owner: string;
  name: string;
  teamKey: string | null;
  round: Round;
  timeZone: string;
}

/**
 * Queues this instant's check-in prompts: for every owner of an active key result whose round has started
 * in their own time zone and who was not prompted for it, one DM listing all their active key results.
 * Each prompt row and its message are written together, in chunks, with unique keys: a rerun, a second
 * scheduler or a restart after a crash queues only what is missing. People who are paused or who blocked
 * the bot are skipped. The team threads of the round are opened first.
 */
export async function queueCheckinPrompts(
  ctx: AppContext,
  at: Date,
  options: CheckinJobOptions = {},
): Promise<Record<string, number>> {
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
  const personById = new Map(people.map((p) => [p.slack_id, p]));
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
    const verdict = promptDue(
      schedule,
      timeZone,
      lastRounds.get(owner),
      at,
      person?.paused_until ?? undefined,
      {
        ...(options.quietHours !== undefined ? { quietHours: options.quietHours } : {}),
      },
    );
    if (verdict.due)
      due.push({ owner, name: person?.name ?? owner, teamKey, round: verdict.round, timeZone });
    else if (verdict.reason.startsWith('paused')) report.paused++;
  }
  report.due = due.length;
  if (due.length === 0) return report;

  const keyResults = await activeKeyResultsOf(
    ctx.db,
    teamId,
    due.map((d) => d.owner),
  );

  // KPI alerts that an active OKR folds into its key result's check-in are shown with that key result.
  const folded = new Map<string, string[]>();
  const allKrIds = [...keyResults.values()].flat().map((kr) => kr.id);
  for (const a of (await options.foldedAlerts?.(ctx.db, teamId, allKrIds)) ?? []) {
    folded.set(a.keyResultId, [...(folded.get(a.keyResultId) ?? []), `${a.kpiName}: ${a.detail}`]);
  }
  const withAlerts = (kr: Parameters<typeof toKeyResultView>[0]) => {
    const view = toKeyResultView(kr);
    const alerts = folded.get(kr.id);
    return alerts ? { ...view, kpiAlerts: alerts } : view;
  };

  // Open the round's thread in every team channel these prompts' key results belong to.
  const threads = new Map<string, OutgoingMessage>();
  for (const d of due) {
    for (const kr of keyResults.get(d.owner) ?? []) {
      const team = kr.objective_team_key ? teams.get(kr.objective_team_key) : undefined;
      if (!team) continue;
      const key = checkinKeys.thread(teamId, team.key, d.round.key);
      if (threads.has(key)) continue;
      const message = roundThreadOutgoing(teamId, team, d.round.key);
      if (message) threads.set(key, message);
    }
  }
  report.threads = await enqueueMessages(ctx.db, [...threads.values()], ctx.now());

  const chunkSize = options.chunkSize ?? 200;
  for (let i = 0; i < due.length; i += chunkSize) {
    const prompts: NewPrompt[] = [];
    const messages: OutgoingMessage[] = [];
    for (const d of due.slice(i, i + chunkSize)) {
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
      messages.push({
        teamId,
        dedupeKey: checkinKeys.prompt(teamId, d.owner, d.round.key),
        kind: 'checkin-prompt',
        method: 'chat.postMessage',
        target: d.owner,
        payload: {
          ...checkinPromptMessage({
            name: d.name,
            roundKey: d.round.key,
            keyResults: krs.map(withAlerts),
            untilLabel: localTimeLabel(d.round.endsAt, d.timeZone),
          }),
          unfurl_links: false,
        },
      });
    }
    report.prompted += await recordPrompts(ctx.db, prompts, messages, ctx.now());
  }
  return report;
}
