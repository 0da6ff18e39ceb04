import { describe, expect, it } from 'vitest';
import { nudgeDue, type Round } from '../../../../src/checkins/domain/schedule/index.js';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);

// Monday 2026-11-23 10:00 in New York (15:00Z) to the next Monday.
const round: Round = {
  key: '2026-11-23',
  startsAt: at('2026-11-23T15:00:00Z'),
  endsAt: at('2026-11-30T15:00:00Z'),
};
const base = { promptSentAt: round.startsAt, round, answered: false, nudged: false, timeZone: NY };

describe('nudgeDue', () => {
  it('is due 48 hours after the prompt, not before, and says when', () => {
    const early = nudgeDue({ ...base, now: at('2026-11-25T14:59:00Z') });
    expect(early.due).toBe(false);
    expect(early.notBefore).toEqual(at('2026-11-25T15:00:00Z'));
    expect(nudgeDue({ ...base, now: at('2026-11-25T15:00:00Z') })).toEqual({
      due: true,
      reason: 'no answer yet',
    });
  });

  it('honours a configured delay', () => {
    expect(nudgeDue({ ...base, afterHours: 24, now: at('2026-11-24T15:00:00Z') }).due).toBe(true);
    expect(nudgeDue({ ...base, afterHours: 72, now: at('2026-11-25T15:00:00Z') }).due).toBe(false);
  });

  it('waits out local night: due at the first minute after quiet hours', () => {
    // Prompt sent late, Monday 21:00 local; 48h later is Wednesday 21:00 local, inside 20:00–08:00.
    const late = { ...base, promptSentAt: at('2026-11-24T02:00:00Z') };
    const night = nudgeDue({ ...late, now: at('2026-11-26T02:00:00Z') });
    expect(night.due).toBe(false);
    expect(night.notBefore).toEqual(at('2026-11-26T13:00:00Z')); // Thursday 08:00 local
    expect(nudgeDue({ ...late, now: at('2026-11-26T12:59:00Z') }).due).toBe(false);
    expect(nudgeDue({ ...late, now: at('2026-11-26T13:00:00Z') }).due).toBe(true);
  });

  it('judges night by the owner’s zone: the same instant is night in Seoul and daytime in New York', () => {
    const now = at('2026-11-25T15:00:00Z'); // 10:00 in New York, 00:00 in Seoul
    expect(nudgeDue({ ...base, now }).due).toBe(true);
    expect(nudgeDue({ ...base, timeZone: 'Asia/Seoul', now }).due).toBe(false);
  });

  it('supports custom quiet hours that do not wrap midnight', () => {
    const lunch = { start: '12:00', end: '13:00' };
    // Wednesday 12:30 local.
    const res = nudgeDue({ ...base, quietHours: lunch, now: at('2026-11-25T17:30:00Z') });
    expect(res.due).toBe(false);
    expect(res.notBefore).toEqual(at('2026-11-25T18:00:00Z'));
    expect(nudgeDue({ ...base, quietHours: lunch, now: at('2026-11-25T18:00:00Z') }).due).toBe(true);
  });

  it('never nudges twice, nor someone who answered or is paused', () => {
    const now = at('2026-11-26T15:00:00Z');
    expect(nudgeDue({ ...base, nudged: true, now })).toEqual({
      due: false,
      reason: 'already nudged this round',
    });
    expect(nudgeDue({ ...base, answered: true, now })).toEqual({ due: false, reason: 'already answered' });
    expect(nudgeDue({ ...base, pausedUntil: '2026-11-30', now }).due).toBe(false);
    expect(nudgeDue({ ...base, pausedUntil: '2026-11-26', now }).due).toBe(true);
  });

  it('is not due once the round has ended, or when the earliest allowed time is past its end', () => {
    expect(nudgeDue({ ...base, now: at('2026-11-30T15:00:00Z') }).due).toBe(false);
    // Prompt sent Saturday 10:00 local: 48h later is Monday 10:00, when the round is over.
    const sat = nudgeDue({
      ...base,
      promptSentAt: at('2026-11-28T15:00:00Z'),
      now: at('2026-11-28T16:00:00Z'),
    });
    expect(sat.due).toBe(false);
    expect(sat.notBefore).toBeUndefined();
  });

  it('moves a quiet-hours end that falls in a DST gap to the first valid instant', () => {
    const berlinRound: Round = {
      key: '2026-03-23',
      startsAt: at('2026-03-23T09:00:00Z'),
      endsAt: at('2026-03-30T08:00:00Z'),
    };
    // Quiet until 02:30, which does not exist on 2026-03-29 in Berlin; the clock reads 03:00 at 01:00Z.
    const res = nudgeDue({
      ...base,
      round: berlinRound,
      timeZone: 'Europe/Berlin',
      promptSentAt: berlinRound.startsAt,
      quietHours: { start: '22:00', end: '02:30' },
      now: at('2026-03-28T23:00:00Z'),
    });
    expect(res.notBefore).toEqual(at('2026-03-29T01:00:00Z'));
  });
});
