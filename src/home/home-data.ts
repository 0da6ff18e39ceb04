import type { Kysely } from 'kysely';
import { type Kpi, listKpis, listRecentReadings } from '../kpis/index.js';
import { activeKeyResultsOf, type OwnedKeyResult } from '../okrs/index.js';
import { getPerson } from '../people/index.js';
import type { Database } from '../platform/db/schema.js';
import type { HomeData, HomeKeyResult, HomeKpi } from './slack/views/home-view.js';

/**
 * What one person's Home tab shows: their name and pause, the key results they own in active objectives,
 * and their KPIs with the latest reading of each. A fixed number of reads, however many KPIs they own: the
 * latest readings of all of them come in one query.
 */
export async function homeData(db: Kysely<Database>, teamId: string, userId: string): Promise<HomeData> {
  const [person, krs, kpis] = await Promise.all([
    getPerson(db, teamId, userId),
    activeKeyResultsOf(db, teamId, [userId]).then((byOwner) => byOwner.get(userId) ?? []),
    listKpis(db, teamId, userId),
  ]);
  const latest = await listRecentReadings(
    db,
    kpis.map((k) => k.id),
    1,
  );
  return {
    name: person?.name ?? 'there',
    pausedUntil: person?.paused_until ?? null,
    keyResults: krs.map(homeKeyResult),
    kpis: kpis.map((k) => homeKpi(k, latest.get(k.id)?.at(-1)?.value ?? null)),
  };
}

function homeKeyResult(kr: OwnedKeyResult): HomeKeyResult {
  return {
    text: kr.text,
    objective: kr.objective_text,
    baseline: kr.baseline,
    current: kr.current,
    target: kr.target,
    unit: kr.unit,
  };
}

function homeKpi(k: Kpi, last: number | null): HomeKpi {
  const inRange = last !== null && last >= k.range_low && last <= k.range_high;
  return {
    key: k.key,
    name: k.name,
    unit: k.unit,
    range: [k.range_low, k.range_high],
    last,
    state: last === null ? 'no readings yet' : inRange ? 'in range' : 'out of range',
  };
}
