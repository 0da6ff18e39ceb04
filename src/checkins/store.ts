import { type Kysely, type Selectable, sql } from 'kysely';
import { keyResultsWithObjective, type OwnedKeyResult } from '../okrs/index.js';
import type { Person } from '../people/index.js';
import { chunks } from '../platform/db/chunks.js';
import { newId } from '../platform/db/ids.js';
import type { CheckinPromptTable, CheckinTable, Database } from '../platform/db/schema.js';
import { enqueueMessages, type OutboxMessage, type OutgoingMessage } from '../platform/outbox/store.js';
import type { Answer } from './domain/answer.js';

export type { Answer };
export type CheckinPrompt = Selectable<CheckinPromptTable>;
export type Checkin = Selectable<CheckinTable>;

// ---------------------------------------------------------------- people, teams, owners

/** For every owner of a key result of an active objective: how many they own per team. */
export async function ownerTeamCounts(
  db: Kysely<Database>,
  teamId: string,
  owners?: string[],
): Promise<Array<{ owner: string; teamKey: string | null; count: number }>> {
  const run = (subset?: string[]) => {
    let q = db
      .selectFrom('key_results as kr')
      .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
      .select((eb) => ['kr.owner_slack_id as owner', 'o.team_key as team_key', eb.fn.countAll().as('n')])
      .where('kr.team_id', '=', teamId)
      .where('o.status', '=', 'active');
    if (subset) q = q.where('kr.owner_slack_id', 'in', subset);
    return q.groupBy(['kr.owner_slack_id', 'o.team_key']).execute();
  };
  const rows = owners ? (await Promise.all(chunks(owners).map((c) => run(c)))).flat() : await run();
  return rows.map((r) => ({ owner: r.owner, teamKey: r.team_key, count: Number(r.n) }));
}

/** Active key results (objective active) of these owners, in the order people see them. */
/** People who own an active key result and whose Slack time zone was not checked since `staleBefore`. */
export async function ownersWithStaleTimeZones(
  db: Kysely<Database>,
  teamId: string,
  staleBefore: string,
): Promise<Person[]> {
  return db
    .selectFrom('people as p')
    .selectAll('p')
    .where('p.team_id', '=', teamId)
    .where((eb) => eb.or([eb('p.tz_checked_at', 'is', null), eb('p.tz_checked_at', '<', staleBefore)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('key_results as kr')
          .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
          .select(sql`1`.as('one'))
          .whereRef('kr.team_id', '=', 'p.team_id')
          .whereRef('kr.owner_slack_id', '=', 'p.slack_id')
          .where('o.status', '=', 'active'),
      ),
    )
    .execute();
}

/** Records that these people's time zones were checked; a zone Slack reported replaces the stored one. */
export async function recordTimeZoneChecks(
  db: Kysely<Database>,
  teamId: string,
  checks: Array<{ slackId: string; tz: string | null }>,
  now: Date,
): Promise<number> {
  if (checks.length === 0) return 0;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    for (const c of checks) {
      const person = trx
        .updateTable('people')
        .where('team_id', '=', teamId)
        .where('slack_id', '=', c.slackId);
      if (c.tz) {
        const tz = c.tz;
        const moved = await person
          .set({ tz, tz_source: 'slack', tz_checked_at: at, updated_at: at })
          .where((eb) =>
            eb.or([
              eb('tz', 'is', null),
              eb('tz', '!=', tz),
              eb('tz_source', 'is', null),
              eb('tz_source', '!=', 'slack'),
            ]),
          )
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) > 0) {
          changed++;
          continue;
        }
      }
      await person.set({ tz_checked_at: at }).execute();
    }
    return changed;
  });
}

// ---------------------------------------------------------------- prompts

