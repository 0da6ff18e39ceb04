// What "Carry over to the next quarter" prefills: the key result reworded to start where this quarter ended. Pure.

const NUM = String.raw`-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?`;
// "from 52 to 30", "from 3.3 to 4.0 points", "from 40% to 70%", "52 → 30".
const FROM_TO = new RegExp(
  String.raw`(\bfrom\s+(?:an?\s+|the\s+)?)(${NUM})(\s*(?:%|[a-zA-Z][a-zA-Z-]{0,15})?\s*(?:to|→|->)\s+(?:an?\s+)?)(${NUM})`,
  'i',
);
const ARROW = new RegExp(String.raw`(^|\s)(${NUM})(\s*%?\s*(?:→|->)\s*)(${NUM})`);
// A deadline at the end: "by end of Q4", "by the end of 2026Q4", "by Q4 2026", "by 2026-12-31", "by December 31".
const DEADLINE =
  /\s+(?:by|before|until)\s+(?:the\s+)?(?:end\s+of\s+)?(?:(?:the|this|next)\s+quarter|q[1-4](?:\s*\d{4})?|\d{4}\s*-?\s*q[1-4]|\d{4}-\d{2}-\d{2}|[a-z]+\s+\d{1,2}(?:,?\s*\d{4})?|[a-z]+\s+\d{4}|year[- ]end|[a-z]+)\s*\.?\s*$/i;

function plain(n: number): string {
  return String(Number(n.toFixed(4)));
}

/**
 * "Reduce time-to-hire from 52 to 30 days by end of Q4", final 41, next quarter ending 2027-03-31 →
 * "Reduce time-to-hire from 41 to 30 days by 2027-03-31". Without a from–to in the text the wording is
 * kept and only the deadline moves (or is added).
 */
export function carryOverText(
  text: string,
  d: { final: number | null; target: number | null; endDate: string },
): string {
  let out = text.trim();
  if (d.final !== null && Number.isFinite(d.final)) {
    const final = plain(d.final);
    const target = d.target !== null && Number.isFinite(d.target) ? plain(d.target) : undefined;
    if (FROM_TO.test(out)) {
      out = out.replace(FROM_TO, (_m, pre, _from, mid, to) => `${pre}${final}${mid}${target ?? to}`);
    } else if (ARROW.test(out)) {
      out = out.replace(ARROW, (_m, pre, _from, mid, to) => `${pre}${final}${mid}${target ?? to}`);
    }
  }
  out = out.replace(DEADLINE, '').replace(/[\s.]+$/, '');
  return `${out} by ${d.endDate}`;
}
