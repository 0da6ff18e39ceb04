// A quarter played to its end through the local Slack, time moved by the test: weekly rounds, the lead's
// Close DM the day after the quarter ends, the close and its report, a committed shortfall's reflection,
// an aspirational 0.7 called success, carry-over into the next quarter, and prompts for the new quarter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../src/localslack/types.js';
import { createObjective } from '../../src/okrs/store.js';
import { type Harness, startHarness } from '../support/harness.js';

const json = (v: unknown) => JSON.stringify(v);

function buttonIn(m: LocalMessage, actionId: string): { block_id: string; value: string } | undefined {
  for (const b of (m.blocks ?? []) as Array<{
    type: string;
    block_id?: string;
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    const el = b.type === 'actions' ? b.elements?.find((e) => e.action_id === actionId) : undefined;
    if (el?.value && b.block_id) return { block_id: b.block_id, value: el.value };
  }
  return undefined;
}

describe('a whole quarter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-10-05T00:00:00Z' });
    await h.importSample();
    // A planned objective for next quarter: prompted only once 2027Q1 starts.
    await createObjective(
      h.db,
      {
        teamId: h.teamId,
        teamKey: 'talent',
        quarter: '2027Q1',
        type: 'committed',
        ownerSlackId: 'U02JOON',
        text: 'Make every hiring manager a confident interviewer',
        status: 'planned',
        keyResults: [
          {
            text: 'Raise interviewer calibration from 60% to 85% by end of Q1',
            ownerSlackId: 'U01MINA',
            baseline: 60,
            target: 85,
            unit: '%',
          },
          {
            text: 'Cut interview-to-offer time from 9 to 5 days by end of Q1',
            ownerSlackId: 'U01MINA',
            baseline: 9,
            target: 5,
            unit: 'days',
          },
        ],
      },
      h.clock.now(),
    );
  });
  afterAll(async () => {
    await h?.stop();
  });
  const at = async (iso: string) => {
    h.clock.set(iso);
    return h.bot.tick(new Date(iso));
  };
  const dms = (user: string) => h.slack.messages(h.slack.ensureDm(user)).filter((m) => !m.ephemeral);

  it('prompts weekly inside the quarter, and never for the planned objective', async () => {
    await at('2026-10-05T01:00:00Z'); // Monday 10:00 in Seoul
    const prompts = dms('U01MINA').filter((m) => /check-in/i.test(m.text ?? ''));
    expect(prompts.length).toBeGreaterThanOrEqual(1);
    expect(json(prompts.at(-1)?.blocks)).not.toContain('confident interviewer');
    expect(json(prompts.at(-1)?.blocks)).toContain('time-to-hire');
  });

  it('after the last day: the lead gets a Close DM, and Q4 key results are no longer prompted', async () => {
    // Final values: time-to-hire reached 34 (committed: short of 30), retention reached 87 (aspirational 0.75).
    await h.db.updateTable('key_results').set({ current: 34 }).where('key', '=', 'tth').execute();
    await h.db.updateTable('key_results').set({ current: 88 }).where('key', '=', 'offer-accept').execute();
    await h.db.updateTable('key_results').set({ current: 87 }).where('key', '=', 'retention-90').execute();
    await h.db.updateTable('key_results').set({ current: 3.9 }).where('key', '=', 'manager-score').execute();
    await at('2027-01-01T00:30:00Z'); // 09:30 on 1 January in Seoul (the workspace zone defaults to UTC: see below)
    await at('2027-01-01T09:30:00Z'); // 09:30 UTC: the day after the quarter ended
    const close = dms('U02JOON').find((m) => buttonIn(m, 'okr_close_quarter'));
    expect(close, json(dms('U02JOON').map((m) => m.text))).toBeDefined();
    expect(close!.text).toContain('2026Q4');
  });

  it("refuses /okr close-quarter from someone who is not the team's lead, an owner or an admin", async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'close-quarter 2026Q4',
      userId: 'U05PRIYA',
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    const reply = await h.slack.waitFor((c) => c.method === 'response_url' && json(c.args).includes('Only'));
    expect(json(reply.args)).toContain("can close Talent Acquisition's 2026Q4");
    const statuses = await h.db
      .selectFrom('objectives')
      .select('status')
      .where('quarter', '=', '2026Q4')
      .execute();
    expect(statuses.every((s) => s.status === 'active')).toBe(true);
  });

  it('closes on the Close button: the report grades by type, and a committed shortfall asks what got in the way', async () => {
    const close = dms('U02JOON').find((m) => buttonIn(m, 'okr_close_quarter'))!;
    const b = buttonIn(close, 'okr_close_quarter')!;
    await h.client.blockAction({
      userId: 'U02JOON',
      actions: [{ action_id: 'okr_close_quarter', ...b }],
      message: { channel: close.channel, ts: close.ts },
    });
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('objectives')
              .select('status')
              .where('key', '=', 'hire-faster')
              .executeTakeFirst()
          )?.status,
      )
      .toBe('closed');
    const findReport = () => h.slack.messages('C0TALENT').find((m) => /2026Q4 closed/.test(json(m.blocks)));
    await expect.poll(findReport).toBeDefined();
    const report = findReport();
    expect(json(report!.blocks)).toContain('"type":"data_table"');
    expect(json(report!.blocks)).toMatch(/committed/i);
    const kr = await h.db
      .selectFrom('key_results')
      .select(['key', 'score', 'final_value'])
      .where('key', '=', 'tth')
      .executeTakeFirstOrThrow();
    expect(kr.final_value).toBe(34);
    expect(kr.score).toBeCloseTo((34 - 52) / (30 - 52), 3);
    await expect.poll(() => dms('U02JOON').some((m) => buttonIn(m, 'okr_reflect'))).toBe(true);
  });

  it('stores the reflection the owner writes, for the owner and the lead only', async () => {
    const shortfall = dms('U02JOON').find((m) => buttonIn(m, 'okr_reflect'))!;
    const b = buttonIn(shortfall, 'okr_reflect')!;
    const res = await h.client.blockAction({
      userId: 'U02JOON',
      actions: [{ action_id: 'okr_reflect', ...b }],
      message: { channel: shortfall.channel, ts: shortfall.ts },
    });
    expect(res.status).toBe(200);
    const opened = await h.slack.waitFor(
      (c) => c.method === 'views.open' && json(c.args).includes('okr_reflection'),
    );
    const viewId = String((opened.response as { view?: { id?: string } }).view?.id);
    h.client.setViewValue(viewId, 'reflection', 'text', 'Two offers fell through in December');
    const submitted = await h.client.submitView(viewId, 'U02JOON');
    expect(submitted).toEqual({});
    const rows = await h.db.selectFrom('objective_reflections').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(json(rows[0])).toContain('Two offers fell through in December');
  });

  it('closes the aspirational team with 0.7 or more called success', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'close-quarter 2026Q4',
      userId: 'U04SAM',
      channelId: 'C0PEOPLE',
    });
    expect(res.status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await h.db
              .selectFrom('objectives')
              .select('status')
              .where('key', '=', 'keep-new-hires')
              .executeTakeFirst()
          )?.status,
      )
      .toBe('closed');
    const findReport = () => h.slack.messages('C0PEOPLE').find((m) => /2026Q4 closed/.test(json(m.blocks)));
    await expect.poll(findReport).toBeDefined();
    expect(json(findReport()?.blocks)).toContain('0.7 or more is success for an aspirational OKR');
  });

  it('carries an unfinished objective into the next quarter through the draft modal', async () => {
    const report = h.slack.messages('C0TALENT').find((m) => buttonIn(m, 'okr_carry_over'));
    expect(report).toBeDefined();
    const b = buttonIn(report!, 'okr_carry_over')!;
    await h.client.blockAction({
      userId: 'U02JOON',
      actions: [{ action_id: 'okr_carry_over', ...b }],
      message: { channel: report!.channel, ts: report!.ts },
    });
    const opened = await h.slack.waitFor((c) => c.method === 'views.open' && json(c.args).includes('2027Q1'));
    expect(json(opened.args)).toContain('from 34');
  });

  it('prompts for the new quarter once it starts, and no longer for the closed one', async () => {
    await at('2027-01-04T01:00:00Z'); // Monday 10:00 in Seoul
    await at('2027-01-04T10:00:00Z');
    const latest = dms('U01MINA')
      .filter((m) => /check-in/i.test(m.text ?? ''))
      .at(-1);
    expect(json(latest?.blocks)).toContain('calibration');
    expect(json(latest?.blocks)).not.toContain('time-to-hire from 52');
  });
});
