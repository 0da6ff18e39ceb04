import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';
import type { OutboxMessage } from '../../platform/outbox/store.js';

// What check-ins need of the platform's outbox beyond `enqueueMessages`: the rows of messages already
// queued (where a prompt or a round's thread landed in Slack), and dropping queued messages a newer
// check-in made stale. The platform's outbox store has no function for either.

/** The outbox rows with these dedupe keys, by key. */
export async function outboxRowsByKey(
  db: Kysely<Database>,
  keys: string[],
): Promise<Map<string, OutboxMessage>> {
  const out = new Map<string, OutboxMessage>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await db.selectFrom('outbox').selectAll().where('dedupe_key', 'in', chunk).execute();
    for (const r of rows) out.set(r.dedupe_key, r);
  }
  return out;
}

/**
 * Marks these messages skipped when they have not gone out yet (pending or failed), in the caller's
 * transaction. The one write to a table outside check-ins, kept here until the platform's outbox store
 * offers it.
 */
export async function skipSupersededMessages(trx: Kysely<Database>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await trx
    .updateTable('outbox')
    .set({ status: 'skipped', last_error: 'superseded by a check-in', lease_until: null })
    .where('dedupe_key', 'in', keys)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
}
