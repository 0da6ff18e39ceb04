const LINE_BREAK_RE = /\r\n|\r|\n|\u2028|\u2029/;
/** A bullet or number at the start of a pasted line: -, *, •, 1., 1), (1), ①, a), [ ], KR1: */
const MARKER_RE =
  /^\s*(?:[-*•·◦▪▫‣⁃–—]\s*(?:\[[ xX]?\]\s*)?(?=\S)(?<![-–—](?=\d))|\(?\d{1,2}[.)](?!\d)\s*|\(\d{1,2}\)\s*|[①-⑳]\s*|[a-zA-Z][.)]\s+|\[[ xX]?\]\s*|kr\s*\d{0,2}\s*[:.)-]\s*)/i;
const INDENT_RE = /^(?:\s{2,}|\t)/;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;

/** The text without a leading list marker ("- ", "1) ", "①", "KR2:"). */
export function stripListMarker(line: string): string {
  return line.replace(MARKER_RE, '').trim();
}

/**
 * Splits a pasted list into one key result per row. Bullets (-, *, •), numbers (1., 1), ①) and
 * "KR1:" labels are removed; blank lines are dropped; an indented line without a marker continues
 * the row above it. A single line stays one row.
 */
export function splitPastedKeyResults(text: string): string[] {
  if (typeof text !== 'string') return [];
  const rows: string[] = [];
  let sawMarker = false;
  for (const line of text.split(LINE_BREAK_RE)) {
    if (line.trim() === '') continue;
    const marked = MARKER_RE.test(line);
    const content = stripListMarker(line);
    if (!HAS_WORD_RE.test(content)) continue;
    if (!marked && sawMarker && INDENT_RE.test(line) && rows.length > 0) {
      rows[rows.length - 1] = `${rows[rows.length - 1]} ${content}`;
      continue;
    }
    sawMarker ||= marked;
    rows.push(content);
  }
  return rows;
}
