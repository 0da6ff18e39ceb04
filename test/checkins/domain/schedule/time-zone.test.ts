import { describe, expect, it } from 'vitest';
import { effectiveTimeZone, isValidTimeZone } from '../../../../src/checkins/domain/schedule/index.js';

describe('time zones', () => {
  it.each(['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'])(
    'accepts %s',
    (tz) => {
      expect(isValidTimeZone(tz)).toBe(true);
    },
  );

  it.each(['', 'Mars/Olympus_Mons', 'New York', ' UTC'])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });

  it('falls back to the caller’s default for a missing or unknown zone, and to UTC after that', () => {
    expect(effectiveTimeZone('Asia/Seoul', 'Europe/Berlin')).toBe('Asia/Seoul');
    expect(effectiveTimeZone('Mars/Olympus_Mons', 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(effectiveTimeZone(undefined, 'Europe/Berlin')).toBe('Europe/Berlin');
    expect(effectiveTimeZone(null, 'Not/AZone')).toBe('UTC');
  });
});
