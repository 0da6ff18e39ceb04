import type { Kysely } from 'kysely';
import { getTeam, listPeople, listTeams, type Team } from '../people/index.js';
import type { Database } from '../platform/db/schema.js';
import {
  buildQuarterReport,
  formatQuarter,
  localDate,
  nextQuarter,
  parseQuarter,
  type QuarterReport,
  quarterBounds,
  type ReportKeyResultInput,
  type ReportTeam,
} from './domain/index.js';
import { blockerAnswersOf, kpisByKey, okrCandidatesBetween } from './store/quarters.js';
import { listKeyResults, type Objective } from './store.js';

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
  const next = formatQuarter(nextQuarter(quarter));
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

  const groups = new Map<string, Objective[]>();
  for (const o of objectives) {
    const key = o.team_key ?? '';
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const reports: QuarterReport[] = [];
  for (const [key, group] of groups) {
    const team = key ? (teamsByKey.get(key) ?? (await getTeam(db, teamId, key))) : undefined;
    const krInput = (objectiveId: string): ReportKeyResultInput[] =>
      krs
        .filter((k) => k.objective_id === objectiveId)
        .map((k) => {
          const t = teamOf(k.owner_slack_id);
          const kpi = k.kpi_key ? kpis.get(k.kpi_key) : undefined;
          return {
            id: k.id,
            text: k.text,
            unit: k.unit,
            baseline: k.baseline === null ? null : Number(k.baseline),
            target: k.target === null ? null : Number(k.target),
            final: k.final_value === null ? null : Number(k.final_value),
            direction: k.direction,
            score: k.score === null ? null : Number(k.score),
            achievement: k.achievement === null ? null : Number(k.achievement),
            source: k.score_source ?? 'not_scored',
            contributingTeam: t ? { key: t.key, name: t.name } : null,
            kpi: kpi
              ? { key: kpi.key, name: kpi.name }
              : k.kpi_key
                ? { key: k.kpi_key, name: k.kpi_key }
                : null,
          };
        });
    const teamCandidates = candidates.filter((c) =>
      team
        ? c.kpiTeamKey === team.key ||
          (c.kpiTeamKey === null && c.kpiChannelId !== null && c.kpiChannelId === team.channel_id)
        : c.kpiTeamKey === null || !teamsByKey.has(c.kpiTeamKey),
    );
    reports.push(
      buildQuarterReport({
        quarter: quarterKey,
        nextQuarter: next,
        team: team ? reportTeam(team) : null,
        objectives: group.map((o) => ({
          id: o.id,
          text: o.text,
          type: o.type,
          ownerSlackId: o.owner_slack_id,
          keyResults: krInput(o.id),
        })),
        blockerAnswers: answers,
        candidates: teamCandidates.map((c) => ({
          kpiKey: c.kpiKey,
          kpiName: c.kpiName,
          openedOn: localDate(new Date(c.openedAt), timeZone),
        })),
      }),
    );
  }
  return reports.sort((a, b) => (a.team?.key ?? '').localeCompare(b.team?.key ?? ''));
}
