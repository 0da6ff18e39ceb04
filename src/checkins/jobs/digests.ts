import { noMovement } from '../../okrs/index.js';
import { listTeams } from '../../people/index.js';
import type { AppContext } from '../../platform/context.js';
import { enqueueMessages } from '../../platform/outbox/store.js';
import { claimJob, failJob, finishJob } from '../../platform/scheduler/claims.js';
import { digestDue } from '../domain/schedule/index.js';
import { checkinKeys } from '../keys.js';
import { checkinDigestMessage, type DigestData } from '../slack/views/checkin-channel.js';
import { type Checkin, digestData, jobStatuses, roundWindows, teamRoundEnds } from '../store/index.js';
import { roundFloor, type TeamSettings, teamSettings } from '../team-settings.js';

const NO_MOVEMENT_ROUNDS = 3;

type RoundWindow = Awaited<ReturnType<typeof roundWindows>>[number];

const sweepKey = (teamId: string, round: string) => `checkin-digests:${teamId}:${round}`;

/** Rounds that have closed for someone and were not yet swept (every team's digest out). */
async function unsweptRounds(ctx: AppContext, at: Date): Promise<RoundWindow[]> {
  const teamId = ctx.teamId;
  const nowIso = at.toISOString();
  const windows = (await roundWindows(ctx.db, teamId, roundFloor(at))).filter((w) => w.firstEnd <= nowIso);
  if (windows.length === 0) return [];
  const swept = await jobStatuses(
    ctx.db,
    windows.map((w) => sweepKey(teamId, w.roundKey)),
  );
  return windows.filter((w) => swept.get(sweepKey(teamId, w.roundKey)) !== 'done');
}

/**
 * Claims, builds and queues one team's digest for a round; a failure is recorded on the claim. Returns how
 * many messages were queued, or undefined when the digest is not out (claimed elsewhere, or failed).
 */
async function postTeamDigest(
  ctx: AppContext,
  team: TeamSettings,
  roundKey: string,
  endsAt: Date,
  at: Date,
): Promise<number | undefined> {
  const teamId = ctx.teamId;
  const key = checkinKeys.digest(teamId, team.key, roundKey);
  const claim = { jobKey: key, kind: 'checkin-digest', teamId, runAt: endsAt };
  if (!(await claimJob(ctx.db, claim, ctx.worker, ctx.now()))) return undefined;
  try {
    const message = await buildDigest(ctx, team, roundKey, at);
    const queued = await enqueueMessages(
      ctx.db,
      [
        {
          teamId,
          dedupeKey: key,
          kind: 'checkin-digest',
          method: 'chat.postMessage',
          target: team.channelId!,
          payload: { ...message, unfurl_links: false },
        },
      ],
      ctx.now(),
    );
    await finishJob(ctx.db, key, ctx.worker, ctx.now());
    return queued;
  } catch (error) {
    await failJob(ctx.db, key, ctx.worker, error instanceof Error ? error.message : String(error), ctx.now());
    return undefined;
  }
}

/** Every due team digest of one round; `settled` when each one is out. */
async function postRoundDigests(
  ctx: AppContext,
  w: RoundWindow,
  teams: Map<string, TeamSettings>,
  at: Date,
): Promise<{ digests: number; settled: boolean }> {
  const teamId = ctx.teamId;
  const ends = (await teamRoundEnds(ctx.db, teamId, w.roundKey)).filter(
    (e) => teams.get(e.teamKey)?.channelId,
  );
  const statuses = await jobStatuses(
    ctx.db,
    ends.map((e) => checkinKeys.digest(teamId, e.teamKey, w.roundKey)),
  );
  let digests = 0;
  let settled = true;
  for (const e of ends) {
    const done = statuses.get(checkinKeys.digest(teamId, e.teamKey, w.roundKey)) === 'done';
    const round = { key: w.roundKey, startsAt: at, endsAt: new Date(e.lastEnd) };
    if (!digestDue(round, at, done)) {
      if (!done) settled = false;
      continue;
    }
    const queued = await postTeamDigest(ctx, teams.get(e.teamKey)!, w.roundKey, round.endsAt, at);
    if (queued === undefined) settled = false;
    else digests += queued;
  }
  return { digests, settled };
}

