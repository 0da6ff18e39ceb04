import type { KnownBlock } from '@slack/types';
import { CONFIDENCE_LABELS, type Confidence, progressLineOf } from '../../../okrs/index.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import {
  context,
  type HomeKpi,
  type HomeTeam,
  type HomeTeamKeyResult,
  kpiLine,
  roundDay,
  section,
} from './home-format.js';

/** How much of the team the Home tab lists before summarising; every count is still given in full. */
export const TEAM_LIMITS = {
  objectives: 8,
  keyResultsPerObjective: 6,
  notAnswered: 25,
  blockers: 6,
  kpis: 10,
} as const;

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** A lead's (or objective owner's) view of the team: objectives, who has not checked in, blockers, KPIs. */
export function teamBlocks(team: HomeTeam): KnownBlock[] {
  const title = team.names.length > 0 ? `Your team: ${team.names.join(', ')}` : 'Objectives you own';
  const out: KnownBlock[] = [{ type: 'divider' }, section(`*${esc(truncate(title, 200))}*`)];
  if (team.objectives.length === 0) out.push(context('No active objectives this quarter.'));
  for (const o of team.objectives.slice(0, TEAM_LIMITS.objectives)) out.push(objectiveSection(o));
  const hidden = team.objectives.length - TEAM_LIMITS.objectives;
  if (hidden > 0)
    out.push(context(`…and ${plural(hidden, 'more objective')}. \`/okr list\` shows them all.`));
  out.push(...roundBlocks(team.round), ...blockerBlocks(team.blockers), ...teamKpiBlocks(team.kpis));
  return out;
}

function objectiveSection(o: HomeTeam['objectives'][number]): KnownBlock {
  const counts = confidenceCounts(o.keyResults);
  const lines = o.keyResults.slice(0, TEAM_LIMITS.keyResultsPerObjective).map(keyResultLine);
  const hidden = o.keyResults.length - lines.length;
  if (hidden > 0) lines.push(`…and ${plural(hidden, 'more key result')}`);
  const header = `*${esc(truncate(o.text, 300))}*\n${plural(o.keyResults.length, 'key result')}: ${counts}`;
  return section(truncate([header, ...lines].join('\n'), 3000));
}

function keyResultLine(kr: HomeTeamKeyResult): string {
  const confidence = kr.confidence ? CONFIDENCE_LABELS[kr.confidence] : 'no check-in yet';
  return `• ${esc(truncate(kr.text, 120))} (${esc(truncate(kr.owner, 60))}): ${progressLineOf(kr)} · ${confidence}`;
}

/** `2 🟢 on track · 1 🟡 at risk · 3 without a check-in`. */
function confidenceCounts(krs: HomeTeamKeyResult[]): string {
  const by = new Map<Confidence | null, number>();
  for (const kr of krs) by.set(kr.confidence, (by.get(kr.confidence) ?? 0) + 1);
  const parts = (Object.keys(CONFIDENCE_LABELS) as Confidence[])
    .filter((c) => by.get(c))
    .map((c) => `${by.get(c)} ${CONFIDENCE_LABELS[c]}`);
  if (by.get(null)) parts.push(`${by.get(null)} without a check-in`);
  return parts.join(' · ') || 'none';
}

function roundBlocks(round: HomeTeam['round']): KnownBlock[] {
  if (!round) return [context('No check-in round yet.')];
  const { notAnswered, prompted } = round;
  const answered = prompted - notAnswered.length;
  const head = `*Check-ins for ${roundDay(round.key)}*: ${answered} of ${prompted} answered`;
  if (notAnswered.length === 0) return [section(`${head}. Everyone has checked in.`)];
  const names = notAnswered.slice(0, TEAM_LIMITS.notAnswered).map((n) => esc(truncate(n, 60)));
  const rest = notAnswered.length - names.length;
  return [
    section(
      truncate(
        `${head}\nNot checked in yet: ${names.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`,
        3000,
      ),
    ),
  ];
}

function blockerBlocks(blockers: HomeTeam['blockers']): KnownBlock[] {
  if (blockers.length === 0) return [];
  const lines = blockers
    .slice(0, TEAM_LIMITS.blockers)
    .map(
      (b) =>
        `• ${esc(truncate(b.owner, 60))} on _${esc(truncate(b.keyResult, 100))}_: ${esc(truncate(b.text, 200))}`,
    );
  const rest = blockers.length - lines.length;
  if (rest > 0) lines.push(`…and ${rest} more`);
  return [section(truncate(`*Open blockers (${blockers.length})*\n${lines.join('\n')}`, 3000))];
}

function teamKpiBlocks(kpis: HomeKpi[]): KnownBlock[] {
  if (kpis.length === 0) return [];
  const lines = kpis
    .slice(0, TEAM_LIMITS.kpis)
    .map((k) => `• *${esc(truncate(k.name, 100))}*: ${kpiLine(k)}`);
  const rest = kpis.length - lines.length;
  if (rest > 0) lines.push(`…and ${rest} more: \`/kpi list\``);
  return [section(truncate(`*Team KPIs*\n${lines.join('\n')}`, 3000))];
}
