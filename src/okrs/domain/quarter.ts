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
