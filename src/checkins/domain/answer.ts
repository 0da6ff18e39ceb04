import type { Confidence } from '../../okrs/domain/index.js';

/** One key result's answer in a check-in. */
export interface Answer {
  keyResultId: string;
  value: number;
  confidence: Confidence;
  changed: string | null;
  blockers: string | null;
  nextFocus: string | null;
  /** At a quarter's closing check-in, the owner's score (0..1) of a key result without baseline or target. */
  closingScore?: number;
}
