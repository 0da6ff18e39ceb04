import { ensurePerson, getPerson, setDmBlocked, setPausedUntil } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import { effectiveTimeZone, localDate, parsePauseCommand } from './domain/schedule/index.js';
import { workspaceTimeZone } from './team-settings.js';

/**
 * `/okr pause until YYYY-MM-DD`: no prompts or reminders until that local date. Returns what to tell the
 * person. The date is checked before anything is written: a refused request (a bad date) writes nothing,
 * not even a `people` row for someone who is not in the directory yet.
 */
export async function pauseCheckins(
  ctx: AppContext,
  teamId: string,
  userId: string,
  args: string,
): Promise<string> {
  const now = ctx.now();
  const known = await getPerson(ctx.db, teamId, userId);
  const zone = effectiveTimeZone(known?.tz ?? null, await workspaceTimeZone(ctx.db, ctx, teamId));
  const parsed = parsePauseCommand(args, localDate(now, zone));
  if (!parsed.ok) return parsed.error;
  if (!known) await ensurePerson(ctx.db, { teamId, slackId: userId }, now);
  await setPausedUntil(ctx.db, teamId, userId, parsed.until, now);
  return `:palm_tree: Check-ins paused until ${parsed.until} (your first day back). No prompts or reminders until then; \`/okr resume\` starts them again sooner.`;
}

/**
 * `/okr resume`: prompts and reminders start again (also after the bot had recorded that DMs failed).
 * Someone the bot has never recorded was not paused: nothing is written for them.
 */
export async function resumeCheckins(ctx: AppContext, teamId: string, userId: string): Promise<string> {
  const now = ctx.now();
  const person = await getPerson(ctx.db, teamId, userId);
  if (!person) return 'Check-ins were not paused; they are on.';
  await setPausedUntil(ctx.db, teamId, userId, null, now);
  if (person.dm_blocked_reason) await setDmBlocked(ctx.db, teamId, userId, null, now);
  return person.paused_until
    ? ':wave: Welcome back: check-ins are on again. If this round is still open, your prompt arrives within a minute.'
    : 'Check-ins were not paused; they are on.';
}
