import type { AlertState, AlertStatus } from './types.js';

const DAY_MS = 86_400_000;
/** The longest snooze: one week. */
export const MAX_SNOOZE_MS = 7 * DAY_MS;

/** Statuses of an open alert (the condition has not been resolved). */
export function isOpen(status: AlertStatus): boolean {
  return status === 'pending' || status === 'firing' || status === 'acknowledged' || status === 'snoozed';
}

/** Open and past pending: the owner has been (or would have been) told. */
export function isActive(status: AlertStatus): boolean {
  return status === 'firing' || status === 'acknowledged' || status === 'snoozed';
}

/**
 * The owner has seen the alert: no more repeats until it resolves (PagerDuty semantics). Recorded with who
 * and when. A resolved alert is returned unchanged.
 */
export function acknowledge(state: AlertState, by: string, at: Date): AlertState {
  if (!isOpen(state.status)) return { ...state };
  const next: AlertState = {
    ...state,
    status: 'acknowledged',
    acknowledgedBy: by,
    acknowledgedAt: at.toISOString(),
  };
  delete next.snoozedUntil;
  delete next.snoozeReason;
  delete next.snoozedBy;
  return next;
}

/** End of a one-week snooze that starts at `at`. */
export function oneWeekFrom(at: Date): Date {
  return new Date(at.getTime() + MAX_SNOOZE_MS);
}

/**
 * Silence an open alert until a time (at most a week: the caller offers "1 week") or until the next reading.
 * A reason is required. When the snooze ends and the reading still breaches, the owner is told again.
 */
export function snooze(
  state: AlertState,
  until: Date | 'next_reading',
  reason: string,
  by: string,
): AlertState {
  if (reason.trim() === '') throw new RangeError('a snooze needs a reason');
  if (!isOpen(state.status)) return { ...state };
  return {
    ...state,
    status: 'snoozed',
    snoozedUntil: until === 'next_reading' ? 'next_reading' : until.toISOString(),
    snoozeReason: reason.trim(),
    snoozedBy: by,
  };
}

/** True when a snoozed alert's snooze has run out (time-based), or ends at this reading. */
export function snoozeExpired(state: AlertState, now: Date, atNewReading: boolean): boolean {
  if (state.status !== 'snoozed' || state.snoozedUntil === undefined) return false;
  if (state.snoozedUntil === 'next_reading') return atNewReading;
  return Date.parse(state.snoozedUntil) <= now.getTime();
}

/**
 * Critical alerts that have been firing unacknowledged for at least `afterDays` days and were not escalated
 * yet (folded alerts belong to a check-in and are not escalated). A pure function of the states and `now`.
 */
export function escalationsDue(states: AlertState[], now: Date, afterDays: number): AlertState[] {
  return states.filter((s) => {
    if (s.severity !== 'critical' || s.escalated || s.folded || s.hiddenBy) return false;
    const unacknowledged = s.status === 'firing' || (s.status === 'snoozed' && snoozeExpired(s, now, false));
    if (!unacknowledged || s.firstFiredAt === undefined) return false;
    return now.getTime() - Date.parse(s.firstFiredAt) >= afterDays * DAY_MS;
  });
}

/** Records that an alert was escalated to the team channel, so it is never escalated twice. */
export function markEscalated(state: AlertState, at: Date): AlertState {
  return { ...state, escalated: true, escalatedAt: at.toISOString() };
}
