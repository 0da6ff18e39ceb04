import { isPaused } from './pause.js';
import { DEFAULT_QUIET_HOURS, isQuietTime, nextNonQuietInstant, type QuietHours } from './quiet-hours.js';
import { type Round, roundAt } from './round.js';
import type { CheckinSchedule } from './schedule.js';

export interface PromptOptions {
  /** A prompt sent late (after the grace period) waits for the end of local night. Default 20:00–08:00; null: never wait. */
  quietHours?: QuietHours | null;
  /** Minutes after the slot during which the prompt goes out even in quiet hours (the team chose that time). Default 60. */
  graceMinutes?: number;
  /** A round with less than this many hours left is skipped rather than prompted late. Default 24. */
  minRemainingHours?: number;
  /**
   * When the owner's check-ins began (their team, or its first active key result, was created or imported).
   * A round whose slot is before it is never backfilled: the first round is the first slot at or after it.
   */
  notBefore?: Date;
}

const HOUR_MS = 3_600_000;

/**
 * Whether the owner's check-in prompt for the current round should be sent now.
 * `lastRoundKey` is the key of the last round this owner was prompted for. Due once per round: from the
 * slot on, also on a late tick (e.g. Tuesday), unless the owner is paused, the round is nearly over, or a
 * late prompt would land in the owner's night.
 */
export function promptDue(
  schedule: CheckinSchedule,
  timeZone: string,
  lastRoundKey: string | undefined,
  now: Date,
  pausedUntil?: string,
  options: PromptOptions = {},
): { due: false; reason: string } | { due: true; round: Round } {
  const round = roundAt(schedule, timeZone, now);
  if (!round) return { due: false, reason: `no round: invalid schedule or time zone "${timeZone}"` };
  if (lastRoundKey !== undefined && lastRoundKey >= round.key) {
    return {
      due: false,
      reason:
        lastRoundKey === round.key
          ? `already prompted for round ${round.key}; next slot ${round.endsAt.toISOString()}`
          : `already prompted for a later round (${lastRoundKey}); next slot ${round.endsAt.toISOString()}`,
    };
  }
  if (options.notBefore && round.startsAt.getTime() < options.notBefore.getTime()) {
    return {
      due: false,
      reason: `round ${round.key} began before check-ins started (${options.notBefore.toISOString()}); first round at ${round.endsAt.toISOString()}`,
    };
  }
  if (isPaused(pausedUntil, timeZone, now)) return { due: false, reason: `paused until ${pausedUntil}` };
  const minRemaining = (options.minRemainingHours ?? 24) * HOUR_MS;
  if (round.endsAt.getTime() - now.getTime() < minRemaining) {
    return {
      due: false,
      reason: `round ${round.key} is nearly over; next slot ${round.endsAt.toISOString()}`,
    };
  }
  const quiet = options.quietHours === undefined ? DEFAULT_QUIET_HOURS : options.quietHours;
  const graceEnd = round.startsAt.getTime() + (options.graceMinutes ?? 60) * 60_000;
  if (quiet && now.getTime() >= graceEnd && isQuietTime(now, timeZone, quiet)) {
    const at = nextNonQuietInstant(now, timeZone, quiet).toISOString();
    return {
      due: false,
      reason: `late prompt for round ${round.key} waits for the end of local night (${at})`,
    };
  }
  return { due: true, round };
}
