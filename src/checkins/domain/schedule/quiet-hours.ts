import { localDayNumber, localMinuteOfDay, parseClockTime, zonedWallTimeToUtc } from './local-time.js';

/** Local night, `HH:mm` to `HH:mm`; may wrap midnight. Equal start and end means no quiet hours. */
export interface QuietHours {
  start: string;
  end: string;
}

/** 20:00–08:00 in the owner's time zone. */
export const DEFAULT_QUIET_HOURS: QuietHours = Object.freeze({ start: '20:00', end: '08:00' });

function bounds(quiet: QuietHours): { start: number; end: number } {
  const start = parseClockTime(quiet.start);
  const end = parseClockTime(quiet.end);
  if (start === undefined || end === undefined) {
    throw new RangeError(`Quiet hours must be HH:mm to HH:mm, got ${quiet.start}–${quiet.end}`);
  }
  return { start, end };
}

function inside(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** True when the owner's local clock at `at` is within quiet hours (start inclusive, end exclusive). */
export function isQuietTime(at: Date, timeZone: string, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  const { start, end } = bounds(quiet);
  return inside(localMinuteOfDay(at, timeZone), start, end);
}

/** `at` itself if it is outside quiet hours, else the instant quiet hours end (local `end`). */
export function nextNonQuietInstant(
  at: Date,
  timeZone: string,
  quiet: QuietHours = DEFAULT_QUIET_HOURS,
): Date {
  const { start, end } = bounds(quiet);
  const minute = localMinuteOfDay(at, timeZone);
  if (!inside(minute, start, end)) return at;
  const today = localDayNumber(at, timeZone);
  const endDay = start > end && minute >= start ? today + 1 : today;
  return zonedWallTimeToUtc(endDay, end, timeZone);
}
