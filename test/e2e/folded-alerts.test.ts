import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('a KPI that an active OKR targets folds its alerts into the key result’s check-in', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T00:30:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  it('does not page the owner, records the fold, and shows the alert in the next check-in prompt', async () => {
    const { token } = await createApiToken(h.db, h.teamId, 'ats', h.clock.now());
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        readings: [
          { kpi: 'time-to-hire', period: '2026-08', value: 44 },
          { kpi: 'time-to-hire', period: '2026-09', value: 45 },
          { kpi: 'time-to-hire', period: '2026-10', value: 61 },
        ],
      }),
    });
    expect(res.status).toBe(200);
    await h.slack.waitForIdle(300);
    // time-to-hire is the KPI of Mina's key result `tth` (active objective): no page, no channel post.
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    const tth = await h.db
      .selectFrom('key_results')
      .select('id')
      .where('key', '=', 'tth')
      .executeTakeFirstOrThrow();
    const alerts = await h.db
      .selectFrom('alerts')
      .selectAll()
      .where('folded_into_key_result_id', '=', tth.id)
      .execute();
    expect(alerts.map((a) => a.rule)).toContain('threshold');

    const at = new Date('2026-11-23T01:00:00Z'); // Monday 10:00 in Seoul
    h.clock.set(at);
    await h.bot.tick(at);
    const prompt = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U01MINA',
    );
    const text = JSON.stringify(prompt.args.blocks);
    expect(text).toContain('KPI Time to hire');
    expect(text).toMatch(/61/);
  });
});
