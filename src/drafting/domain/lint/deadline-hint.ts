import { formatQuarter, type Quarter, quarterEndDate } from '../../../okrs/domain/index.js';
import type { Language, LintContext } from './types.js';

const END_CACHE = new Map<number, string>();

/** The quarter's last day, cached: it is asked for several times per key result on every keystroke. */
function endOf(quarter: Quarter): string {
  const key = quarter.year * 10 + quarter.q;
  let end = END_CACHE.get(key);
  if (end === undefined) {
    end = quarterEndDate(quarter);
    if (END_CACHE.size > 64) END_CACHE.clear();
    END_CACHE.set(key, end);
  }
  return end;
}

/** "by 2026-12-31" (end of 2026Q4) / "2026-12-31까지": the quarter's end as a deadline. */
export function quarterDeadline(ctx: LintContext, language: Language): string {
  const end = endOf(ctx.quarter);
  return language === 'ko' ? `${end}까지` : `by ${end}`;
}

export function quarterEndLabel(ctx: LintContext, language: Language): string {
  const q = formatQuarter(ctx.quarter);
  return language === 'ko' ? `${q} 말` : `end of ${q}`;
}

const ISO_DATE_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** Explicit ISO dates in the text that are already past, or after the quarter ends. */
export function datesOutsideQuarter(lower: string, ctx: LintContext): { past: string[]; late: string[] } {
  const end = endOf(ctx.quarter);
  const past: string[] = [];
  const late: string[] = [];
  ISO_DATE_RE.lastIndex = 0;
  for (let m = ISO_DATE_RE.exec(lower); m !== null; m = ISO_DATE_RE.exec(lower)) {
    const date = m[0];
    if (date < ctx.today) past.push(date);
    else if (date > end) late.push(date);
  }
  return { past, late };
}
