import { describe, expect, it } from 'vitest';
import {
  parsePeriod,
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
