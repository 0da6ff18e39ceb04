import type { Kysely } from 'kysely';
import { getTeam, listPeople, listTeams, type Team } from '../people/index.js';
import type { Database } from '../platform/db/schema.js';
import {
  type BlockerAnswer,
  buildQuarterReport,
  formatQuarter,
  localDate,
  nextQuarter,
  parseQuarter,
  type Quarter,
  type QuarterReport,
  quarterBounds,
  type ReportKeyResultInput,
  type ReportTeam,
} from './domain/index.js';
import {
  blockerAnswersOf,
  kpisByKey,
  type LinkedKpi,
  type OkrCandidateRow,
  okrCandidatesBetween,
} from './store/quarters.js';
import { type KeyResult, listKeyResults, type Objective } from './store.js';

function reportTeam(t: Team): ReportTeam {
  return {
    key: t.key,
    name: t.name,
    channelId: t.channel_id,
    leadSlackId: t.lead_slack_id,
    report: t.report === 'lead' ? 'lead' : 'channel',
  };
}

/**
 * A person's team, for "each contributing team's key results": the team they lead, else the team their
 * manager (or the manager's manager…) leads. Undefined when the chain reaches no lead.
 */
function teamResolver(
  teams: Team[],
  managers: Map<string, string | null>,
): (slackId: string) => Team | undefined {
  const byLead = new Map<string, Team>();
  for (const t of teams) if (t.lead_slack_id && !byLead.has(t.lead_slack_id)) byLead.set(t.lead_slack_id, t);
  return (slackId) => {
    const seen = new Set<string>();
    let at: string | null | undefined = slackId;
    while (at && !seen.has(at)) {
      const team = byLead.get(at);
      if (team) return team;
      seen.add(at);
      at = managers.get(at);
    }
    return undefined;
  };
}

/** What every team's report of the quarter draws on, read once for all of them. */
interface QuarterData {
  krs: KeyResult[];
  answers: BlockerAnswer[];
  kpis: Map<string, LinkedKpi>;
  candidates: OkrCandidateRow[];
  teamsByKey: Map<string, Team>;
  teamOf: (slackId: string) => Team | undefined;
}

async function readQuarterData(
  db: Kysely<Database>,
  teamId: string,
  quarter: Quarter,
  objectives: Objective[],
  timeZone: string,
): Promise<QuarterData> {
  const krs = await listKeyResults(
    db,
    objectives.map((o) => o.id),
  );
  const [answers, kpis, teams, people] = await Promise.all([
    blockerAnswersOf(
      db,
      krs.map((k) => k.id),
    ),
    kpisByKey(
      db,
      teamId,
      krs.flatMap((k) => (k.kpi_key ? [k.kpi_key] : [])),
    ),
    listTeams(db, teamId),
    listPeople(db, teamId),
  ]);
  const { start, end } = quarterBounds(quarter, timeZone);
  const candidates = await okrCandidatesBetween(db, teamId, start, end);
  const teamOf = teamResolver(teams, new Map(people.map((p) => [p.slack_id, p.manager_slack_id])));
  const teamsByKey = new Map(teams.map((t) => [t.key, t]));
  return { krs, answers, kpis, candidates, teamsByKey, teamOf };
}

const numberOrNull = (v: string | number | null): number | null => (v === null ? null : Number(v));

function keyResultInput(k: KeyResult, data: QuarterData): ReportKeyResultInput {
  const t = data.teamOf(k.owner_slack_id);
  const kpi = k.kpi_key ? data.kpis.get(k.kpi_key) : undefined;
  return {
    id: k.id,
    text: k.text,
    unit: k.unit,
    baseline: numberOrNull(k.baseline),
    target: numberOrNull(k.target),
    final: numberOrNull(k.final_value),
    direction: k.direction,
    score: numberOrNull(k.score),
    achievement: numberOrNull(k.achievement),
    source: k.score_source ?? 'not_scored',
    contributingTeam: t ? { key: t.key, name: t.name } : null,
    kpi: kpi ? { key: kpi.key, name: kpi.name } : k.kpi_key ? { key: k.kpi_key, name: k.kpi_key } : null,
  };
}

/**
 * The OKR candidates a team's report shows: its own KPIs (by team, else by channel); the report without a
 * team shows the KPIs of no known team.
 */
function candidatesOfTeam(data: QuarterData, team: Team | undefined): OkrCandidateRow[] {
  return data.candidates.filter((c) =>
    team
      ? c.kpiTeamKey === team.key ||
        (c.kpiTeamKey === null && c.kpiChannelId !== null && c.kpiChannelId === team.channel_id)
      : c.kpiTeamKey === null || !data.teamsByKey.has(c.kpiTeamKey),
  );
}

/** The objectives by team key (`''` for none), in first-seen order. */
function groupByTeam(objectives: Objective[]): Map<string, Objective[]> {
  const groups = new Map<string, Objective[]>();
  for (const o of objectives) {
    const key = o.team_key ?? '';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return groups;
}

function teamReport(
  data: QuarterData,
  quarters: { quarter: string; next: string },
  team: Team | undefined,
  group: Objective[],
  timeZone: string,
): QuarterReport {
  return buildQuarterReport({
    quarter: quarters.quarter,
    nextQuarter: quarters.next,
    team: team ? reportTeam(team) : null,
    objectives: group.map((o) => ({
      id: o.id,
      text: o.text,
      type: o.type,
      ownerSlackId: o.owner_slack_id,
      keyResults: data.krs.filter((k) => k.objective_id === o.id).map((k) => keyResultInput(k, data)),
    })),
    blockerAnswers: data.answers,
    candidates: candidatesOfTeam(data, team).map((c) => ({
      kpiKey: c.kpiKey,
      kpiName: c.kpiName,
      openedOn: localDate(new Date(c.openedAt), timeZone),
    })),
  });
}

/**
 * The report of each team for these closed objectives (all of one quarter), from what the close stored:
 * final values, scores, check-in blockers, linked KPIs and the quarter's OKR-candidate alerts.
 */
export async function loadQuarterReports(
  db: Kysely<Database>,
  teamId: string,
  quarterKey: string,
  objectives: Objective[],
  timeZone: string,
): Promise<QuarterReport[]> {
  const quarter = parseQuarter(quarterKey);
  if (!quarter) throw new RangeError(`not a quarter: ${quarterKey}`);
  const quarters = { quarter: quarterKey, next: formatQuarter(nextQuarter(quarter)) };
  const data = await readQuarterData(db, teamId, quarter, objectives, timeZone);
  const reports: QuarterReport[] = [];
  for (const [key, group] of groupByTeam(objectives)) {
    const team = key ? (data.teamsByKey.get(key) ?? (await getTeam(db, teamId, key))) : undefined;
    reports.push(teamReport(data, quarters, team, group, timeZone));
  }
  return reports.sort((a, b) => (a.team?.key ?? '').localeCompare(b.team?.key ?? ''));
}
