/**
 * True when a key result's value has not changed in the last `rounds` rounds, for the digest.
 * `values` holds one entry per round, oldest first; `null` is a round without an answer, which carries the
 * previous value forward (no reported movement). Needs `rounds + 1` entries and a known value at the start
 * of the window (carried forward from earlier rounds if need be); otherwise false, as nothing can be said.
 */
export function noMovement(values: (number | null)[], rounds: number): boolean {
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError(`rounds must be a positive integer, got ${rounds}`);
  if (values.length < rounds + 1) return false;
  const start = values.length - rounds - 1;
  let reference: number | null = null;
  for (let i = start; i >= 0 && reference === null; i--) reference = values[i] ?? null;
  if (reference === null) return false;
  for (let i = start + 1; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && v !== reference) return false;
  }
  return true;
}
