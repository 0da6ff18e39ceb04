import type { Kysely } from 'kysely';
import { getWorkspace, type Team } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import type { Database } from '../platform/db/schema.js';
import {
  type CheckinSchedule,
  DEFAULT_NUDGE_AFTER_HOURS,
  DEFAULT_SCHEDULE,
  effectiveTimeZone,
  parseSchedule,
} from './domain/schedule/index.js';
import { isoDateOf, MS_PER_DAY } from './domain/schedule/local-time.js';

/** How far back a tick looks for rounds: longer than a biweekly round plus the digest's history. */
export const ROUND_LOOKBACK_DAYS = 40;

/** The oldest round key a tick cares about at `at`. */
export function roundFloor(at: Date, days = ROUND_LOOKBACK_DAYS): string {
  return isoDateOf(Math.floor((at.getTime() - days * MS_PER_DAY) / MS_PER_DAY));
}

export interface TeamSettings {
  key: string;
  name: string;
  channelId: string | null;
  schedule: CheckinSchedule;
  nudgeAfterHours: number;
  /** When the team was created or first imported: its rounds begin at the first slot after it. */
  createdAt: string;
}

/** Each team's check-in settings; a team whose stored schedule is invalid falls back to the default (logged). */
export function teamSettings(
  teams: Team[],
  log: AppContext['log'],
  defaultNudgeHours = DEFAULT_NUDGE_AFTER_HOURS,
): Map<string, TeamSettings> {
  const out = new Map<string, TeamSettings>();
  for (const t of teams) {
    const parsed = parseSchedule({ day: t.checkin_day, time: t.checkin_time, cadence: t.checkin_cadence });
    if (!parsed.ok) log.warn(`team ${t.key}: ${parsed.errors.join('; ')}; using Monday 10:00 weekly`);
    const hours = t.checkin_nudge_hours;
    out.set(t.key, {
      key: t.key,
      name: t.name,
      channelId: t.channel_id,
      schedule: parsed.ok ? parsed.schedule : DEFAULT_SCHEDULE,
      nudgeAfterHours: hours !== null && hours !== undefined && hours > 0 ? hours : defaultNudgeHours,
      createdAt: t.created_at,
    });
  }
  return out;
}

/**
 * The team whose schedule an owner follows: the one holding most of their active key results (ties: the
 * first key in order; key results without a team count last). One owner, one schedule, one prompt a round.
 */
export function primaryTeams(
  counts: Array<{ owner: string; teamKey: string | null; count: number }>,
): Map<string, string | null> {
  const best = new Map<string, { teamKey: string | null; count: number }>();
  for (const c of counts) {
    const cur = best.get(c.owner);
    const better =
      !cur ||
      (c.teamKey !== null && cur.teamKey === null) ||
      (c.teamKey !== null && c.count > cur.count) ||
      (c.teamKey !== null && cur.teamKey !== null && c.count === cur.count && c.teamKey < cur.teamKey);
    if (better) best.set(c.owner, { teamKey: c.teamKey, count: c.count });
  }
  return new Map([...best].map(([owner, v]) => [owner, v.teamKey]));
}

/**
 * When each owner's check-ins begin: the later of when their primary team was created and when its first
 * active key result was (for an owner whose key results have no team: their own first one). The first round
 * is the first slot at or after it, so a team imported mid-cycle is never asked about a round already under way.
 */
export function checkinsStartOf(
  counts: Array<{ owner: string; teamKey: string | null; firstCreatedAt: string }>,
  primary: Map<string, string | null>,
  teams: Map<string, Pick<TeamSettings, 'createdAt'>>,
): Map<string, Date> {
  const firstByTeam = new Map<string, string>();
  const firstTeamless = new Map<string, string>();
  for (const c of counts) {
    const map = c.teamKey === null ? firstTeamless : firstByTeam;
    const key = c.teamKey ?? c.owner;
    const cur = map.get(key);
    if (cur === undefined || c.firstCreatedAt < cur) map.set(key, c.firstCreatedAt);
  }
  const out = new Map<string, Date>();
  for (const [owner, teamKey] of primary) {
    const firstKr = teamKey === null ? firstTeamless.get(owner) : firstByTeam.get(teamKey);
    const created = teamKey === null ? undefined : teams.get(teamKey)?.createdAt;
    const times = [firstKr, created].flatMap((t) => {
      const ms = t === undefined ? Number.NaN : Date.parse(t);
      return Number.isFinite(ms) ? [ms] : [];
    });
    if (times.length > 0) out.set(owner, new Date(Math.max(...times)));
  }
  return out;
}

/** The zone for people whose own is unknown: the workspace's, else DEFAULT_TIME_ZONE. */
export async function workspaceTimeZone(
  db: Kysely<Database>,
  ctx: Pick<AppContext, 'teamId' | 'config'>,
  teamId: string,
): Promise<string> {
  const ws = await getWorkspace(db, teamId);
  return effectiveTimeZone(ws?.default_time_zone ?? null, ctx.config.defaultTimeZone);
}
