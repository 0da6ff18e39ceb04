// A help-reply form names, in its private_metadata, whom the reply goes to. That is checked against the
// stored check-in: only someone the check-in asked for help can answer, so a forged form cannot make the bot
// DM anyone the submitter's text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayReplyTo } from '../../src/checkins/help-reply.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('who may answer a check-in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T02:00:00Z' });
    await h.importSample();
    const kr = await h.db
      .selectFrom('key_results')
      .select(['id'])
      .where('key', '=', 'tth')
      .executeTakeFirstOrThrow();
    await h.db
      .insertInto('checkins')
      .values({
        id: 'chk_test1',
        team_id: h.teamId,
        key_result_id: kr.id,
        owner_slack_id: 'U01MINA',
        round_key: '2026-11-23',
        value: 45,
        confidence: 'at_risk',
        changed: null,
        blockers: 'Waiting on the new job board contract',
        next_focus: null,
        submitted_at: '2026-11-23T02:00:00.000Z',
        updated_at: '2026-11-23T02:00:00.000Z',
      })
      .execute();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lets the objective owner and the manager answer a check-in that asked for help', async () => {
    expect(await mayReplyTo(h.bot.ctx, h.teamId, 'U02JOON', 'U01MINA', '2026-11-23')).toBe(true);
  });

  it('refuses anyone else, the person themselves, and a round with no request for help', async () => {
    expect(await mayReplyTo(h.bot.ctx, h.teamId, 'U05PRIYA', 'U01MINA', '2026-11-23')).toBe(false);
    expect(await mayReplyTo(h.bot.ctx, h.teamId, 'U01MINA', 'U01MINA', '2026-11-23')).toBe(false);
    expect(await mayReplyTo(h.bot.ctx, h.teamId, 'U02JOON', 'U01MINA', '2026-11-16')).toBe(false);
    expect(await mayReplyTo(h.bot.ctx, h.teamId, 'U02JOON', 'U05PRIYA', '2026-11-23')).toBe(false);
  });
});
