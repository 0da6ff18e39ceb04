import type { KnownBlock } from '@slack/types';
import { format } from 'date-fns/format';
import { type Confidence, formatCount, formatMeasure } from '../../../okrs/index.js';

/** A KPI as the Home tab shows it: the last reading against the range, and the recent readings to chart. */
export interface HomeKpi {
  key: string;
  name: string;
  unit: string | null;
  range: [number, number];
  threshold?: number;
  last: number | null;
  state: string;
  /** The recent readings, oldest first. */
  readings?: Array<{ period: string; value: number }>;
}

export function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** `Mon 23 Nov` for the round key `2026-11-23`. */
export function roundDay(roundKey: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(roundKey);
  if (!m) return roundKey;
  return format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])), 'EEE d MMM');
}

export interface HomeTeamKeyResult {
  text: string;
  owner: string;
  baseline: number | null;
  current: number | null;
  target: number | null;
  unit: string | null;
  direction: 'higher_is_better' | 'lower_is_better' | null;
  confidence: Confidence | null;
}

/** What a team lead or objective owner sees below their own: the team this quarter. */
export interface HomeTeam {
  /** The teams they lead (empty for an objective owner who leads none). */
  names: string[];
  objectives: Array<{ text: string; keyResults: HomeTeamKeyResult[] }>;
  /** The newest round of the team's check-ins, and who has not answered it. */
  round: { key: string; prompted: number; notAnswered: string[] } | null;
  blockers: Array<{ keyResult: string; owner: string; text: string }>;
  kpis: HomeKpi[];
}

/** `last 41 days, range 28–45 days · in range`. */
export function kpiLine(k: HomeKpi): string {
  return `last ${formatCount(k.last, k.unit)}, range ${formatMeasure(k.range[0], null)}–${formatCount(k.range[1], k.unit)} · ${k.state}`;
}
