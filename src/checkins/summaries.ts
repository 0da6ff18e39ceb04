import type { OwnedKeyResult } from '../okrs/index.js';
import { listTeams } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import type { OutgoingMessage } from '../platform/outbox/store.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { checkinKeys } from './keys.js';
import {
  checkinSummaryMessage,
  roundThreadMessage,
  type SummaryItem,
} from './slack/views/checkin-channel.js';
import type { CheckinKeyResultView } from './slack/views/checkin-format.js';
import {
  checkinPeopleByIds,
  keyResultsByIds,
  listOwedSummaries,
  outboxRowsByKey,
  recordSummary,
  roundCheckins,
} from './store.js';
import { roundFloor, type TeamSettings, teamSettings } from './team-settings.js';

export function toKeyResultView(kr: OwnedKeyResult): CheckinKeyResultView {
  return {
    id: kr.id,
    text: kr.text,
    objective: kr.objective_text,
    unit: kr.unit,
    baseline: kr.baseline,
    target: kr.target,
    current: kr.current,
    direction: kr.direction,
  };
}

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
  const teams = teamSettings(await listTeams(ctx.db, teamId), ctx.log);
  const people = await checkinPeopleByIds(
    ctx.db,
    teamId,
    owed.map((p) => p.owner_slack_id),
  );
  let summarised = 0;
  let waiting = 0;
  for (const prompt of owed) {
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
    const targets = [...byTeam.keys()].flatMap((key) => {
      const team = teams.get(key);
      return team?.channelId ? [team] : [];
    });
    const parents = await outboxRowsByKey(
      ctx.db,
      targets.map((t) => checkinKeys.thread(teamId, t.key, prompt.round_key)),
    );
    const messages: OutgoingMessage[] = [];
    let ready = true;
    for (const team of targets) {
      const parent = parents.get(checkinKeys.thread(teamId, team.key, prompt.round_key));
      if (!parent) {
        const opening = roundThreadOutgoing(teamId, team, prompt.round_key);
        if (opening) await enqueueMessages(ctx.db, [opening], ctx.now());
        ready = false;
        continue;
      }
      if (parent.status === 'skipped') continue; // the bot cannot post in that channel; nothing to reply to
      if (parent.status !== 'sent' || !parent.result_ts) {
        ready = false;
        continue;
      }
      const person = people.get(prompt.owner_slack_id);
      messages.push({
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
            name: person?.name ?? prompt.owner_slack_id,
            edited: prompt.revision > 1,
            items: byTeam.get(team.key) ?? [],
          }),
          thread_ts: parent.result_ts,
        },
      });
    }
    if (!ready) {
      waiting++;
      continue;
    }
    await recordSummary(
      ctx.db,
      { teamId, owner: prompt.owner_slack_id, roundKey: prompt.round_key, revision: prompt.revision },
      messages,
      ctx.now(),
    );
    summarised++;
  }
  return { summarised, waiting };
}
