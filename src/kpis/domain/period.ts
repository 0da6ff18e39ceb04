import { TZDate } from '@date-fns/tz';
import type { Cadence } from './types.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const WEEK_RE = /^(\d{4})-?W(\d{1,2})$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** Years are always written with 4 digits: `0999-06`, never `999-06` (periods sort as text). */
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `Date.UTC`, but years 0–99 are years 0–99 (not 1900–1999). */
function utc(year: number, monthIndex: number, day: number): number {
  const d = new Date(Date.UTC(2000, monthIndex, day));
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

/** ISO week-year and week of a calendar date. */
function isoWeekOfDate(year: number, month: number, day: number): { year: number; week: number } {
  const t = utc(year, month - 1, day);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t + (3 - dow) * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - utc(isoYear, 0, 1)) / WEEK_MS);
  return { year: isoYear, week };
}

/** Monday 00:00 UTC of ISO week `week` of `year`, in ms. */
function isoWeekMonday(year: number, week: number): number {
  const jan4 = utc(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * DAY_MS + (week - 1) * WEEK_MS;
}

function weeksInIsoYear(year: number): number {
  return isoWeekOfDate(year, 12, 28).week;
}

function formatWeek(year: number, week: number): string {
  return `${pad4(year)}-W${pad2(week)}`;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(utc(y, m, 0)).getUTCDate();
}

/**
 * Canonical period for user input: `YYYY-MM` (monthly), `YYYY-Www` (weekly, ISO week), or a date
 * `YYYY-MM-DD` that falls in the period.
 */
export function parsePeriod(input: string, cadence: Cadence): ParsedPeriod {
  const key = `${cadence} ${input}`;
  const hit = parsedPeriods.get(key);
  if (hit) return hit;
  const parsed = parsePeriodUncached(input, cadence);
  remember(parsedPeriods, key, parsed);
  return parsed;
}

type ParsedPeriod = Readonly<{ ok: true; period: string } | { ok: false; error: string }>;

// A scan parses the same few periods hundreds of thousands of times (every reading of every KPI): the
// results, pure functions of their text, are kept in small caches, emptied when they grow past their bound.
const CACHE_BOUND = 4_096;
const parsedPeriods = new Map<string, ParsedPeriod>();
const canonicalPeriods = new Map<string, Parsed>();

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_BOUND) cache.clear();
  cache.set(key, value);
}

function parsePeriodUncached(input: string, cadence: Cadence): ParsedPeriod {
  const text = input.trim();
  const date = DATE_RE.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (!validDate(y, m, d)) return { ok: false, error: `"${text}" is not a calendar date` };
    if (cadence === 'monthly') return { ok: true, period: `${pad4(y)}-${pad2(m)}` };
    const w = isoWeekOfDate(y, m, d);
    return { ok: true, period: formatWeek(w.year, w.week) };
  }
  const month = MONTH_RE.exec(text);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) return { ok: false, error: `"${text}": month must be 01–12` };
    if (cadence === 'weekly') {
      return { ok: false, error: `"${text}" is a month, but this KPI is weekly: use YYYY-Www or a date` };
    }
    return { ok: true, period: `${month[1]}-${pad2(m)}` };
  }
  const week = WEEK_RE.exec(text);
  if (week) {
    const [y, w] = [Number(week[1]), Number(week[2])];
    if (w < 1 || w > weeksInIsoYear(y)) {
      return { ok: false, error: `"${text}": ${y} has ISO weeks 01–${weeksInIsoYear(y)}` };
    }
    if (cadence === 'monthly') {
      return { ok: false, error: `"${text}" is a week, but this KPI is monthly: use YYYY-MM or a date` };
    }
    return { ok: true, period: formatWeek(y, w) };
  }
  const expected = cadence === 'monthly' ? 'YYYY-MM' : 'YYYY-Www';
  return { ok: false, error: `"${text}" is not a period: use ${expected} or a date YYYY-MM-DD` };
}

type Parsed = Readonly<
  { kind: 'monthly'; year: number; month: number } | { kind: 'weekly'; year: number; week: number }
>;

function parseCanonical(period: string): Parsed {
  const hit = canonicalPeriods.get(period);
  if (hit) return hit;
  const parsed = parseCanonicalUncached(period);
  remember(canonicalPeriods, period, parsed);
  return parsed;
}

function parseCanonicalUncached(period: string): Parsed {
  const m = MONTH_RE.exec(period);
  if (m) return { kind: 'monthly', year: Number(m[1]), month: Number(m[2]) };
  const w = /^(\d{4})-W(\d{2})$/.exec(period);
  if (w) return { kind: 'weekly', year: Number(w[1]), week: Number(w[2]) };
  throw new RangeError(`not a canonical period: "${period}"`);
}

/** The cadence a canonical period belongs to. */
export function periodCadence(period: string): Cadence {
  return parseCanonical(period).kind;
}

/** Ordinal of a canonical period: consecutive periods differ by exactly 1 (a difference > 1 is a gap). */
export function periodIndex(period: string): number {
  const p = parseCanonical(period);
  if (p.kind === 'monthly') return p.year * 12 + (p.month - 1);
  // Mondays fall 4 days after a multiple of 7 days since the epoch (a Thursday).
  return Math.round((isoWeekMonday(p.year, p.week) - 4 * DAY_MS) / WEEK_MS);
}

