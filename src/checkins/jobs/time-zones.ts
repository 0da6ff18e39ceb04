import { listTeams, type Person, recordTimeZoneChecks } from '../../people/index.js';
import type { AppContext } from '../../platform/context.js';
import { classifySlackError } from '../../platform/slack/slack-api.js';
import { DEFAULT_SCHEDULE, effectiveTimeZone, isValidTimeZone, roundAt } from '../domain/schedule/index.js';
import { lastPromptedRounds, ownersWithStaleTimeZones, ownerTeamCounts } from '../store/index.js';
import { primaryTeams, roundFloor, teamSettings, workspaceTimeZone } from '../team-settings.js';
import type { CheckinJobOptions } from './options.js';

const HOUR_MS = 3_600_000;
/** Owners whose next prompt is this close are refreshed first. */
const SOON_MS = 3 * HOUR_MS;

type ZoneCheck = { slackId: string; tz: string | null };

/** Stale people, those whose prompt is due now or soon first, then the longest unchecked; at most `limit`. */
async function rankForRefresh(ctx: AppContext, stale: Person[], at: Date, limit: number): Promise<Person[]> {
  const teamId = ctx.teamId;
  const [teamRows, counts, lastRounds, fallbackZone] = await Promise.all([
    listTeams(ctx.db, teamId),
    ownerTeamCounts(
      ctx.db,
      teamId,
      stale.map((p) => p.slack_id),
    ),
    lastPromptedRounds(ctx.db, teamId, roundFloor(at)),
    workspaceTimeZone(ctx.db, ctx, teamId),
  ]);
  const teams = teamSettings(teamRows, ctx.log);
  const primary = primaryTeams(counts);
  return stale
    .map((p) => {
      const teamKey = primary.get(p.slack_id);
      const schedule = (teamKey ? teams.get(teamKey)?.schedule : undefined) ?? DEFAULT_SCHEDULE;
      const round = roundAt(schedule, effectiveTimeZone(p.tz, fallbackZone), at);
      // Prompt due now (round started, not prompted yet) or the next slot is close: refresh first.
      const dueNow = round !== undefined && (lastRounds.get(p.slack_id) ?? '') < round.key;
      const untilNext = round ? round.endsAt.getTime() - at.getTime() : Number.POSITIVE_INFINITY;
      const urgent = dueNow || untilNext <= SOON_MS;
      return { person: p, urgent, checked: p.tz_checked_at ?? '' };
    })
    .sort(
      (a, b) =>
        Number(b.urgent) - Number(a.urgent) || (a.checked < b.checked ? -1 : a.checked > b.checked ? 1 : 0),
    )
    .slice(0, limit)
    .map((r) => r.person);
}

/** Asks Slack for each person's zone, in order, until Slack says to stop (a 429, an outage). */
async function askSlackForZones(ctx: AppContext, people: Person[]): Promise<ZoneCheck[]> {
  const checks: ZoneCheck[] = [];
  for (const person of people) {
    try {
      const answer = await ctx.slack.call('users.info', { user: person.slack_id });
      const tz = (answer.user as { tz?: unknown } | undefined)?.tz;
      checks.push({
        slackId: person.slack_id,
        tz: typeof tz === 'string' && isValidTimeZone(tz) ? tz : null,
      });
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind === 'recipient' || failure.kind === 'rejected') {
        checks.push({ slackId: person.slack_id, tz: null });
        continue;
      }
      ctx.log.warn(
        `time zone refresh stopped for this tick: ${failure.kind === 'rate_limited' ? 'rate limited' : failure.reason}`,
      );
      break;
    }
  }
  return checks;
}

/**
 * Keeps owners' time zones fresh from Slack's `users.info`: at most once a day per person, a bounded number
 * per tick, those whose prompt is due now or soon first. Slack's zone replaces the one from the import file;
 * when Slack cannot say (unknown user, a zone the runtime does not know), the stored zone stays. A 429 ends
 * this tick's refresh; the rest wait for the next tick.
 */
export async function refreshOwnerTimeZones(
  ctx: AppContext,
  at: Date,
  options: CheckinJobOptions = {},
): Promise<Record<string, number>> {
  const teamId = ctx.teamId;
  const maxAge = (options.timeZoneMaxAgeHours ?? 24) * HOUR_MS;
  const limit = options.timeZoneRefreshPerTick ?? 50;
  const stale = await ownersWithStaleTimeZones(ctx.db, teamId, new Date(at.getTime() - maxAge).toISOString());
  const report = { stale: stale.length, checked: 0, changed: 0 };
  if (stale.length === 0 || limit <= 0) return report;
  const checks = await askSlackForZones(ctx, await rankForRefresh(ctx, stale, at, limit));
  report.checked = checks.length;
  report.changed = await recordTimeZoneChecks(ctx.db, teamId, checks, ctx.now());
  return report;
}
