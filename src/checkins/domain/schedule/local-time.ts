import { tzOffset } from '@date-fns/tz';

// Civil dates are handled as day numbers (days since 1970-01-01, the date itself, no zone) and local
// wall-clock times as minutes since local midnight; only the conversions below touch time zones.

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^(\d{1,2}):(\d{2})$/;

// The last offset looked up per zone: one scheduler tick asks the same (zone, now) for every owner.
const lastOffset = new Map<string, { ms: number; offset: number }>();

function offsetMs(timeZone: string, ms: number): number {
  const last = lastOffset.get(timeZone);
  if (last !== undefined && last.ms === ms) return last.offset;
  const minutes = tzOffset(timeZone, new Date(ms));
  if (!Number.isFinite(minutes)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const offset = minutes * MS_PER_MINUTE;
  if (last !== undefined) {
    last.ms = ms;
    last.offset = offset;
  } else lastOffset.set(timeZone, { ms, offset });
  return offset;
}

/** Day number of a `YYYY-MM-DD` date; undefined for other text or dates that do not exist (2026-02-30). */
export function dayNumberOf(isoDate: string): number | undefined {
  const m = DATE_RE.exec(isoDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

/** `YYYY-MM-DD` for a day number. */
export function isoDateOf(dayNumber: number): string {
  // Civil-from-days (H. Hinnant); avoids Date allocation and toISOString on the hot path.
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Minutes since midnight for `9:00` / `09:00` (00:00–23:59); undefined otherwise. */
export function parseClockTime(text: string): number | undefined {
  const m = CLOCK_RE.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

/** `HH:mm` for minutes since midnight. */
export function formatClockTime(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The wall-clock reading in `timeZone` at `instant`, as milliseconds since 1970-01-01T00:00 "local". */
export function wallClockMs(instant: Date, timeZone: string): number {
  const ms = instant.getTime();
  return ms + offsetMs(timeZone, ms);
}

/** Day number of the local calendar date in `timeZone` at `instant`. */
export function localDayNumber(instant: Date, timeZone: string): number {
  return Math.floor(wallClockMs(instant, timeZone) / MS_PER_DAY);
}

/** The local calendar date in `timeZone` at `instant`, as `YYYY-MM-DD`. */
export function localDate(instant: Date, timeZone: string): string {
  return isoDateOf(localDayNumber(instant, timeZone));
}

/** Whole minutes since local midnight in `timeZone` at `instant`. */
export function localMinuteOfDay(instant: Date, timeZone: string): number {
  const wall = wallClockMs(instant, timeZone);
  return Math.floor((wall - Math.floor(wall / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
}

/**
 * The UTC instant at which the local clock in `timeZone` reads `minuteOfDay` on day `dayNumber`.
 * - Repeated local time (clocks go back): the first occurrence, so a slot in that hour fires once.
 * - Skipped local time (clocks go forward): the first valid instant after the gap, i.e. the moment of the
 *   change (02:30 on a Berlin spring-forward day becomes 03:00 local = 01:00Z), so the slot is not lost.
 */
export function zonedWallTimeToUtc(dayNumber: number, minuteOfDay: number, timeZone: string): Date {
  // Every owner in a zone with the same schedule shares slot instants, so a small memo saves most of the work.
  const key = `${timeZone}|${dayNumber}|${minuteOfDay}`;
  const cached = slotMemo.get(key);
  if (cached !== undefined) return new Date(cached);
  const ms = convertWallTime(dayNumber, minuteOfDay, timeZone);
  if (slotMemo.size >= SLOT_MEMO_LIMIT) slotMemo.clear();
  slotMemo.set(key, ms);
  return new Date(ms);
}

const SLOT_MEMO_LIMIT = 10_000;
const slotMemo = new Map<string, number>();

function convertWallTime(dayNumber: number, minuteOfDay: number, timeZone: string): number {
  const wall = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  // Offsets in force a day either side cover the offsets before and after any change near this time.
  const before = offsetMs(timeZone, wall - MS_PER_DAY);
  const after = offsetMs(timeZone, wall + MS_PER_DAY);
  const candidates = new Set([before, after, offsetMs(timeZone, wall - before)]);
  let best: number | undefined;
  for (const off of candidates) {
    const t = wall - off;
    if (offsetMs(timeZone, t) === off && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return best;

  // In a gap: the local clock jumps over `wall`. Find the first minute whose local reading is >= wall.
  let lo = Math.floor((wall - Math.max(before, after)) / MS_PER_MINUTE);
  let hi = Math.ceil((wall - Math.min(before, after)) / MS_PER_MINUTE);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const t = mid * MS_PER_MINUTE;
    if (t + offsetMs(timeZone, t) >= wall) hi = mid;
    else lo = mid;
  }
  return hi * MS_PER_MINUTE;
}
