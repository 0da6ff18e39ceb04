import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';

/** Records a Home tab published to someone (and that they have opened it), with the view's hash. */
export async function recordHomePublished(
  db: Kysely<Database>,
  teamId: string,
  userId: string,
  viewHash: string,
  at: Date,
): Promise<void> {
  const now = at.toISOString();
  await db
    .insertInto('home_views')
    .values({ team_id: teamId, slack_id: userId, view_hash: viewHash, opened_at: now, published_at: now })
    .onConflict((oc) =>
      oc.columns(['team_id', 'slack_id']).doUpdateSet({ view_hash: viewHash, published_at: now }),
    )
    .execute();
}

/** Of these people, those who have opened the Home tab, with the hash of the view they were last sent. */
export async function homeViewHashes(
  db: Kysely<Database>,
  teamId: string,
  userIds: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const chunk of chunks([...new Set(userIds)])) {
    const rows = await db
      .selectFrom('home_views')
      .select(['slack_id', 'view_hash'])
      .where('team_id', '=', teamId)
      .where('slack_id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.slack_id, r.view_hash);
  }
  return out;
}

/**
 * Whose Home tab a change by these people concerns: themselves, the leads of the teams of their key results'
 * objectives and of their KPIs, and the owners of their key results' objectives.
 */
export async function homeAudience(
  db: Kysely<Database>,
  teamId: string,
  actors: readonly string[],
): Promise<string[]> {
  const out = new Set(actors);
  for (const chunk of chunks([...new Set(actors)])) {
    const [objectives, kpis] = await Promise.all([
      db
        .selectFrom('key_results as kr')
        .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
        .select(['o.owner_slack_id', 'o.team_key'])
        .where('kr.team_id', '=', teamId)
        .where('kr.owner_slack_id', 'in', chunk)
        .where('o.status', '=', 'active')
        .execute(),
      db
        .selectFrom('kpis')
        .select('team_key')
        .where('team_id', '=', teamId)
        .where('owner_slack_id', 'in', chunk)
        .execute(),
    ]);
    for (const o of objectives) out.add(o.owner_slack_id);
    const teamKeys = [...objectives, ...kpis].flatMap((r) => (r.team_key ? [r.team_key] : []));
    if (teamKeys.length === 0) continue;
    const leads = await db
      .selectFrom('teams')
      .select('lead_slack_id')
      .where('team_id', '=', teamId)
      .where('key', 'in', [...new Set(teamKeys)])
      .execute();
    for (const l of leads) if (l.lead_slack_id) out.add(l.lead_slack_id);
  }
  return [...out];
}

/** People sent a direct message (the outbox's target is their user id) since `since`. */
export async function directMessageRecipientsSince(
  db: Kysely<Database>,
  teamId: string,
  since: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('target')
    .distinct()
    .where('team_id', '=', teamId)
    .where('status', '=', 'sent')
    .where('sent_at', '>=', since.toISOString())
    .where((eb) => eb.or([eb('target', 'like', 'U%'), eb('target', 'like', 'W%')]))
    .execute();
  return rows.map((r) => r.target);
}

/** Owners of the KPIs that got a reading recorded since `since` (their state, and perhaps an alert), by workspace. */
export async function kpiOwnersWithReadingsSince(
  db: Kysely<Database>,
  since: Date,
): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('kpi_readings as r')
    .innerJoin('kpis as k', 'k.id', 'r.kpi_id')
    .select(['r.team_id', 'k.owner_slack_id'])
    .distinct()
    .where('r.recorded_at', '>=', since.toISOString())
    .execute();
  const byTeam = new Map<string, string[]>();
  for (const r of rows) byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), r.owner_slack_id]);
  return byTeam;
}
