import { isPaused } from './pause.js';
import { DEFAULT_QUIET_HOURS, nextNonQuietInstant, type QuietHours } from './quiet-hours.js';
import type { Round } from './round.js';

export const DEFAULT_NUDGE_AFTER_HOURS = 48;

/**
 * Whether to send the one reminder for an unanswered prompt: `afterHours` (default 48) after the prompt,
 * never twice, never in local quiet hours (default 20:00–08:00; then it is due at the first minute after),
 * never once the round has ended, never to someone who answered or is paused.
 * `notBefore` is set when a later nudge in this round is still possible: the earliest instant it can be due.
 */
export function nudgeDue(args: {
  promptSentAt: Date;
  round: Round;
  answered: boolean;
  nudged: boolean;
  pausedUntil?: string;
  timeZone: string;
  now: Date;
  afterHours?: number;
  quietHours?: QuietHours;
}): { due: boolean; reason: string; notBefore?: Date } {
  const { round, now, timeZone } = args;
  if (args.answered) return { due: false, reason: 'already answered' };
  if (args.nudged) return { due: false, reason: 'already nudged this round' };
  if (isPaused(args.pausedUntil, timeZone, now))
    return { due: false, reason: `paused until ${args.pausedUntil}` };
  if (now.getTime() >= round.endsAt.getTime()) return { due: false, reason: 'round has ended' };

  const after = new Date(
    args.promptSentAt.getTime() + (args.afterHours ?? DEFAULT_NUDGE_AFTER_HOURS) * 3_600_000,
  );
  const earliest = after.getTime() > now.getTime() ? after : now;
  const at = nextNonQuietInstant(earliest, timeZone, args.quietHours ?? DEFAULT_QUIET_HOURS);
  if (at.getTime() >= round.endsAt.getTime()) {
    return { due: false, reason: 'no time left in the round for a reminder outside quiet hours' };
  }
  if (at.getTime() > now.getTime()) {
    const why =
      now.getTime() < after.getTime() ? 'too soon after the prompt' : 'quiet hours in the owner’s zone';
    return { due: false, reason: `${why}; due at ${at.toISOString()}`, notBefore: at };
  }
  return { due: true, reason: 'no answer yet' };
}
