import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * The status of these claims in the platform's `scheduled_jobs`, by job key (a read; claims are taken and
 * settled through `platform/scheduler/claims`). One query per chunk rather than `jobStatus` per key.
 */
export async function jobStatuses(db: Kysely<Database>, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks([...new Set(keys)])) {
    const rows = await db
      .selectFrom('scheduled_jobs')
      .select(['job_key', 'status'])
      .where('job_key', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.job_key, r.status);
  }
  return out;
}
