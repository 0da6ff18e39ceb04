import { keyResultsByIds } from '../okrs/index.js';
import { listTeams, type Person, peopleByIds } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import type { OutboxMessage, OutgoingMessage } from '../platform/outbox/store.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { effectiveTimeZone, roundAt } from './domain/schedule/index.js';
import { toKeyResultView } from './key-result-view.js';
import { checkinKeys } from './keys.js';
import {
  checkinSummaryMessage,
  roundThreadMessage,
  type SummaryItem,
} from './slack/views/checkin-channel.js';
import {
  type CheckinPrompt,
  listOwedSummaries,
  outboxRowsByKey,
  recordSummary,
  roundCheckins,
} from './store/index.js';
import { roundFloor, type TeamSettings, teamSettings, workspaceTimeZone } from './team-settings.js';

/** The post that opens a team's thread for a round (queued once per team and round). */
export function roundThreadOutgoing(
  teamId: string,
  team: TeamSettings,
  roundKey: string,
): OutgoingMessage | undefined {
  if (!team.channelId) return undefined;
  return {
    teamId,
    dedupeKey: checkinKeys.thread(teamId, team.key, roundKey),
    kind: 'checkin-thread',
    method: 'chat.postMessage',
    target: team.channelId,
    payload: { ...roundThreadMessage({ teamName: team.name, roundKey }), unfurl_links: false },
  };
}

/** A prompt's answers, grouped by the team of each key result's (active) objective. */
async function summaryItemsByTeam(
  ctx: AppContext,
  teamId: string,
  prompt: CheckinPrompt,
): Promise<Map<string, SummaryItem[]>> {
  const answers = await roundCheckins(ctx.db, teamId, prompt.owner_slack_id, prompt.round_key);
  const krs = await keyResultsByIds(
    ctx.db,
    answers.map((a) => a.key_result_id),
  );
  const byTeam = new Map<string, SummaryItem[]>();
  for (const a of answers) {
    const kr = krs.get(a.key_result_id);
    if (kr?.objective_status !== 'active' || !kr.objective_team_key) continue;
    const list = byTeam.get(kr.objective_team_key) ?? [];
    list.push({ ...toKeyResultView(kr), value: a.value, confidence: a.confidence, blockers: a.blockers });
    byTeam.set(kr.objective_team_key, list);
  }
  return byTeam;
}

interface SummaryTarget {
  teamId: string;
  team: TeamSettings;
  prompt: CheckinPrompt;
  person: Person | undefined;
  items: SummaryItem[];
  /** The team's round the reply belongs to: the prompt's own, or the other team's on its own schedule. */
  roundKey: string;
  /** Whether a missing thread may be opened (only on the team's own schedule: the prompt's team). */
  mayOpen: boolean;
}

/**
 * Where a prompt's answers about one team's key results are summarised: the prompt's own round for the team
 * whose schedule it is on; for another team's objective, that team's round (on its own schedule) in which
 * the owner answered, in a thread that team's own round opened. Never a thread on the other schedule.
 */
function summaryRound(
  team: TeamSettings,
  prompt: CheckinPrompt,
  zone: string,
  at: Date,
): { roundKey: string; mayOpen: boolean } | undefined {
  if (team.key === prompt.team_key) return { roundKey: prompt.round_key, mayOpen: true };
  const answered = prompt.answered_at ? new Date(prompt.answered_at) : at;
  const round = roundAt(team.schedule, zone, answered);
  return round ? { roundKey: round.key, mayOpen: false } : undefined;
}

/**
 * The summary reply in one team's round thread. No thread in the outbox yet: its opening post is queued and
 * the summary waits; a thread the bot could not post: nothing to reply to.
 */
