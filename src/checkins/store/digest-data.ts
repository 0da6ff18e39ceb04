import type { Kysely } from 'kysely';
import { chunks } from '../../platform/db/chunks.js';
import type { Database } from '../../platform/db/schema.js';
import { type Checkin, checkinHistory } from './answers.js';

// What a team's digest is made of. Reads only: the team's key results (the okrs feature's tables) and the
// round's prompts joined to people's names, for this check-in question.

export interface DigestKeyResult {
  id: string;
  text: string;
  owner: string;
  unit: string | null;
  baseline: number | null;
  current: number | null;
  created_at: string;
}

export interface DigestPrompt {
  owner: string;
  name: string;
  answeredAt: string | null;
  pausedUntil: string | null;
}

export interface DigestSource {
  prompts: DigestPrompt[];
  keyResults: DigestKeyResult[];
  checkins: Checkin[];
  rounds: string[];
}

/** Key results of the team's active objectives, in the order people see them. */
async function teamKeyResults(
  db: Kysely<Database>,
  teamId: string,
  teamKey: string,
): Promise<DigestKeyResult[]> {
  return db
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
}

/**
 * These owners' prompts of `roundKey` on the team's schedule (prompts whose team is `teamKey`), and every
 * round of the team any of them was prompted for from `historyFrom` on.
 */
async function ownersPrompts(
  db: Kysely<Database>,
  teamId: string,
  teamKey: string,
  owners: string[],
  roundKey: string,
  historyFrom: string,
): Promise<{ prompts: DigestPrompt[]; rounds: Set<string> }> {
  const prompts: DigestPrompt[] = [];
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
      .where('p.team_key', '=', teamKey)
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
  return { prompts, rounds };
}

/** What a team's digest for one round is made of. */
export async function digestData(
  db: Kysely<Database>,
  teamId: string,
  teamKey: string,
  roundKey: string,
  historyFrom: string,
): Promise<DigestSource> {
  const keyResults = await teamKeyResults(db, teamId, teamKey);
  const owners = [...new Set(keyResults.map((k) => k.owner))];
  const { prompts, rounds } = await ownersPrompts(db, teamId, teamKey, owners, roundKey, historyFrom);
  const checkins = await checkinHistory(
    db,
    keyResults.map((k) => k.id),
    historyFrom,
    roundKey,
  );
  prompts.sort((a, b) => a.name.localeCompare(b.name));
  return { prompts, keyResults, checkins, rounds: [...rounds].sort() };
}
