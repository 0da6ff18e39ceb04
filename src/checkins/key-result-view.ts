import type { OwnedKeyResult } from '../okrs/index.js';
import type { CheckinKeyResultView } from './slack/views/checkin-format.js';

/** A key result as check-in messages and the form show it. */
export function toKeyResultView(kr: OwnedKeyResult): CheckinKeyResultView {
  return {
    id: kr.id,
    text: kr.text,
    objective: kr.objective_text,
    unit: kr.unit,
    baseline: kr.baseline,
    target: kr.target,
    current: kr.current,
    direction: kr.direction,
  };
}
