import { tzOffset } from '@date-fns/tz';

const validity = new Map<string, boolean>();

/**
 * True for an IANA time zone name the runtime knows (`Europe/Berlin`, `Asia/Kolkata`, `UTC`).
 * Empty strings, made-up names and raw offsets such as `+05:30` (which Node 20's Intl rejects) are false.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '' || tz !== tz.trim()) return false;
  const known = validity.get(tz);
  if (known !== undefined) return known;
  let ok = false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    ok = Number.isFinite(tzOffset(tz, new Date(0)));
  } catch {
    ok = false;
  }
  validity.set(tz, ok);
  return ok;
}

/**
 * The owner's time zone if it is usable, else the caller's fallback (e.g. the team's or workspace's zone),
 * else `UTC`. Slack may send no `tz`, or one the runtime does not know.
 */
export function effectiveTimeZone(tz: string | null | undefined, fallback: string): string {
  if (typeof tz === 'string' && isValidTimeZone(tz)) return tz;
  if (isValidTimeZone(fallback)) return fallback;
  return 'UTC';
}