/** The period `delta` periods after (negative: before) `period`. */
export function shiftPeriod(period: string, delta: number): string {
  const p = parseCanonical(period);
  if (p.kind === 'monthly') {
    const i = p.year * 12 + (p.month - 1) + delta;
    return `${pad4(Math.floor(i / 12))}-${pad2((i % 12) + 1)}`;
  }
  const d = new Date(isoWeekMonday(p.year, p.week) + delta * WEEK_MS);
  const w = isoWeekOfDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return formatWeek(w.year, w.week);
}

/** The period that contains `at` in the given IANA time zone (default UTC). */
export function periodOf(at: Date, cadence: Cadence, timeZone = 'UTC'): string {
  const local = new TZDate(at.getTime(), timeZone);
  const [y, m, d] = [local.getFullYear(), local.getMonth() + 1, local.getDate()];
  if (cadence === 'monthly') return `${pad4(y)}-${pad2(m)}`;
  const w = isoWeekOfDate(y, m, d);
  return formatWeek(w.year, w.week);
}

/** First instant of the period, UTC. */
export function periodStart(period: string): Date {
  const p = parseCanonical(period);
  if (p.kind === 'monthly') return new Date(utc(p.year, p.month - 1, 1));
  return new Date(isoWeekMonday(p.year, p.week));
}

/** Start of the next period, UTC: the moment the period's reading becomes due. */
export function periodEnd(period: string): Date {
  return periodStart(shiftPeriod(period, 1));
}

/**
 * Which periods a reading may be for. The rule, for every surface (readings API, CSV import, `/kpi log`):
 *
 * - **latest**: the period containing now, in the workspace's (or the person's) time zone or in UTC,
 *   whichever is later. A period that has not started has no reading yet: `2030-01` is refused, so a
 *   reading cannot be parked in the future where it would stay "latest" and silence the KPI's alerts.
 * - **earliest**: {@link BACKFILL_YEARS} years before the KPI's first reading (or before the current period
 *   when it has none yet), and never before {@link EARLIEST_YEAR} (`2000-01`, or `2000-W01` for weekly KPIs).
 *   A batch is checked against the readings stored before it, so history is backfilled ten years at a time.
 */
export const EARLIEST_YEAR = 2000;
export const BACKFILL_YEARS = 10;

export interface PeriodBounds {
  now: Date;
  /** The workspace's or the person's IANA time zone; UTC is always allowed as well. */
  timeZone?: string;
  /** The KPI's earliest stored reading (a canonical period), if it has any. */
  earliestReading?: string | undefined;
}

function isCanonical(period: string): boolean {
  try {
    parseCanonical(period);
    return true;
  } catch {
    return false;
  }
}

/** The latest period a reading may be for: the one containing `now` (see {@link PeriodBounds}). */
export function latestPeriod(cadence: Cadence, now: Date, timeZone = 'UTC'): string {
  const local = periodOf(now, cadence, timeZone);
  const utc = periodOf(now, cadence, 'UTC');
  return periodIndex(local) >= periodIndex(utc) ? local : utc;
}

/** The earliest period a reading may be for (see {@link PeriodBounds}). */
export function earliestPeriod(cadence: Cadence, bounds: PeriodBounds): string {
  const floor = cadence === 'monthly' ? `${EARLIEST_YEAR}-01` : formatWeek(EARLIEST_YEAR, 1);
  const latest = latestPeriod(cadence, bounds.now, bounds.timeZone);
  const first =
    bounds.earliestReading &&
    isCanonical(bounds.earliestReading) &&
    periodCadence(bounds.earliestReading) === cadence &&
    periodIndex(bounds.earliestReading) < periodIndex(latest)
      ? bounds.earliestReading
      : latest;
  const start = periodStart(first);
  const back = new Date(start.getTime());
  back.setUTCFullYear(start.getUTCFullYear() - BACKFILL_YEARS);
  const earliest = periodOf(back, cadence, 'UTC');
  return periodIndex(earliest) >= periodIndex(floor) ? earliest : floor;
}

/**
 * `parsePeriod`, then the range check: the canonical period when it is one a reading may be for, or an
 * error that says why not and which periods are accepted.
 */
export function parseReadingPeriod(
  input: string,
  cadence: Cadence,
  bounds: PeriodBounds,
): { ok: true; period: string } | { ok: false; error: string } {
  const parsed = parsePeriod(input, cadence);
  if (!parsed.ok) return parsed;
  if (!isCanonical(parsed.period)) {
    return { ok: false, error: `"${input.trim()}" is outside the periods readings can be for` };
  }
  const year = Number(parsed.period.slice(0, 4));
  const latest = latestPeriod(cadence, bounds.now, bounds.timeZone);
  if (year > Number(latest.slice(0, 4)) || periodIndex(parsed.period) > periodIndex(latest)) {
    return {
      ok: false,
      error: `period ${parsed.period} is in the future: readings are for periods that have started (the latest is ${latest})`,
    };
  }
  const earliest = earliestPeriod(cadence, bounds);
  if (year < EARLIEST_YEAR || periodIndex(parsed.period) < periodIndex(earliest)) {
    return {
      ok: false,
      error: `period ${parsed.period} is too far back: readings go back to ${earliest} (not before ${EARLIEST_YEAR}, and at most ${BACKFILL_YEARS} years before the KPI's first reading)`,
    };
  }
  return parsed;
}
