import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureOwnerKnown, type KpiFormInput, saveKpi, validateKpiForm } from '../../src/kpis/registry.js';
import { getKpiByKey } from '../../src/kpis/store/kpis.js';
import { ensurePerson, ensureWorkspace } from '../../src/people/store.js';
import { dialectsUnderTest, freshDatabase, type TestDatabase } from '../support/databases.js';

const TEAM = 'T0REG';
const NOW = new Date('2026-11-23T08:00:00Z');

const form = (over: KpiFormInput = {}): KpiFormInput => ({
  key: 'time-to-hire',
  name: 'Time to hire',
  unit: 'days',
  direction: 'lower_is_better',
  cadence: 'monthly',
  owner: 'U01MINA',
  channel: 'C0TALENT',
  team: null,
  range_low: '28',
  range_high: '45',
  aspirational: '25',
  alert_threshold: '52',
  protocol: 'Review stage conversion',
  key_results: [],
  ...over,
});

describe.each(dialectsUnderTest())('KPI registry (%s)', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await ensureWorkspace(t.db, { teamId: TEAM, name: 'Reg', botUserId: 'UBOT', botId: 'B1' }, NOW);
    await ensurePerson(t.db, { teamId: TEAM, slackId: 'U01MINA', name: 'Mina Park' }, NOW);
  });
  afterEach(async () => {
    await t.drop();
  });

  it('accepts a well-formed KPI and stores it', async () => {
    const checked = await validateKpiForm(t.db, TEAM, form(), 'add');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.form).toMatchObject({
      range_low: 28,
      range_high: 45,
      aspirational: 25,
      alert_threshold: 52,
    });
    await saveKpi(t.db, TEAM, checked.form, NOW);
    expect(await getKpiByKey(t.db, TEAM, 'time-to-hire')).toMatchObject({
      owner_slack_id: 'U01MINA',
      range_low: 28,
      protocol: 'Review stage conversion',
    });
    const again = await validateKpiForm(t.db, TEAM, form(), 'add');
    expect(again).toEqual({
      ok: false,
      errors: { key: 'a KPI with key time-to-hire exists already: use /kpi edit time-to-hire' },
    });
  });

  it('names each problem: unordered range, threshold on the good side, unknown owner, no owner, bad numbers', async () => {
    const unordered = await validateKpiForm(t.db, TEAM, form({ range_low: '50', range_high: '40' }), 'add');
    expect(unordered).toMatchObject({
      ok: false,
      errors: { range_high: 'range must be ordered with lo < hi, got [50, 40]' },
    });
    const goodSide = await validateKpiForm(
      t.db,
      TEAM,
      form({
        direction: 'higher_is_better',
        range_low: '85',
        range_high: '100',
        alert_threshold: '90',
        aspirational: null,
      }),
      'add',
    );
    expect(goodSide).toMatchObject({
      ok: false,
      errors: { alert_threshold: expect.stringContaining('must be below the range (< 85)') },
    });
    const stranger = await validateKpiForm(t.db, TEAM, form({ owner: 'U9STRANGER' }), 'add');
    expect(stranger).toMatchObject({
      ok: false,
      errors: { owner: expect.stringContaining('<@U9STRANGER> is not a known person') },
    });
    const orphan = await validateKpiForm(t.db, TEAM, form({ owner: undefined }), 'add');
    expect(orphan).toMatchObject({ ok: false, errors: { owner: 'every KPI needs an owner' } });
    const words = await validateKpiForm(
      t.db,
      TEAM,
      form({ alert_threshold: 'fifty', key: 'Not A Slug', protocol: ' ' }),
      'add',
    );
    expect(words).toMatchObject({
      ok: false,
      errors: {
        alert_threshold: 'the alert threshold must be a number',
        key: expect.stringContaining('must be a slug'),
        protocol: expect.any(String),
      },
    });
    const missingTeam = await validateKpiForm(t.db, TEAM, form({ team: 'ghosts' }), 'add');
    expect(missingTeam).toMatchObject({ ok: false, errors: { team: 'there is no team ghosts' } });
  });

  it('records a Slack member picked as owner who was not imported, but not an unknown or deactivated one', async () => {
    await ensureOwnerKnown(t.db, TEAM, 'U7NEW', NOW, async () => ({
      name: 'New Person',
      tz: 'Europe/Berlin',
      active: true,
    }));
    await ensureOwnerKnown(t.db, TEAM, 'U8GONE', NOW, async () => ({
      name: 'Gone',
      tz: null,
      active: false,
    }));
    await ensureOwnerKnown(t.db, TEAM, 'U9NONE', NOW, async () => undefined);
    const people = await t.db
      .selectFrom('people')
      .select(['slack_id', 'name', 'tz'])
      .orderBy('slack_id')
      .execute();
    expect(people).toEqual([
      { slack_id: 'U01MINA', name: 'Mina Park', tz: null },
      { slack_id: 'U7NEW', name: 'New Person', tz: 'Europe/Berlin' },
    ]);
    expect((await validateKpiForm(t.db, TEAM, form({ owner: 'U7NEW' }), 'add')).ok).toBe(true);
  });
});
