import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE,
  digestDue,
  parseSchedule,
  type Round,
} from '../../../../src/checkins/domain/schedule/index.js';

describe('parseSchedule', () => {
  it('defaults to Monday 10:00 weekly', () => {
    expect(DEFAULT_SCHEDULE).toEqual({ day: 'monday', time: '10:00', cadence: 'weekly' });
    expect(parseSchedule({})).toEqual({ ok: true, schedule: DEFAULT_SCHEDULE });
  });

  it.each([
    [
      { day: 'Mon', time: '9:00', cadence: 'weekly' },
      { day: 'monday', time: '09:00', cadence: 'weekly' },
    ],
    [
      { day: 'thursday', time: '14:30', cadence: 'biweekly' },
      { day: 'thursday', time: '14:30', cadence: 'biweekly' },
    ],
    [
      { day: ' FRI ', cadence: 'every_two_weeks' },
      { day: 'friday', time: '10:00', cadence: 'biweekly' },
    ],
    [{ cadence: 'Every two weeks' }, { day: 'monday', time: '10:00', cadence: 'biweekly' }],
    [
      { day: 'Tues', time: '00:00' },
      { day: 'tuesday', time: '00:00', cadence: 'weekly' },
    ],
  ])('normalises %j', (input, schedule) => {
    expect(parseSchedule(input)).toEqual({ ok: true, schedule });
  });

  it('keeps a biweekly anchor', () => {
    expect(parseSchedule({ cadence: 'biweekly', anchor: '2026-11-30' })).toEqual({
      ok: true,
      schedule: { day: 'monday', time: '10:00', cadence: 'biweekly', anchor: '2026-11-30' },
    });
  });

  it('reports every bad field', () => {
    const res = parseSchedule({ day: 'Funday', time: '24:00', cadence: 'monthly' });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.errors).toHaveLength(3);
    expect(!res.ok && res.errors.join('\n')).toMatch(/Funday[\s\S]*24:00[\s\S]*monthly/);
  });

  it.each([['9'], ['9:5'], ['10:60'], ['-1:00'], ['9am']])('rejects time %j', (time) => {
    expect(parseSchedule({ time }).ok).toBe(false);
  });

  it('rejects an anchor that is not a date or is given for a weekly cadence', () => {
    expect(parseSchedule({ cadence: 'biweekly', anchor: '2026-02-30' }).ok).toBe(false);
    expect(parseSchedule({ cadence: 'weekly', anchor: '2026-11-30' }).ok).toBe(false);
  });
});

describe('digestDue', () => {
  const round: Round = {
    key: '2026-11-23',
    startsAt: new Date('2026-11-23T15:00:00Z'),
    endsAt: new Date('2026-11-30T15:00:00Z'),
  };
  it('is due once the round has ended, and only once', () => {
    expect(digestDue(round, new Date('2026-11-30T14:59:59Z'), false)).toBe(false);
    expect(digestDue(round, new Date('2026-11-30T15:00:00Z'), false)).toBe(true);
    expect(digestDue(round, new Date('2026-12-01T15:00:00Z'), true)).toBe(false);
  });
});
