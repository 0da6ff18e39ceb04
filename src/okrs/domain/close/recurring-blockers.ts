// Blockers that came up again and again during a quarter. Pure.

export interface BlockerAnswer {
  keyResultId: string;
  roundKey: string;
  blockers: string | null;
}

export interface RecurringBlocker {
  keyResultId: string;
  /** Rounds in which a blocker was reported for this key result. */
  rounds: number;
  /** The distinct blockers as written, most recent round first (case and spacing ignored when comparing). */
  blockers: string[];
}

/** Key results whose check-ins named a blocker in `minRounds` or more rounds (two by default). */
export function recurringBlockers(answers: BlockerAnswer[], minRounds = 2): RecurringBlocker[] {
  const byKr = new Map<string, Map<string, string>>();
  for (const a of answers) {
    const text = a.blockers?.trim();
    if (!text || /^(none|no|n\/?a|-|–|nothing)\.?$/i.test(text)) continue;
    const rounds = byKr.get(a.keyResultId) ?? new Map<string, string>();
    rounds.set(a.roundKey, text);
    byKr.set(a.keyResultId, rounds);
  }
  const out: RecurringBlocker[] = [];
  for (const [keyResultId, rounds] of byKr) {
    if (rounds.size < minRounds) continue;
    const seen = new Set<string>();
    const blockers: string[] = [];
    for (const [, text] of [...rounds].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))) {
      const norm = text.toLowerCase().replace(/\s+/g, ' ');
      if (seen.has(norm)) continue;
      seen.add(norm);
      blockers.push(text);
    }
    out.push({ keyResultId, rounds: rounds.size, blockers });
  }
  return out;
}