/** Records the round as swept, so later ticks skip it. */
async function markRoundSwept(ctx: AppContext, w: RoundWindow): Promise<void> {
  const claim = {
    jobKey: sweepKey(ctx.teamId, w.roundKey),
    kind: 'checkin-digests',
    teamId: ctx.teamId,
    runAt: new Date(w.lastEnd),
  };
  if (await claimJob(ctx.db, claim, ctx.worker, ctx.now()))
    await finishJob(ctx.db, claim.jobKey, ctx.worker, ctx.now());
}

/**
 * Posts each team's digest when a round has closed for every owner in the team: who answered, confidence
 * changes, blockers, and key results that have not moved in three rounds. Each (team, round) digest is
 * claimed in `scheduled_jobs` before it is built, and its message has a unique key.
 */
export async function queueCheckinDigests(ctx: AppContext, at: Date): Promise<Record<string, number>> {
  const report = { digests: 0 };
  const open = await unsweptRounds(ctx, at);
  if (open.length === 0) return report;
  const teams = teamSettings(await listTeams(ctx.db, ctx.teamId), ctx.log);
  const nowIso = at.toISOString();
  for (const w of open) {
    const { digests, settled } = await postRoundDigests(ctx, w, teams, at);
    report.digests += digests;
    // Once the round has closed everywhere and every team's digest is out, later ticks skip the round.
    if (settled && w.lastEnd <= nowIso) await markRoundSwept(ctx, w);
  }
  return report;
}

async function buildDigest(ctx: AppContext, team: TeamSettings, roundKey: string, at: Date) {
  const data = await digestData(ctx.db, ctx.teamId, team.key, roundKey, roundFloor(at, 140));
  const owners = new Set(data.keyResults.map((k) => k.owner));
  const prompts = data.prompts.filter((p) => owners.has(p.owner));
  const byKr = new Map<string, Checkin[]>();
  for (const c of data.checkins) {
    const list = byKr.get(c.key_result_id) ?? [];
    list.push(c);
    byKr.set(c.key_result_id, list);
  }
  const prompted = new Set(prompts.map((p) => p.owner));
  const lastRounds = data.rounds.filter((r) => r <= roundKey).slice(-NO_MOVEMENT_ROUNDS);
  const digest: DigestData = {
    teamName: team.name,
    roundKey,
    answered: prompts.filter((p) => p.answeredAt).map((p) => ({ id: p.owner, name: p.name })),
    missing: prompts
      .filter((p) => !p.answeredAt)
      .map((p) => ({ id: p.owner, name: p.name, pausedUntil: p.pausedUntil })),
    confidenceChanges: [],
    blockers: [],
    noMovement: [],
    noMovementChecked: lastRounds.length === NO_MOVEMENT_ROUNDS,
  };
  for (const kr of data.keyResults) {
    if (!prompted.has(kr.owner)) continue;
    const history = byKr.get(kr.id) ?? [];
    const now = history.find((c) => c.round_key === roundKey);
    const before = history.filter((c) => c.round_key < roundKey).at(-1);
    if (now?.confidence && before?.confidence && now.confidence !== before.confidence) {
      digest.confidenceChanges.push({
        text: kr.text,
        owner: kr.owner,
        from: before.confidence,
        to: now.confidence,
      });
    }
    if (now?.blockers) digest.blockers.push({ text: kr.text, owner: kr.owner, blocker: now.blockers });
    if (lastRounds.length === NO_MOVEMENT_ROUNDS && kr.created_at.slice(0, 10) <= lastRounds[0]!) {
      const reference = history.filter((c) => c.round_key < lastRounds[0]!).at(-1)?.value ?? kr.baseline;
      const values = [
        reference,
        ...lastRounds.map((r) => history.find((c) => c.round_key === r)?.value ?? null),
      ];
      if (noMovement(values, NO_MOVEMENT_ROUNDS)) {
        digest.noMovement.push({ text: kr.text, owner: kr.owner, value: kr.current, unit: kr.unit });
      }
    }
  }
  return checkinDigestMessage(digest);
}
