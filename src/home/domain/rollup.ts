/** One team in HR's roll-up: counts only, never people. */
export interface TeamRollupRow {
  teamKey: string;
  teamName: string;
  objectives: number;
  confidence: { on_track: number; at_risk: number; off_track: number; none: number };
  round: { key: string | null; answered: number; prompted: number };
  quarter: { answered: number; prompted: number };
  blockersOlderThanAWeek: number;
  kpisFiring: number;
}
