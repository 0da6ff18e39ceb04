import { dayNumberOf, isoDateOf, localDayNumber } from './local-time.js';
import { effectiveTimeZone } from './time-zone.js';

/**
 * Out of office: `pausedUntil` is the local date (in the owner's zone) on which prompts and nudges resume.
 * Paused while the owner's local date is before it. Missing or malformed dates mean not paused.
 */
export function isPaused(pausedUntil: string | undefined, timeZone: string, now: Date): boolean {
  if (!pausedUntil) return false;
  const until = dayNumberOf(pausedUntil);
  if (until === undefined) return false;
  return localDayNumber(now, effectiveTimeZone(timeZone, 'UTC')) < until;
}

const USAGE =
  'Usage: /okr pause until YYYY-MM-DD (the first day you are back), e.g. /okr pause until 2026-12-01';

/** The last date a pause may reach from `today`: the same date next year (Feb 29 → Feb 28). */
function oneYearAfter(today: number): number {
  const d = new Date(today * 86_400_000);
  const y = d.getUTCFullYear() + 1;
  const m = d.getUTCMonth();
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / 86_400_000;
}

/**
 * Parses the argument of `/okr pause`: `until 2026-12-01` (also `pause until …` or a bare date).
 * `today` is the owner's local date. The date must be a real date after today and at most a year ahead.
 */
export function parsePauseCommand(
  text: string,
  today: string,
): { ok: true; until: string } | { ok: false; error: string } {
  const todayDay = dayNumberOf(today);
  if (todayDay === undefined) return { ok: false, error: `Internal error: today "${today}" is not a date` };
  const raw = text
    .trim()
    .replace(/^pause\b\s*/i, '')
    .replace(/^until\b\s*/i, '');
  if (raw === '') return { ok: false, error: USAGE };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { ok: false, error: `"${raw}" is not a date. ${USAGE}` };
  const until = dayNumberOf(raw);
  if (until === undefined) return { ok: false, error: `${raw} is not a real calendar date.` };
  if (until < todayDay) return { ok: false, error: `${raw} is in the past (today is ${today}).` };
  if (until === todayDay) {
    return { ok: false, error: `${raw} is today: give the first day you are back, after today.` };
  }
  const max = oneYearAfter(todayDay);
  if (until > max) {
    return { ok: false, error: `${raw} is more than a year ahead; the latest is ${isoDateOf(max)}.` };
  }
  return { ok: true, until: raw };
}
