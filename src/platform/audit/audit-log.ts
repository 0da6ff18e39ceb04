import type { Kysely } from 'kysely';
import { newId } from '../db/ids.js';
import type { Database } from '../db/schema.js';

export interface AuditEvent {
  teamId: string;
  at: Date;
  /** A Slack user id, `cli`, `api:<token name>` or `import`. */
  actor: string;
  action: string;
  /** What changed: `kpi:time-to-hire`, `alert:alert_…`, `quarter:2026Q4`, `person:U01`. */
  subject: string;
  before?: unknown;
  after?: unknown;
}

/** Records one event; call it in the same transaction as the change it describes. */
export async function recordAudit(db: Kysely<Database>, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId('aud'),
      team_id: e.teamId,
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      subject: e.subject,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditRow {
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

/** Events of a workspace, oldest first, since an ISO time and about one subject prefix when given. */
export async function listAudit(
  db: Kysely<Database>,
  teamId: string,
  filter: { since?: string; subject?: string } = {},
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_events').selectAll().where('team_id', '=', teamId);
  if (filter.since) q = q.where('at', '>=', filter.since);
  if (filter.subject) q = q.where('subject', '=', filter.subject);
  const rows = await q.orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
  }));
}
