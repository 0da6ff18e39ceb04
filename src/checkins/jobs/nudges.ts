import { listTeams } from '../../people/index.js';
import type { AppContext } from '../../platform/context.js';
import type { OutgoingMessage } from '../../platform/outbox/store.js';
import { localTimeLabel } from '../domain/round-labels.js';
import { effectiveTimeZone, nudgeDue } from '../domain/schedule/index.js';
import { checkinKeys } from '../keys.js';
import { checkinNudgeMessage } from '../slack/views/checkin-prompt.js';
import {
  listNudgeCandidates,
  type NudgeCandidate,
  ownerTeamCounts,
  recordNudges,
  syncPromptDelivery,
} from '../store/index.js';
import { roundFloor, type TeamSettings, teamSettings, workspaceTimeZone } from '../team-settings.js';
import type { CheckinJobOptions } from './options.js';

type DueNudge = NudgeCandidate & { timeZone: string };

interface NudgeRules {
  teams: Map<string, TeamSettings>;
  /** Active key results per owner. */
  krCount: Map<string, number>;
  fallbackZone: string;
  options: CheckinJobOptions;
}

/** What deciding the candidates' reminders needs: the teams' waits, the owners' key results, the zone. */
async function nudgeRules(
  ctx: AppContext,
  candidates: NudgeCandidate[],
  options: CheckinJobOptions,
): Promise<NudgeRules> {
  const teamId = ctx.teamId;
  const [teamRows, counts, fallbackZone] = await Promise.all([
    listTeams(ctx.db, teamId),
    ownerTeamCounts(
      ctx.db,
      teamId,
      candidates.map((c) => c.owner_slack_id),
    ),
    workspaceTimeZone(ctx.db, ctx, teamId),
  ]);
  const teams = teamSettings(teamRows, ctx.log, options.nudgeAfterHours);
  const krCount = new Map<string, number>();
  for (const c of counts) krCount.set(c.owner, (krCount.get(c.owner) ?? 0) + c.count);
  return { teams, krCount, fallbackZone, options };
}

/** Candidates whose reminder is due at `at`, by round. */
function dueNudgesByRound(
  candidates: NudgeCandidate[],
  rules: NudgeRules,
  at: Date,
): Map<string, DueNudge[]> {
  const { teams, krCount, fallbackZone, options } = rules;
  const dueByRound = new Map<string, DueNudge[]>();
  for (const c of candidates) {
    if (c.dm_blocked_reason || !c.sent_at || !c.ends_at || !krCount.get(c.owner_slack_id)) continue;
    const timeZone = effectiveTimeZone(c.tz, fallbackZone);
    const verdict = nudgeDue({
      promptSentAt: new Date(c.sent_at),
      round: { key: c.round_key, startsAt: new Date(c.starts_at ?? c.sent_at), endsAt: new Date(c.ends_at) },
      answered: false,
      nudged: false,
      ...(c.paused_until ? { pausedUntil: c.paused_until } : {}),
      timeZone,
      now: at,
      afterHours:
        (c.team_key ? teams.get(c.team_key)?.nudgeAfterHours : undefined) ?? options.nudgeAfterHours,
      ...(options.nudgeQuietHours ? { quietHours: options.nudgeQuietHours } : {}),
    });
    if (!verdict.due) continue;
    const list = dueByRound.get(c.round_key) ?? [];
    list.push({ ...c, timeZone });
    dueByRound.set(c.round_key, list);
  }
  return dueByRound;
}

function nudgeMessage(
  teamId: string,
  roundKey: string,
  c: DueNudge,
  keyResultCount: number,
): OutgoingMessage {
  return {
    teamId,
    dedupeKey: checkinKeys.nudge(teamId, c.owner_slack_id, roundKey),
    kind: 'checkin-nudge',
    method: 'chat.postMessage',
    target: c.owner_slack_id,
    payload: {
      ...checkinNudgeMessage({
        roundKey,
        keyResultCount,
        untilLabel: localTimeLabel(new Date(c.ends_at!), c.timeZone),
      }),
    },
  };
}

/**
 * Queues the one reminder of each delivered, unanswered prompt once its team's wait (default 48 hours) has
 * passed, never in the owner's local night, never to someone paused, blocked, or whose key results all
 * closed. Claiming the reminder (`nudged_at`) and queueing it happen in one transaction, so it goes out
 * once whatever the number of schedulers.
 */
export async function queueCheckinNudges(
  ctx: AppContext,
  at: Date,
  options: CheckinJobOptions = {},
): Promise<Record<string, number>> {
  const teamId = ctx.teamId;
  const floor = roundFloor(at);
  await syncPromptDelivery(ctx.db, teamId, floor);
  const candidates = await listNudgeCandidates(ctx.db, teamId, floor, at);
  const report = { waiting: candidates.length, nudged: 0 };
  if (candidates.length === 0) return report;

  const rules = await nudgeRules(ctx, candidates, options);
  for (const [roundKey, list] of dueNudgesByRound(candidates, rules, at)) {
    const byOwner = new Map(list.map((c) => [c.owner_slack_id, c]));
    const nudged = await recordNudges(
      ctx.db,
      teamId,
      roundKey,
      [...byOwner.keys()],
      (owner) => nudgeMessage(teamId, roundKey, byOwner.get(owner)!, rules.krCount.get(owner) ?? 0),
      ctx.now(),
    );
    report.nudged += nudged.length;
  }
  return report;
}
