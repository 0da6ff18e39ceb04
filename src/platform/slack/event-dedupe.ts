import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Records an Events API event as handled; false when it was already (a Slack retry, here or on another
 * replica). The primary key decides, so two replicas racing on one event handle it once.
 */
export async function firstDelivery(
  db: Kysely<Database>,
  teamId: string,
  eventId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('slack_events')
    .values({ event_id: eventId, team_id: teamId, received_at: now.toISOString() })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Forgets events older than `before` (Slack retries within minutes; a day is plenty). */
export async function forgetEventsBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('slack_events')
    .where('received_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows ?? 0n);
}
