/**
 * What of a text still being typed is finished words: all of it when it ends in a space or a sentence's
 * punctuation, else everything before the word being typed. "Increase offer acc" → "Increase offer ";
 * "from 72% to 8" → "from 72% to ". Live feedback judges the finished words, so a half-typed word ("acc",
 * the "8" of "88%", "Mar" of "March") does not flash a verdict nobody meant.
 */
export function finishedWords(text: string): string {
  if (text === '' || /[\s.,;:!?)]$/u.test(text)) return text;
  const start = text.search(/\S+$/u);
  return start <= 0 ? '' : text.slice(0, start);
}
