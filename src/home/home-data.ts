import type { Kysely } from 'kysely';
import { type Kpi, type KpiReading, listKpis, listRecentReadings } from '../kpis/index.js';
import { activeKeyResultsOf, type OwnedKeyResult } from '../okrs/index.js';
import { getPerson } from '../people/index.js';
import type { Database } from '../platform/db/schema.js';
import type {
  HomeAlert,
  HomeData,
  HomeKeyResult,
  HomeKpi,
  HomeTeam,
  HomeTeamKeyResult,
} from './slack/views/home-view.js';
import {
  type CheckinRow,
  checkinsOf,
  type FiringAlertRow,
  firingAlertsOf,
  latestRoundPrompts,
  openPromptOf,
  type RoundPromptRow,
  type TeamKeyResultRow,
  teamKeyResults,
  teamKpis,
  teamsLedBy,
} from './store/home-reads.js';

/** Readings per KPI the Home tab reads (its state and its chart). */
const READINGS_PER_KPI = 12;

/**
 * What one person's Home tab shows: their key results and KPIs, their open alerts and round, and for a team
 * lead or objective owner their teams' objectives, check-ins and KPIs. A fixed number of batched reads
 * however many key results, KPIs or people there are: three rounds of queries run side by side.
 */
export async function homeData(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
  options: { now: Date; configuredAdmins?: readonly string[] },
): Promise<HomeData> {
  const [person, krs, myKpis, led, prompt, alerts] = await Promise.all([
    getPerson(db, teamId, userId),
    activeKeyResultsOf(db, teamId, [userId]).then((byOwner) => byOwner.get(userId) ?? []),
    listKpis(db, teamId, userId).then((ks) => ks.filter((k) => k.retired_at === null)),
    teamsLedBy(db, teamId, userId),
    openPromptOf(db, teamId, userId, options.now),
    firingAlertsOf(db, teamId, userId),
  ]);
  const ledKeys = led.map((t) => t.key);
  const [teamKrs, ledKpis] = await Promise.all([
    teamKeyResults(db, teamId, ledKeys, userId),
    teamKpis(db, teamId, ledKeys),
  ]);
  const roundTeams = [...new Set([...ledKeys, ...teamKrs.flatMap((k) => (k.team_key ? [k.team_key] : []))])];
  const [checkins, readings, roundPrompts] = await Promise.all([
    checkinsOf(db, teamId, [...krs.map((k) => k.id), ...teamKrs.map((k) => k.id)]),
    listRecentReadings(
      db,
      [...myKpis, ...ledKpis].map((k) => k.id),
      READINGS_PER_KPI,
    ),
    latestRoundPrompts(db, teamId, roundTeams),
  ]);
  const history = groupBy(checkins, (c) => c.key_result_id);
  return {
    name: person?.name ?? 'there',
    pausedUntil: person?.paused_until ?? null,
    isAdmin: (options.configuredAdmins ?? []).includes(userId) || Number(person?.is_admin ?? 0) === 1,
    openRound: prompt ? { key: prompt.round_key, answered: prompt.answered_at !== null } : null,
    keyResults: krs.map((kr) => homeKeyResult(kr, history.get(kr.id) ?? [])),
    kpis: myKpis.map((k) => homeKpi(k, readings.get(k.id) ?? [])),
    alerts: homeAlerts(alerts),
    team:
      teamKrs.length > 0 || led.length > 0
        ? homeTeam({
            names: led.map((t) => t.name),
            krs: teamKrs,
            history,
            prompts: roundPrompts,
            kpis: ledKpis.map((k) => homeKpi(k, readings.get(k.id) ?? [])),
          })
        : null,
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row)) ?? [];
    list.push(row);
    out.set(key(row), list);
  }
  return out;
}

function homeKeyResult(kr: OwnedKeyResult, checkins: CheckinRow[]): HomeKeyResult {
  const last = checkins.at(-1);
  return {
    id: kr.id,
    text: kr.text,
    objective: kr.objective_text,
    baseline: kr.baseline,
    current: kr.current,
    target: kr.target,
    unit: kr.unit,
    direction: kr.direction,
    confidence: last?.confidence ?? null,
    lastCheckin: last?.round_key ?? null,
    history: checkins.map((c) => ({ round: c.round_key, value: c.value })),
  };
}

/** A KPI with its recent readings (oldest first); its state is the last reading against the range. */
export function homeKpi(k: Kpi, readings: KpiReading[]): HomeKpi {
  const last = readings.at(-1)?.value ?? null;
  const inRange = last !== null && last >= k.range_low && last <= k.range_high;
  return {
    key: k.key,
    name: k.name,
    unit: k.unit,
    range: [k.range_low, k.range_high],
    threshold: k.alert_threshold,
    last,
    state: last === null ? 'no readings yet' : inRange ? 'in range' : 'out of range',
    readings: readings.map((r) => ({ period: r.period, value: r.value })),
  };
}

/** One entry per alert message (its group): the buttons carry the alert that paged. */
function homeAlerts(rows: FiringAlertRow[]): HomeAlert[] {
  const byGroup = new Map<string, HomeAlert>();
  for (const a of rows) {
    const primary = a.group_key?.startsWith('kpi-alert:') ? a.group_key.slice('kpi-alert:'.length) : a.id;
    const seen = byGroup.get(primary);
    if (seen) seen.rules.push(a.rule);
    else
      byGroup.set(primary, {
        id: primary,
        kpiName: a.kpi_name,
        rules: [a.rule],
        severity: a.severity,
        openedAt: a.opened_at,
      });
  }
  return [...byGroup.values()];
}

function homeTeam(input: {
  names: string[];
  krs: TeamKeyResultRow[];
  history: Map<string, CheckinRow[]>;
  prompts: RoundPromptRow[];
  kpis: HomeKpi[];
}): HomeTeam {
  const objectives = new Map<string, { text: string; keyResults: HomeTeamKeyResult[] }>();
  const blockers: HomeTeam['blockers'] = [];
  for (const kr of input.krs) {
    const last = input.history.get(kr.id)?.at(-1);
    const objective = objectives.get(kr.objective_id) ?? { text: kr.objective_text, keyResults: [] };
    objective.keyResults.push({
      text: kr.text,
      owner: kr.owner_name ?? kr.owner_slack_id,
      baseline: kr.baseline,
      current: kr.current,
      target: kr.target,
      unit: kr.unit,
      direction: kr.direction,
      confidence: last?.confidence ?? null,
    });
    objectives.set(kr.objective_id, objective);
    const blocker = last?.blockers?.trim();
    if (blocker)
      blockers.push({ keyResult: kr.text, owner: kr.owner_name ?? kr.owner_slack_id, text: blocker });
  }
  const round = input.prompts[0]?.round_key ?? null;
  return {
    names: input.names,
    objectives: [...objectives.values()],
    round: round
      ? {
          key: round,
          prompted: input.prompts.length,
          notAnswered: input.prompts
            .filter((p) => p.answered_at === null)
            .map((p) => p.name ?? p.owner_slack_id),
        }
      : null,
    blockers,
    kpis: input.kpis,
  };
}
