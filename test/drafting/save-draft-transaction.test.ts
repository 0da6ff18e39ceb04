// Saving a draft writes the objective, its key results, any new person and the outbox messages (the team
// channel's summary, one DM per owner) in one transaction: a failure half-way leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveDraft } from '../../src/drafting/drafts.js';
import type { AppContext } from '../../src/platform/context.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

const NEWCOMER = 'U09NEWBIE'; // not in the directory yet: saving makes their people row

describe.each(dialectsUnderTest())('saving a draft (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ dialect, now: '2026-11-23T01:00:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  const draft = {
    objective: 'Make onboarding something new hires talk about',
    type: 'committed' as const,
    quarter: '2026Q4',
    channel: 'C0TALENT',
    keyResults: [
      { text: 'Raise week-one satisfaction from 3.1 to 4.5 by December 31', owner: 'U01MINA' },
      { text: 'Cut time to first commit from 9 to 3 days', owner: NEWCOMER },
    ],
  };
  const counts = async () => {
    const count = async (table: 'objectives' | 'key_results' | 'outbox' | 'people') =>
      Number(
        (
          await h.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      objectives: await count('objectives'),
      key_results: await count('key_results'),
      outbox: await count('outbox'),
      people: await count('people'),
    };
  };

  it('leaves no objective, key result, person or message when queuing the messages fails half-way', async () => {
    const before = await counts();
    const real = h.bot.ctx.outbox;
    let queued = 0;
    const failing: AppContext = {
      ...h.bot.ctx,
      outbox: {
        ...real,
        // The messages are written, then the save fails: all of it must roll back.
        enqueue: async (db, messages, now) => {
          queued = await real.enqueue(db, messages, now);
          throw new Error('the disk is full');
        },
      },
    };
    await expect(saveDraft(failing, h.teamId, 'U02JOON', draft, 'C0TALENT')).rejects.toThrow(
      'the disk is full',
    );
    expect(queued).toBe(3);
    expect(await counts()).toEqual(before);
    expect(
      await h.db.selectFrom('objectives').select('id').where('text', '=', draft.objective).execute(),
    ).toEqual([]);
  });

  it('saves all of it together when nothing fails', async () => {
    const before = await counts();
    const { objectiveId } = await saveDraft(h.bot.ctx, h.teamId, 'U02JOON', draft, 'C0TALENT');
    expect(await counts()).toEqual({
      objectives: before.objectives + 1,
      key_results: before.key_results + 2,
      outbox: before.outbox + 3,
      people: before.people + 1,
    });
    const keys = await h.db
      .selectFrom('outbox')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `%${objectiveId}%`)
      .execute();
    expect(keys.map((k) => k.dedupe_key).sort()).toEqual([
      `okr-owner:${objectiveId}:U01MINA`,
      `okr-owner:${objectiveId}:${NEWCOMER}`,
      `okr-summary:${objectiveId}`,
    ]);
  });
});
