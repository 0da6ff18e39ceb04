import { describe, expect, it } from 'vitest';
import { isPaused, parsePauseCommand } from '../../../../src/checkins/domain/schedule/index.js';

describe('parsePauseCommand', () => {
  it.each([['until 2026-12-01'], ['pause until 2026-12-01'], ['  UNTIL   2026-12-01 '], ['2026-12-01']])(
    'accepts %j',
    (text) => {
      expect(parsePauseCommand(text, '2026-11-23')).toEqual({ ok: true, until: '2026-12-01' });
    },
  );

  it.each([
    ['', /Usage/],
    ['until next week', /not a date/],
    ['until 1/12/2026', /not a date/],
    ['until 2026-02-30', /not a real calendar date/],
    ['until 2026-13-01', /not a real calendar date/],
    ['until 2026-11-20', /in the past/],
    ['until 2026-11-23', /today/],
    ['until 2027-11-24', /more than a year ahead; the latest is 2027-11-23/],
  ])('rejects %j', (text, error) => {
    const res = parsePauseCommand(text, '2026-11-23');
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatch(error);
  });

  it('allows exactly one year ahead, clamping 29 February', () => {
    expect(parsePauseCommand('until 2027-11-23', '2026-11-23').ok).toBe(true);
    expect(parsePauseCommand('until 2029-02-28', '2028-02-29').ok).toBe(true);
    expect(parsePauseCommand('until 2029-03-01', '2028-02-29').ok).toBe(false);
  });
});

describe('isPaused', () => {
  it('is paused until the owner’s local date reaches pausedUntil', () => {
    const now = new Date('2026-11-30T15:00:00Z'); // 10:00 Nov 30 in New York, 00:00 Dec 1 in Seoul
    expect(isPaused('2026-12-01', 'America/New_York', now)).toBe(true);
    expect(isPaused('2026-12-01', 'Asia/Seoul', now)).toBe(false);
  });

  it('is not paused without a date or with a malformed one', () => {
    const now = new Date('2026-11-30T15:00:00Z');
    expect(isPaused(undefined, 'UTC', now)).toBe(false);
    expect(isPaused('someday', 'UTC', now)).toBe(false);
  });
});
