import { TZDate } from '@date-fns/tz';

/** A calendar quarter, written as in the import format: `2026Q4`. */
export type QuarterKey = `${number}Q${1 | 2 | 3 | 4}`;

export interface Quarter {
  year: number;
  /** 1..4 */
  q: 1 | 2 | 3 | 4;
}

const QUARTER_RE = /^(\d{4})\s*-?\s*Q([1-4])$/i;

/** Parses `2026Q4`, `2026-Q4` or `2026 q4`; returns undefined for anything else. */
export function parseQuarter(text: string): Quarter | undefined {
  const m = QUARTER_RE.exec(text.trim());
  if (!m) return undefined;
  return { year: Number(m[1]), q: Number(m[2]) as Quarter['q'] };
}

export function formatQuarter(quarter: Quarter): QuarterKey {
  return `${quarter.year}Q${quarter.q}` as QuarterKey;
}

/** The quarter that contains `at` in the given IANA time zone. */
export function quarterOf(at: Date, timeZone = 'UTC'): Quarter {
  const local = new TZDate(at.getTime(), timeZone);
  return { year: local.getFullYear(), q: (Math.floor(local.getMonth() / 3) + 1) as Quarter['q'] };
}

/** First calendar day of the quarter, as `YYYY-MM-DD`. */
export function quarterStartDate(quarter: Quarter): string {
  const month = (quarter.q - 1) * 3 + 1;
  return `${quarter.year}-${String(month).padStart(2, '0')}-01`;
}

/** Last calendar day of the quarter, as `YYYY-MM-DD`. */
export function quarterEndDate(quarter: Quarter): string {
  const lastMonth = quarter.q * 3;
  const lastDay = new Date(Date.UTC(quarter.year, lastMonth, 0)).getUTCDate();
  return `${quarter.year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

export function nextQuarter(quarter: Quarter): Quarter {
  return quarter.q === 4
    ? { year: quarter.year + 1, q: 1 }
    : { year: quarter.year, q: (quarter.q + 1) as Quarter['q'] };
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.q === 1
    ? { year: quarter.year - 1, q: 4 }
    : { year: quarter.year, q: (quarter.q - 1) as Quarter['q'] };
}

/** Negative when `a` comes before `b`, 0 when they are the same quarter. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year * 4 + a.q - (b.year * 4 + b.q);
}

/**
 * The instants a quarter covers in a time zone: from 00:00 on its first day to 00:00 on the next quarter's
 * first day (exclusive), so `start <= t < end` holds for every moment of its first to its last day there.
 */
export function quarterBounds(quarter: Quarter, timeZone = 'UTC'): { start: Date; end: Date } {
  const first = (q: Quarter) =>
    new Date(new TZDate(q.year, (q.q - 1) * 3, 1, 0, 0, 0, 0, timeZone).getTime());
  return { start: first(quarter), end: first(nextQuarter(quarter)) };
}

/** The quarter to close by default: the one that ended last, seen from `now` in the workspace's time zone. */
export function defaultQuarterToClose(now: Date, timeZone = 'UTC'): QuarterKey {
  return formatQuarter(previousQuarter(quarterOf(now, timeZone)));
}

/**
 * Where an objective of `quarter` stands at `now`: `planned` for a later quarter, `active` during its
 * quarter, `ended` once its last day is over (it stays active until the quarter is closed).
 */
export function quarterPhase(quarter: Quarter, now: Date, timeZone = 'UTC'): 'planned' | 'active' | 'ended' {
  const c = compareQuarters(quarter, quarterOf(now, timeZone));
  return c > 0 ? 'planned' : c === 0 ? 'active' : 'ended';
}

/** The status a new objective of `quarter` gets: `planned` for a later quarter, else `active`. */
export function statusForNewObjective(quarter: Quarter, now: Date, timeZone = 'UTC'): 'planned' | 'active' {
  return quarterPhase(quarter, now, timeZone) === 'planned' ? 'planned' : 'active';
}

/** The local date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDate(at: Date, timeZone = 'UTC'): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Whether a check-in round (its key is the local date it starts) falls inside a quarter's days: a round that
 * starts after the quarter's last day is not for that quarter's key results. Not a quarter: true.
 */
export function roundInsideQuarter(quarterKey: string, roundKey: string): boolean {
  const q = parseQuarter(quarterKey);
  return !q || roundKey <= quarterEndDate(q);
}

/**
 * Whether a round is a quarter's closing check-in: the last round that starts inside the quarter, because
 * the next one (starting when this one ends, in the owner's `timeZone`) starts after its last day.
 */
export function isClosingRound(
  quarterKey: string,
  round: { key: string; endsAt: Date },
  timeZone = 'UTC',
): boolean {
  const q = parseQuarter(quarterKey);
  if (!q) return false;
  const end = quarterEndDate(q);
  return round.key <= end && localDate(round.endsAt, timeZone) > end;
}
