import type { Kysely } from 'kysely';
import { stringify } from 'yaml';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import type { LocalUser } from '../../src/localslack/types.js';
import { parseImportFile } from '../../src/people/index.js';
import type { Database } from '../../src/platform/db/schema.js';

// A big team for the Home tab's tests: a lead, `owners` people, `objectives` objectives with
// `keyResultsPerObjective` key results each (at most 5: the import refuses more) (owners take turns), and one KPI per owner up to `kpis`.

export const BIG_LEAD = 'U0BIGLEAD';
export const BIG_CHANNEL = 'C0BIG';

export interface BigTeamShape {
  owners: number;
  objectives: number;
  keyResultsPerObjective: number;
  kpis: number;
}

export const ownerId = (i: number) => `U1OWNER${String(i).padStart(3, '0')}`;

export function bigTeamUsers(shape: BigTeamShape): LocalUser[] {
  return [
    { id: BIG_LEAD, name: 'lea', realName: 'Lea Lead', tz: 'UTC' },
    ...Array.from({ length: shape.owners }, (_, i) => ({
      id: ownerId(i),
      name: `owner${i}`,
      realName: `Owner ${String(i).padStart(3, '0')}`,
      tz: 'UTC',
    })),
  ];
}

export function bigTeamYaml(shape: BigTeamShape): string {
  let n = 0;
  return stringify({
    people: bigTeamUsers(shape).map((u) => ({ slack_id: u.id, name: u.realName, tz: 'UTC' })),
    teams: [
      {
        key: 'big',
        name: 'Big Team',
        channel: BIG_CHANNEL,
        lead: BIG_LEAD,
        checkin: { day: 'monday', time: '10:00', cadence: 'weekly' },
      },
    ],
    objectives: Array.from({ length: shape.objectives }, (_, o) => ({
      key: `big-o${o}`,
      team: 'big',
      quarter: '2026Q4',
      type: 'committed',
      owner: BIG_LEAD,
      text: `Big objective number ${o} with a reasonably long description of what we want`,
      key_results: Array.from({ length: shape.keyResultsPerObjective }, (_, k) => ({
        key: `big-o${o}-kr${k}`,
        text: `Key result ${o}.${k}: raise the measured thing from 10 to 50 by the end of Q4`,
        owner: ownerId(n++ % shape.owners),
        baseline: 10,
        target: 50,
        unit: 'points',
      })),
    })),
    kpis: Array.from({ length: shape.kpis }, (_, i) => ({
      key: `big-kpi-${i}`,
      name: `Big KPI ${i}`,
      unit: '%',
      direction: 'higher_is_better',
      owner: ownerId(i % shape.owners),
      channel: BIG_CHANNEL,
      team: 'big',
      cadence: 'monthly',
      range: [80, 100],
      alert_threshold: 60,
      protocol: 'Look into it within a week',
    })),
  });
}

export async function importBigTeam(
  db: Kysely<Database>,
  teamId: string,
  shape: BigTeamShape,
  now: Date,
): Promise<void> {
  const parsed = parseImportFile(bigTeamYaml(shape), await knownIds(db, teamId));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  await applyImport(db, teamId, parsed.file, now);
}
