import { describe, expect, it } from 'vitest';
import {
  earliestPeriod,
  latestPeriod,
  parsePeriod,
  parseReadingPeriod,
  periodEnd,
  periodIndex,
  periodOf,
  periodStart,
  shiftPeriod,
} from '../../../src/kpis/domain/period.js';

describe('parsePeriod', () => {
  it('accepts canonical months and ISO weeks for the matching cadence', () => {
    expect(parsePeriod('2026-03', 'monthly')).toEqual({ ok: true, period: '2026-03' });
    expect(parsePeriod(' 2026-W09 ', 'weekly')).toEqual({ ok: true, period: '2026-W09' });
    expect(parsePeriod('2026w9', 'weekly')).toEqual({ ok: true, period: '2026-W09' });
  });

  it('maps a date to the period that contains it, across ISO year boundaries', () => {
    expect(parsePeriod('2026-03-31', 'monthly')).toEqual({ ok: true, period: '2026-03' });
    expect(parsePeriod('2024-12-30', 'weekly')).toEqual({ ok: true, period: '2025-W01' });
    expect(parsePeriod('2021-01-03', 'weekly')).toEqual({ ok: true, period: '2020-W53' });
  });

  it('explains what is wrong with bad input', () => {
    const wrongCadence = parsePeriod('2026-03', 'weekly');
    expect(wrongCadence.ok).toBe(false);
    if (!wrongCadence.ok) expect(wrongCadence.error).toMatch(/weekly/);
    expect(parsePeriod('2026-W10', 'monthly').ok).toBe(false);
    expect(parsePeriod('2026-13', 'monthly').ok).toBe(false);
    expect(parsePeriod('2026-02-30', 'monthly').ok).toBe(false);
    expect(parsePeriod('2025-W53', 'weekly').ok).toBe(false); // 2025 has 52 ISO weeks
    expect(parsePeriod('2026-W53', 'weekly').ok).toBe(true); // 2026 has 53
    expect(parsePeriod('March', 'monthly').ok).toBe(false);
  });
});

describe('periodIndex / shiftPeriod', () => {
  it('numbers consecutive periods 1 apart, across year ends', () => {
    expect(periodIndex('2027-01') - periodIndex('2026-12')).toBe(1);
    expect(periodIndex('2021-W01') - periodIndex('2020-W53')).toBe(1);
    expect(periodIndex('2026-W01') - periodIndex('2025-W52')).toBe(1);
    expect(periodIndex('2026-06') - periodIndex('2026-03')).toBe(3);
  });

  it('shifts by whole periods', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -2)).toBe('2025-11');
    expect(shiftPeriod('2020-W52', 1)).toBe('2020-W53');
    expect(shiftPeriod('2020-W53', 1)).toBe('2021-W01');
  });

  it('rejects non-canonical periods', () => {
    expect(() => periodIndex('2026-3')).toThrow(RangeError);
  });
});

describe('periodOf / periodEnd', () => {
  it('uses the time zone to decide the local period', () => {
    const at = new Date('2026-03-31T23:30:00Z');
    expect(periodOf(at, 'monthly')).toBe('2026-03');
    expect(periodOf(at, 'monthly', 'Europe/Berlin')).toBe('2026-04');
    const sundayNightUtc = new Date('2026-03-01T20:00:00Z'); // already Monday in Tokyo
    expect(periodOf(sundayNightUtc, 'weekly')).toBe('2026-W09');
    expect(periodOf(sundayNightUtc, 'weekly', 'Asia/Tokyo')).toBe('2026-W10');
  });

  it('ends a period at the start of the next one, UTC', () => {
    expect(periodEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(periodStart('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(periodEnd('2026-W01').toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });
});

describe('four-digit years', () => {
  it('always writes the year with four digits, so periods sort as text', () => {
    expect(parsePeriod('0999-06-15', 'monthly')).toEqual({ ok: true, period: '0999-06' });
    expect(parsePeriod('0000-01-01', 'monthly')).toEqual({ ok: true, period: '0000-01' });
    expect(parsePeriod('0050-03-10', 'monthly')).toEqual({ ok: true, period: '0050-03' });
    expect(shiftPeriod('1000-01', -1)).toBe('0999-12');
    expect(periodOf(new Date('0999-06-15T00:00:00Z'), 'monthly')).toBe('0999-06');
  });
});

describe("parseReadingPeriod: from the KPI's era to the current period", () => {
  const now = new Date('2026-11-25T08:00:00Z');
  it('accepts the current period and past ones, in canonical form', () => {
    expect(parseReadingPeriod('2026-11', 'monthly', { now })).toEqual({ ok: true, period: '2026-11' });
    expect(parseReadingPeriod('2026-11-25', 'monthly', { now })).toEqual({ ok: true, period: '2026-11' });
    expect(parseReadingPeriod('2026-W48', 'weekly', { now })).toEqual({ ok: true, period: '2026-W48' });
    expect(parseReadingPeriod('2017-01', 'monthly', { now })).toEqual({ ok: true, period: '2017-01' });
  });

  it('refuses a period that has not started', () => {
    const r = parseReadingPeriod('2030-01', 'monthly', { now });
    expect(r).toEqual({
      ok: false,
      error:
        'period 2030-01 is in the future: readings are for periods that have started (the latest is 2026-11)',
    });
    expect(parseReadingPeriod('2026-12-01', 'monthly', { now }).ok).toBe(false);
    expect(parseReadingPeriod('2026-W49', 'weekly', { now }).ok).toBe(false);
    expect(parseReadingPeriod('9999-12', 'monthly', { now }).ok).toBe(false);
    expect(parseReadingPeriod('9999-12-31', 'weekly', { now }).ok).toBe(false);
  });

  it('allows the workspace time zone to be ahead of UTC', () => {
    const eve = new Date('2026-11-30T20:00:00Z'); // 2026-12-01 05:00 in Seoul
    expect(parseReadingPeriod('2026-12', 'monthly', { now: eve }).ok).toBe(false);
    expect(parseReadingPeriod('2026-12', 'monthly', { now: eve, timeZone: 'Asia/Seoul' }).ok).toBe(true);
    expect(latestPeriod('monthly', eve, 'America/New_York')).toBe('2026-11');
  });

  it('refuses periods before 2000 or more than 10 years before the first reading', () => {
    for (const p of ['0999-06-15', '0000-01-01', '1999-12', '0999-06']) {
      const r = parseReadingPeriod(p, 'monthly', { now, earliestReading: '2001-01' });
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/too far back: readings go back to 2000-01/);
    }
    expect(parseReadingPeriod('2016-10', 'monthly', { now }).ok).toBe(false);
    expect(parseReadingPeriod('2016-11', 'monthly', { now }).ok).toBe(true);
    expect(parseReadingPeriod('2009-03', 'monthly', { now, earliestReading: '2019-03' }).ok).toBe(true);
    expect(parseReadingPeriod('2009-02', 'monthly', { now, earliestReading: '2019-03' }).ok).toBe(false);
    expect(earliestPeriod('weekly', { now, earliestReading: '2003-W10' })).toBe('2000-W01');
    expect(parseReadingPeriod('0000-01-01', 'weekly', { now }).ok).toBe(false);
  });
});