async function threadReply(
  ctx: AppContext,
  t: SummaryTarget,
  parent: OutboxMessage | undefined,
): Promise<{ waiting: true } | { waiting: false; message?: OutgoingMessage }> {
  const { teamId, team, prompt } = t;
  if (!parent) {
    if (!t.mayOpen) return { waiting: false }; // that team has no round of its own open: nothing to reply to
    const opening = roundThreadOutgoing(teamId, team, t.roundKey);
    if (opening) await enqueueMessages(ctx.db, [opening], ctx.now());
    return { waiting: true };
  }
  if (parent.status === 'skipped') return { waiting: false }; // the bot cannot post in that channel
  if (parent.status !== 'sent' || !parent.result_ts) return { waiting: true };
  const message: OutgoingMessage = {
    teamId,
    dedupeKey: checkinKeys.summary(
      teamId,
      team.key,
      prompt.owner_slack_id,
      prompt.round_key,
      prompt.revision,
    ),
    kind: 'checkin-summary',
    method: 'chat.postMessage',
    target: parent.result_channel ?? team.channelId!,
    payload: {
      ...checkinSummaryMessage({
        ownerId: prompt.owner_slack_id,
        name: t.person?.name ?? prompt.owner_slack_id,
        edited: prompt.revision > 1,
        items: t.items,
      }),
      thread_ts: parent.result_ts,
    },
  };
  return { waiting: false, message };
}

/** Summarises one answered prompt in its team threads; false when a thread is not in Slack yet. */
async function summarise(
  ctx: AppContext,
  teamId: string,
  prompt: CheckinPrompt,
  teams: Map<string, TeamSettings>,
  person: Person | undefined,
  zone: string,
  at: Date,
): Promise<boolean> {
  const byTeam = await summaryItemsByTeam(ctx, teamId, prompt);
  const targets = [...byTeam.keys()].flatMap((key) => {
    const team = teams.get(key);
    const round = team?.channelId ? summaryRound(team, prompt, zone, at) : undefined;
    return team && round ? [{ team, ...round }] : [];
  });
  const parents = await outboxRowsByKey(
    ctx.db,
    targets.map((t) => checkinKeys.thread(teamId, t.team.key, t.roundKey)),
  );
  const messages: OutgoingMessage[] = [];
  let ready = true;
  for (const { team, roundKey, mayOpen } of targets) {
    const parent = parents.get(checkinKeys.thread(teamId, team.key, roundKey));
    const items = byTeam.get(team.key) ?? [];
    const reply = await threadReply(ctx, { teamId, team, prompt, person, items, roundKey, mayOpen }, parent);
    if (reply.waiting) ready = false;
    else if (reply.message) messages.push(reply.message);
  }
  if (!ready) return false;
  await recordSummary(
    ctx.db,
    { teamId, owner: prompt.owner_slack_id, roundKey: prompt.round_key, revision: prompt.revision },
    messages,
    ctx.now(),
  );
  return true;
}

/**
 * Posts a short summary of each answered check-in in the round thread of every team whose objectives it
 * covers (one reply per submission; an edit adds an "updated" reply). A thread whose opening post is not in
 * Slack yet is queued (if missing) and the summary waits for a later call; the tick's job retries.
 */
export async function postOwedSummaries(
  ctx: AppContext,
  teamId: string,
  at: Date,
  only?: { owner: string; roundKey: string },
): Promise<{ summarised: number; waiting: number }> {
  const owed = await listOwedSummaries(ctx.db, teamId, roundFloor(at), only);
  if (owed.length === 0) return { summarised: 0, waiting: 0 };
  const [teamRows, people, fallbackZone] = await Promise.all([
    listTeams(ctx.db, teamId),
    peopleByIds(
      ctx.db,
      teamId,
      owed.map((p) => p.owner_slack_id),
    ),
    workspaceTimeZone(ctx.db, ctx, teamId),
  ]);
  const teams = teamSettings(teamRows, ctx.log);
  let summarised = 0;
  let waiting = 0;
  for (const prompt of owed) {
    const person = people.get(prompt.owner_slack_id);
    const zone = effectiveTimeZone(person?.tz ?? null, fallbackZone);
    if (await summarise(ctx, teamId, prompt, teams, person, zone, at)) summarised++;
    else waiting++;
  }
  return { summarised, waiting };
}
