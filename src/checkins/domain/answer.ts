import type { Confidence } from '../../okrs/domain/index.js';

/** One key result's answer in a check-in. */
export interface Answer {
  keyResultId: string;
  value: number;
  confidence: Confidence;
  changed: string | null;
  blockers: string | null;
  nextFocus: string | null;
}
