import type { Kysely } from 'kysely';
import { newId } from '../db/ids.js';
import type { Database } from '../db/schema.js';

export interface JobClaim {
  jobKey: string;
  kind: string;
  teamId: string;
  runAt: Date;
  payload?: unknown;
}

/**
 * Claims a unit of scheduled work by its unique key. Exactly one caller gets `true` for a key, however
 * many replicas or reruns race for it; a claim whose worker died (lease expired, not done) can be taken
 * over. A finished job is never claimed again.
 */
export async function claimJob(
  db: Kysely<Database>,
  job: JobClaim,
  worker: string,
  now: Date,
  leaseMs = 5 * 60_000,
): Promise<boolean> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const inserted = await db
    .insertInto('scheduled_jobs')
    .values({
      id: newId('job'),
      team_id: job.teamId,
      job_key: job.jobKey,
      kind: job.kind,
      run_at: job.runAt.toISOString(),
      status: 'claimed',
      claimed_by: worker,
      lease_until: leaseUntil,
      attempts: 1,
      last_error: null,
      payload_json: job.payload === undefined ? null : JSON.stringify(job.payload),
      created_at: at,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('job_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return true;
  // Take over an abandoned claim (its worker crashed) or retry a failed one.
  const taken = await db
    .updateTable('scheduled_jobs')
    .set((eb) => ({
      claimed_by: worker,
      lease_until: leaseUntil,
      status: 'claimed',
      attempts: eb('attempts', '+', 1),
    }))
    .where('job_key', '=', job.jobKey)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'failed'),
        eb.and([eb('status', '=', 'claimed'), eb('lease_until', '<', at)]),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Kysely<Database>,
  jobKey: string,
  worker: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ status: 'done', finished_at: now.toISOString(), lease_until: null })
    .where('job_key', '=', jobKey)
    .where('claimed_by', '=', worker)
    .execute();
}

export async function failJob(
  db: Kysely<Database>,
  jobKey: string,
  worker: string,
  error: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({
      status: 'failed',
      last_error: error.slice(0, 2000),
      finished_at: now.toISOString(),
      lease_until: null,
    })
    .where('job_key', '=', jobKey)
    .where('claimed_by', '=', worker)
    .execute();
}

export async function jobStatus(db: Kysely<Database>, jobKey: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('scheduled_jobs')
    .select('status')
    .where('job_key', '=', jobKey)
    .executeTakeFirst();
  return row?.status;
}
