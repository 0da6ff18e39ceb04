// Objectives, key results and KPIs the import retired (gone from the file: `retired_at` set, rows kept for
// history) no longer show in `/okr list` and `/kpi list`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

describe('retired objectives, key results and KPIs in /okr list and /kpi list', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-23T01:00:00Z' });
    await h.importSample();
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  const list = async (command: '/okr' | '/kpi', userId: string, channelId: string) =>
    JSON.stringify((await h.client.slashCommand({ command, text: 'list', userId, channelId })).body);
  const textOf = async (table: 'objectives' | 'key_results', key: string) =>
    (await h.db.selectFrom(table).select('text').where('key', '=', key).executeTakeFirstOrThrow()).text;
  const retire = (table: 'objectives' | 'key_results' | 'kpis', key: string) =>
    h.db.updateTable(table).set({ retired_at: '2026-11-20T00:00:00.000Z' }).where('key', '=', key).execute();
  const shown = (text: string) => JSON.stringify(text).slice(1, 41);

  it('/okr list leaves out a retired key result, then a retired objective', async () => {
    const objective = await textOf('objectives', 'hire-faster');
    const tth = await textOf('key_results', 'tth');
    const offer = await textOf('key_results', 'offer-accept');
    const before = await list('/okr', 'U02JOON', 'C0TALENT');
    expect(before).toContain(shown(objective));
    expect(before).toContain(shown(offer));

    await retire('key_results', 'offer-accept');
    const afterKr = await list('/okr', 'U02JOON', 'C0TALENT');
    expect(afterKr).toContain(shown(objective));
    expect(afterKr).toContain(shown(tth));
    expect(afterKr).not.toContain(shown(offer));

    await retire('objectives', 'hire-faster');
    const afterObjective = await list('/okr', 'U02JOON', 'C0TALENT');
    expect(afterObjective).not.toContain(shown(objective));
    expect(afterObjective).not.toContain(shown(tth));
    // Outside a team channel (the owner's own objectives), too.
    expect(await list('/okr', 'U01MINA', h.slack.ensureDm('U01MINA'))).not.toContain(shown(objective));
  });

  it('/kpi list leaves out a retired KPI and keeps the others', async () => {
    const before = await list('/kpi', 'U01MINA', 'C0TALENT');
    expect(before).toContain('time-to-hire');
    expect(before).toContain('offer-acceptance');
    await retire('kpis', 'time-to-hire');
    const after = await list('/kpi', 'U01MINA', 'C0TALENT');
    expect(after).not.toContain('time-to-hire');
    expect(after).toContain('offer-acceptance');
  });
});
