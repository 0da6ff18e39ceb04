import type { Language } from './types.js';

/** Longer texts are linted on this prefix, so one pasted essay cannot stall the keystroke loop. */
export const MAX_LINT_CHARS = 3000;

export interface PreparedText {
  /** Trimmed, emoji removed, arrows and quotes unified, whitespace collapsed, at most MAX_LINT_CHARS. */
  text: string;
  /** `text` in lower case. */
  lower: string;
  language: Language;
  empty: boolean;
  truncated: boolean;
  /** True when the text mixes Hangul and a substantial amount of Latin words. */
  mixedLanguage: boolean;
}

const EMOJI_RE = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{200D}|\u{20E3}/gu;
const ARROW_RE = /\s*(?:→|->|=>|⟶|➔|➜|⇒|➡)\s*/g;
const SINGLE_QUOTE_RE = /[\u2018\u2019\u201A\u2032]/g;
const DOUBLE_QUOTE_RE = /[\u201C\u201D\u201E\u2033]/g;
const MINUS_RE = /[\u2212]/g;
const SPACE_RE = /[\s\u00A0\u3000]+/g;
const HANGUL_RE = /[\uAC00-\uD7A3\u3131-\u318E]/g;
const ASCII_RE = /^[\t\n\r\x20-\x7E]*$/;
const LATIN_WORD_GLOBAL_RE = /[A-Za-z]{3,}/g;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text) !== null) n++;
  return n;
}

const WORD_SPLIT_RE = /[\s,;:()[\]/]+/;
const HANGUL_WORD_RE = /[\uAC00-\uD7A3]/;
/** A Latin word that is not an acronym (MAU, SLA, KPIs, eNPS stay neutral). */
const LATIN_WORD_RE = /^[A-Za-z][a-z'-]+$/;

/** `ko` when Hangul carries the sentence; acronyms such as MAU or eNPS inside Korean stay neutral. */
export function detectLanguage(text: string): Language {
  if (count(HANGUL_RE, text) === 0) return 'en';
  let hangulWords = 0;
  let latinWords = 0;
  for (const word of text.split(WORD_SPLIT_RE)) {
    if (HANGUL_WORD_RE.test(word)) hangulWords++;
    else if (LATIN_WORD_RE.test(word)) latinWords++;
  }
  return hangulWords >= latinWords ? 'ko' : 'en';
}

export function prepareText(input: string): PreparedText {
  const raw = typeof input === 'string' ? input : String(input ?? '');
  const truncated = raw.length > MAX_LINT_CHARS;
  const head = truncated ? raw.slice(0, MAX_LINT_CHARS) : raw;
  const ascii = ASCII_RE.test(head);
  const text = (ascii ? head : head.normalize('NFC'))
    .replace(ARROW_RE, ' → ')
    .replace(EMOJI_RE, ' ')
    .replace(SINGLE_QUOTE_RE, "'")
    .replace(DOUBLE_QUOTE_RE, '"')
    .replace(MINUS_RE, '-')
    .replace(SPACE_RE, ' ')
    .trim();
  const hangul = ascii ? 0 : count(HANGUL_RE, text);
  const latinWords = hangul > 0 ? (text.match(LATIN_WORD_GLOBAL_RE) ?? []).length : 0;
  return {
    text,
    lower: text.toLowerCase(),
    language: hangul > 0 ? detectLanguage(text) : 'en',
    empty: !/[\p{L}\p{N}]/u.test(text),
    truncated,
    mixedLanguage: hangul > 0 && latinWords >= 2,
  };
}
