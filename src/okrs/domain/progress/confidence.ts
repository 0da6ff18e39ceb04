/** The owner's own call in a check-in. */
export type Confidence = 'on_track' | 'at_risk' | 'off_track';

export const CONFIDENCES: readonly Confidence[] = ['on_track', 'at_risk', 'off_track'];

export const CONFIDENCE_LABELS: Readonly<Record<Confidence, string>> = {
  on_track: '🟢 on track',
  at_risk: '🟡 at risk',
  off_track: '🔴 off track',
};

/** Accepts `on_track`, `on track`, `at-risk`, `Off Track`…; undefined otherwise. */
export function parseConfidence(text: string): Confidence | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (CONFIDENCES as readonly string[]).includes(key) ? (key as Confidence) : undefined;
}