/** The latest round key each owner was prompted for, among rounds from `fromRoundKey` on. */
export async function lastPromptedRounds(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('checkin_prompts')
    .select((eb) => ['owner_slack_id', eb.fn.max('round_key').as('last')])
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .groupBy('owner_slack_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_slack_id, String(r.last)]));
}

export interface NewPrompt {
  teamId: string;
  owner: string;
  roundKey: string;
  teamKey: string | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Claims prompts and queues their messages in one transaction: a prompt row (unique per owner and round)
 * and its outbox row (unique dedupe key) exist together or not at all. Rows already there are left alone,
 * so a rerun or a second scheduler adds nothing. Returns how many prompts were new.
 */
export async function recordPrompts(
  db: Kysely<Database>,
  prompts: NewPrompt[],
  messages: OutgoingMessage[],
  now: Date,
): Promise<number> {
  if (prompts.length === 0) return 0;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (const chunk of chunks(prompts, 100)) {
      const result = await trx
        .insertInto('checkin_prompts')
        .values(
          chunk.map((p) => ({
            team_id: p.teamId,
            owner_slack_id: p.owner,
            round_key: p.roundKey,
            channel_id: null,
            message_ts: null,
            sent_at: null,
            answered_at: null,
            nudged_at: null,
            created_at: at,
            team_key: p.teamKey,
            starts_at: p.startsAt.toISOString(),
            ends_at: p.endsAt.toISOString(),
            revision: 0,
            summary_revision: 0,
          })),
        )
        .onConflict((oc) => oc.columns(['team_id', 'owner_slack_id', 'round_key']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    await enqueueMessages(trx, messages, now);
    return added;
  });
}

export async function getPrompt(
  db: Kysely<Database>,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<CheckinPrompt | undefined> {
  return db
    .selectFrom('checkin_prompts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('owner_slack_id', '=', owner)
    .where('round_key', '=', roundKey)
    .executeTakeFirst();
}

/** Copies where and when each prompt was delivered from its outbox row (after the sender marked it sent). */
export async function syncPromptDelivery(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<void> {
  const key = sql`'checkin-prompt:' || checkin_prompts.team_id || ':' || checkin_prompts.owner_slack_id || ':' || checkin_prompts.round_key`;
  await sql`
    update checkin_prompts set
      sent_at = (select o.sent_at from outbox o where o.dedupe_key = ${key}),
      channel_id = (select o.result_channel from outbox o where o.dedupe_key = ${key}),
      message_ts = (select o.result_ts from outbox o where o.dedupe_key = ${key})
    where team_id = ${teamId} and round_key >= ${fromRoundKey} and sent_at is null
      and exists (select 1 from outbox o where o.dedupe_key = ${key} and o.status = 'sent')
  `.execute(db);
}

export type NudgeCandidate = Pick<
  CheckinPrompt,
  'owner_slack_id' | 'round_key' | 'sent_at' | 'starts_at' | 'ends_at' | 'team_key'
> & { tz: string | null; paused_until: string | null; dm_blocked_reason: string | null };

/** Delivered, unanswered, not yet nudged prompts of rounds still open at `now`. */
export async function listNudgeCandidates(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
  now: Date,
): Promise<NudgeCandidate[]> {
  return db
    .selectFrom('checkin_prompts as p')
    .leftJoin('people as pe', (j) =>
      j.onRef('pe.team_id', '=', 'p.team_id').onRef('pe.slack_id', '=', 'p.owner_slack_id'),
    )
    .select([
      'p.owner_slack_id',
      'p.round_key',
      'p.sent_at',
      'p.starts_at',
      'p.ends_at',
      'p.team_key',
      'pe.tz',
      'pe.paused_until',
      'pe.dm_blocked_reason',
    ])
    .where('p.team_id', '=', teamId)
    .where('p.round_key', '>=', fromRoundKey)
    .where('p.sent_at', 'is not', null)
    .where('p.answered_at', 'is', null)
    .where('p.nudged_at', 'is', null)
    .where('p.ends_at', '>', now.toISOString())
    .execute();
}

/**
 * Claims the one reminder of each of these prompts (still unanswered, not yet nudged) and queues a message
 * for each prompt it claimed, in one transaction. A prompt claimed by another scheduler, or answered in the
 * meantime, gets nothing. Returns the owners nudged.
 */
export async function recordNudges(
  db: Kysely<Database>,
  teamId: string,
  roundKey: string,
  owners: string[],
  message: (owner: string) => OutgoingMessage,
  now: Date,
): Promise<string[]> {
  if (owners.length === 0) return [];
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed: string[] = [];
    for (const chunk of chunks(owners, 200)) {
      const rows = await trx
        .updateTable('checkin_prompts')
        .set({ nudged_at: at })
        .where('team_id', '=', teamId)
        .where('round_key', '=', roundKey)
        .where('owner_slack_id', 'in', chunk)
        .where('nudged_at', 'is', null)
        .where('answered_at', 'is', null)
        .returning('owner_slack_id')
        .execute();
      claimed.push(...rows.map((r) => r.owner_slack_id));
    }
    await enqueueMessages(trx, claimed.map(message), now);
    return claimed;
  });
}

// ---------------------------------------------------------------- answers

export async function roundCheckins(
  db: Kysely<Database>,
  teamId: string,
  owner: string,
  roundKey: string,
): Promise<Checkin[]> {
  return db
    .selectFrom('checkins')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('owner_slack_id', '=', owner)
    .where('round_key', '=', roundKey)
    .execute();
}

/** Check-ins of these key results in rounds `fromRoundKey` ≤ round ≤ `toRoundKey`, oldest round first. */
export async function checkinHistory(
  db: Kysely<Database>,
  keyResultIds: string[],
  fromRoundKey: string,
  toRoundKey: string,
): Promise<Checkin[]> {
  const out: Checkin[] = [];
  for (const chunk of chunks([...new Set(keyResultIds)])) {
    out.push(
      ...(await db
        .selectFrom('checkins')
        .selectAll()
        .where('key_result_id', 'in', chunk)
        .where('round_key', '>=', fromRoundKey)
        .where('round_key', '<=', toRoundKey)
        .execute()),
    );
  }
  return out.sort((a, b) => (a.round_key < b.round_key ? -1 : a.round_key > b.round_key ? 1 : 0));
}

/**
 * Stores one submission of a round in one transaction: the check-ins (one per key result and round; a later
 * submission replaces the earlier answers), each key result's current value, the prompt's answered time and
 * revision, and the messages `messages(revision)` builds. Pending messages that the new revision makes
 * stale (`supersededKeys(revision)`: an older "Checked in" edit, a reminder not yet sent) are dropped.
 */
export async function saveAnswers(
  db: Kysely<Database>,
  input: { teamId: string; owner: string; roundKey: string; answers: Answer[] },
  messages: (revision: number) => OutgoingMessage[],
  supersededKeys: (revision: number) => string[],
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    for (const a of input.answers) {
      await trx
        .insertInto('checkins')
        .values({
          id: newId('ci'),
          team_id: input.teamId,
          key_result_id: a.keyResultId,
          owner_slack_id: input.owner,
          round_key: input.roundKey,
          value: a.value,
          confidence: a.confidence,
          changed: a.changed,
          blockers: a.blockers,
          next_focus: a.nextFocus,
          submitted_at: at,
          updated_at: at,
        })
        .onConflict((oc) =>
          oc.columns(['key_result_id', 'round_key']).doUpdateSet({
            owner_slack_id: input.owner,
            value: a.value,
            confidence: a.confidence,
            changed: a.changed,
            blockers: a.blockers,
            next_focus: a.nextFocus,
            updated_at: at,
          }),
        )
        .execute();
      await trx
        .updateTable('key_results')
        .set({ current: a.value, updated_at: at })
        .where('id', '=', a.keyResultId)
        .execute();
    }
    const updated = await trx
      .updateTable('checkin_prompts')
      .set((eb) => ({
        revision: eb('revision', '+', 1),
        answered_at: eb.fn.coalesce('answered_at', eb.val(at)),
      }))
      .where('team_id', '=', input.teamId)
      .where('owner_slack_id', '=', input.owner)
      .where('round_key', '=', input.roundKey)
      .returning('revision')
      .executeTakeFirstOrThrow();
    const revision = Number(updated.revision);
    const stale = supersededKeys(revision);
    if (stale.length > 0) {
      await trx
        .updateTable('outbox')
        .set({ status: 'skipped', last_error: 'superseded by a check-in', lease_until: null })
        .where('dedupe_key', 'in', stale)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
    }
    await enqueueMessages(trx, messages(revision), now);
    return revision;
  });
}

// ---------------------------------------------------------------- thread summaries

/** Prompts answered since their last summary (optionally one owner's round). */
export async function listOwedSummaries(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
  only?: { owner: string; roundKey: string },
  limit = 500,
): Promise<CheckinPrompt[]> {
  let q = db
    .selectFrom('checkin_prompts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .whereRef('revision', '>', 'summary_revision');
  if (only) q = q.where('owner_slack_id', '=', only.owner).where('round_key', '=', only.roundKey);
  return q.orderBy('round_key').orderBy('owner_slack_id').limit(limit).execute();
}

/** Queues the summary replies of one revision and records it as summarised, in one transaction. */
export async function recordSummary(
  db: Kysely<Database>,
  prompt: { teamId: string; owner: string; roundKey: string; revision: number },
  messages: OutgoingMessage[],
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('checkin_prompts')
      .set({ summary_revision: prompt.revision })
      .where('team_id', '=', prompt.teamId)
      .where('owner_slack_id', '=', prompt.owner)
      .where('round_key', '=', prompt.roundKey)
      .where('summary_revision', '<', prompt.revision)
      .execute();
    await enqueueMessages(trx, messages, now);
  });
}

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

// ---------------------------------------------------------------- digests

/** Round keys with prompts from `fromRoundKey` on, with the earliest and latest end of their owners' rounds. */
export async function roundWindows(
  db: Kysely<Database>,
  teamId: string,
  fromRoundKey: string,
): Promise<Array<{ roundKey: string; firstEnd: string; lastEnd: string }>> {
  const rows = await db
    .selectFrom('checkin_prompts')
    .select((eb) => ['round_key', eb.fn.min('ends_at').as('first_end'), eb.fn.max('ends_at').as('last_end')])
    .where('team_id', '=', teamId)
    .where('round_key', '>=', fromRoundKey)
    .where('ends_at', 'is not', null)
    .groupBy('round_key')
    .execute();
  return rows.map((r) => ({
    roundKey: r.round_key,
    firstEnd: String(r.first_end),
    lastEnd: String(r.last_end),
  }));
}

/** For one round: each team (of the objectives its owners answer for) and when the last of them ends. */
export async function teamRoundEnds(
  db: Kysely<Database>,
  teamId: string,
  roundKey: string,
): Promise<Array<{ teamKey: string; lastEnd: string }>> {
  const rows = await db
    .selectFrom('checkin_prompts as p')
    .innerJoin('key_results as kr', (j) =>
      j.onRef('kr.team_id', '=', 'p.team_id').onRef('kr.owner_slack_id', '=', 'p.owner_slack_id'),
    )
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .select((eb) => ['o.team_key', eb.fn.max('p.ends_at').as('last_end')])
    .where('p.team_id', '=', teamId)
    .where('p.round_key', '=', roundKey)
    .where('o.status', '!=', 'draft')
    .where('o.team_key', 'is not', null)
    .groupBy('o.team_key')
    .execute();
  return rows.map((r) => ({ teamKey: r.team_key as string, lastEnd: String(r.last_end) }));
}

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

export interface DigestKeyResult {
  id: string;
  text: string;
  owner: string;
  unit: string | null;
  baseline: number | null;
  current: number | null;
  created_at: string;
}

/** What a team's digest for one round is made of. */
export async function digestData(
  db: Kysely<Database>,
  teamId: string,
  teamKey: string,
  roundKey: string,
  historyFrom: string,
): Promise<{
  prompts: Array<{ owner: string; name: string; answeredAt: string | null; pausedUntil: string | null }>;
  keyResults: DigestKeyResult[];
  checkins: Checkin[];
  rounds: string[];
}> {
  const keyResults = await db
    .selectFrom('key_results as kr')
    .innerJoin('objectives as o', 'o.id', 'kr.objective_id')
    .select([
      'kr.id',
      'kr.text',
      'kr.owner_slack_id as owner',
      'kr.unit',
      'kr.baseline',
      'kr.current',
      'kr.created_at',
    ])
    .where('kr.team_id', '=', teamId)
    .where('o.team_key', '=', teamKey)
    .where('o.status', '=', 'active')
    .orderBy('o.created_at')
    .orderBy('kr.position')
    .execute();
  const owners = [...new Set(keyResults.map((k) => k.owner))];
  const prompts: Array<{
    owner: string;
    name: string;
    answeredAt: string | null;
    pausedUntil: string | null;
  }> = [];
  const rounds = new Set<string>();
  for (const chunk of chunks(owners)) {
    const rows = await db
      .selectFrom('checkin_prompts as p')
      .leftJoin('people as pe', (j) =>
        j.onRef('pe.team_id', '=', 'p.team_id').onRef('pe.slack_id', '=', 'p.owner_slack_id'),
      )
      .select(['p.owner_slack_id', 'p.round_key', 'p.answered_at', 'pe.name', 'pe.paused_until'])
      .where('p.team_id', '=', teamId)
      .where('p.owner_slack_id', 'in', chunk)
      .where('p.round_key', '>=', historyFrom)
      .where('p.round_key', '<=', roundKey)
      .execute();
    for (const r of rows) {
      rounds.add(r.round_key);
      if (r.round_key === roundKey) {
        prompts.push({
          owner: r.owner_slack_id,
          name: r.name ?? r.owner_slack_id,
          answeredAt: r.answered_at,
          pausedUntil: r.paused_until ?? null,
        });
      }
    }
  }
  const checkins = await checkinHistory(
    db,
    keyResults.map((k) => k.id),
    historyFrom,
    roundKey,
  );
  prompts.sort((a, b) => a.name.localeCompare(b.name));
  return { prompts, keyResults, checkins, rounds: [...rounds].sort() };
}

// ---------------------------------------------------------------- lookups by id

/** These key results with their objective (any status), by id. */
export async function keyResultsByIds(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, OwnedKeyResult & { objective_status: string }>> {
  const out = new Map<string, OwnedKeyResult & { objective_status: string }>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await keyResultsWithObjective(db).where('kr.id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

export async function checkinPeopleByIds(
  db: Kysely<Database>,
  teamId: string,
  ids: string[],
): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (const chunk of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('people')
      .selectAll()
      .where('team_id', '=', teamId)
      .where('slack_id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.slack_id, r);
  }
  return out;
}
