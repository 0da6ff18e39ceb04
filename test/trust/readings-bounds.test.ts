import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { validateReadings } from '../../src/kpis/readings.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { type Harness, startHarness } from '../support/harness.js';

// Sample org: time-to-hire (monthly, days, Mina), offer-acceptance (monthly, %), hr-sla (weekly, %, Priya).
const count = async (h: Harness, table: 'kpi_readings' | 'alerts' | 'people') =>
  Number(
    (
      await h.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('readings: periods from the KPI’s era to the current period, values the unit can have', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-11-25T08:00:00Z', jobs: kpiJobs() });
    await h.importSample();
    token = (await createApiToken(h.db, h.teamId, 'hris', h.clock.now())).token;
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
  });

  const post = async (readings: unknown[]) => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/api/v1/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ readings }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const kpi = (userId: string, text: string) =>
    h.client.slashCommand({ command: '/kpi', text, userId, channelId: 'C0PEOPLE' });

  it('the API refuses bad periods and impossible values with 400 and per-row problems, storing nothing', async () => {
    const before = await count(h, 'kpi_readings');
    const res = await post([
      { kpi: 'time-to-hire', period: '0999-06-15', value: 40 },
      { kpi: 'time-to-hire', period: '0000-01-01', value: 40 },
      { kpi: 'time-to-hire', period: '9999-12', value: 40 },
      { kpi: 'time-to-hire', period: '2030-01', value: 40 },
      { kpi: 'hr-sla', period: '9999-12-31', value: 90 },
      { kpi: 'offer-acceptance', period: '2026-10', value: 140 },
      { kpi: 'offer-acceptance', period: '2026-09', value: -1 },
      { kpi: 'time-to-hire', period: '2026-10', value: -3 },
      { kpi: 'time-to-hire', period: '2026-09', value: 41 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_readings');
    const problems = res.body.problems as Array<{ row: number; path: string; message: string }>;
    const byRow = new Map(problems.map((p) => [p.row, p]));
    expect(byRow.get(0)?.message).toMatch(/0999-06 is too far back/);
    expect(byRow.get(1)?.message).toMatch(/0000-01 is too far back/);
    expect(byRow.get(2)?.message).toMatch(/9999-12 is in the future/);
    expect(byRow.get(3)?.message).toBe(
      'period 2030-01 is in the future: readings are for periods that have started (the latest is 2026-11)',
    );
    expect(byRow.get(4)?.path).toBe('readings[4].period');
    expect(byRow.get(5)).toMatchObject({
      path: 'readings[5].value',
      message: expect.stringMatching(/percentage.*between 0 and 100/),
    });
    expect(byRow.get(6)?.path).toBe('readings[6].value');
    expect(byRow.get(7)).toMatchObject({
      path: 'readings[7].value',
      message: expect.stringMatching(/0 or more/),
    });
    expect(byRow.has(8)).toBe(false);
    expect(await count(h, 'kpi_readings')).toBe(before);
  });

  it('the API stores canonical periods (four-digit years) and keeps evaluating', async () => {
    const res = await post([{ kpi: 'time-to-hire', period: '2026-11-02', value: 41 }]);
    expect(res.status).toBe(200);
    const rows = await h.db.selectFrom('kpi_readings').select('period').execute();
    for (const r of rows) expect(r.period).toMatch(/^\d{4}-(\d{2}|W\d{2})$/);
  });

  it('/kpi log answers a future or ancient period with an ephemeral error, acked, nothing stored', async () => {
    const before = await count(h, 'kpi_readings');
    for (const date of ['2030-01-15', '9999-12-31', '0999-06-15', '2026-12-01']) {
      const res = await kpi('U01MINA', `log time-to-hire 40 ${date}`);
      expect(res.status, date).toBe(200);
      const body = res.body as { response_type?: string; text?: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text, date).toMatch(
        /Nothing was recorded for `time-to-hire`: period .* (is in the future|is too far back)/,
      );
    }
    const pct = await kpi('U05PRIYA', 'log hr-sla 140');
    expect((pct.body as { text?: string }).text).toMatch(/percentage/);
    expect(await count(h, 'kpi_readings')).toBe(before);
  });

  it('the CSV import uses the same rules (validateReadings)', async () => {
    const res = await validateReadings(
      h.db,
      h.teamId,
      [
        { kpi: 'time-to-hire', period: '2030-01', value: 30 },
        { kpi: 'time-to-hire', period: '1999-12', value: 30 },
        { kpi: 'offer-acceptance', period: '2026-10', value: 101 },
      ],
      { now: h.clock.now() },
    );
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.problems.map((p) => p.path)).toEqual([
        'readings[0].period',
        'readings[1].period',
        'readings[2].value',
      ]);
  });

  it('/okr and /kpi answer prototype names with the help and "not a command I know"', async () => {
    for (const [command, sub] of [
      ['/okr', 'constructor'],
      ['/okr', '__proto__'],
      ['/okr', 'toString'],
      ['/okr', 'hasOwnProperty'],
      ['/kpi', 'constructor'],
      ['/kpi', '__proto__'],
      ['/kpi', 'valueOf'],
    ] as const) {
      const res = await h.client.slashCommand({ command, text: sub, userId: 'U01MINA' });
      expect(res.status).toBe(200);
      const body = JSON.stringify(res.body);
      expect(body, `${command} ${sub}`).toContain('not a command I know');
      expect(body).toContain(command === '/okr' ? 'okrbot: OKR commands' : 'okrbot: KPI commands');
    }
  });

  it('a refused /okr pause (a bad date) from someone not in the directory writes nothing', async () => {
    const people = await h.db.selectFrom('people').selectAll().orderBy('slack_id').execute();
    for (const text of ['pause until someday', 'pause until 2026-02-30', 'pause', 'resume']) {
      const res = await h.client.slashCommand({ command: '/okr', text, userId: 'U0STRANGER' });
      expect(res.status).toBe(200);
    }
    expect(await h.db.selectFrom('people').selectAll().orderBy('slack_id').execute()).toEqual(people);
    const ok = await h.client.slashCommand({
      command: '/okr',
      text: 'pause until 2026-12-20',
      userId: 'U0STRANGER',
    });
    expect(JSON.stringify(ok.body)).toContain('paused until 2026-12-20');
    expect(await count(h, 'people')).toBe(people.length + 1);
  });
});
