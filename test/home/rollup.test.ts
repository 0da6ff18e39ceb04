// HR's roll-up: admins see every team (objectives, confidence, participation, blockers, KPIs firing) in a
// native table; nobody else does; teams in name order, never people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/localslack/block-kit-limits.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('/okr rollup', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T00:00:00Z', config: { adminIds: ['U04SAM'] } });
    await h.importSample();
    h.clock.set('2026-11-23T01:00:00Z');
    await h.bot.tick(h.clock.now());
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows an admin each team with participation this round, in a data table within Slack limits', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'rollup',
      userId: 'U04SAM',
      channelId: 'C0PEOPLE',
    });
    const body = res.body as {
      blocks: Array<{ type: string; rows?: Array<Array<{ text?: string; value?: number }>> }>;
    };
    expect(validateBlocks(body.blocks, 'message')).toEqual([]);
    const table = body.blocks.find((b) => b.type === 'data_table');
    expect(table).toBeDefined();
    const names = table!.rows!.slice(1).map((r) => r[0]?.text);
    expect(names).toEqual(['People Operations', 'Talent Acquisition']);
    const talent = table!.rows!.find((r) => r[0]?.text === 'Talent Acquisition')!;
    expect(talent[1]?.value).toBe(1); // one objective
    expect(talent[6]?.text).toMatch(/^0 \/ 1$/); // Mina prompted this round, not answered yet
    expect(JSON.stringify(body)).not.toMatch(/U01MINA|Mina Park/);
  });

  it('refuses anyone who is not an admin', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'rollup',
      userId: 'U02JOON',
      channelId: 'C0TALENT',
    });
    expect(JSON.stringify(res.body)).toContain('Only an admin can see the roll-up of the workspace.');
  });
});
