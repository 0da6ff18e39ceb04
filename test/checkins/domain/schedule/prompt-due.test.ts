import { describe, expect, it } from 'vitest';
import {
  type CheckinSchedule,
  DEFAULT_SCHEDULE,
  promptDue,
} from '../../../../src/checkins/domain/schedule/index.js';

const NY = 'America/New_York';
const SEOUL = 'Asia/Seoul';
const at = (iso: string) => new Date(iso);

describe('promptDue', () => {
  it('a tick at Monday 01:00Z is due for Seoul (10:00 local) and not for New York (Sunday 20:00)', () => {
    const now = at('2026-11-23T01:00:00Z');
    const seoul = promptDue(DEFAULT_SCHEDULE, SEOUL, '2026-11-16', now);
    expect(seoul.due && seoul.round.key).toBe('2026-11-23');
    expect(promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', now).due).toBe(false);
    // Not even for a new owner who never had a prompt: the old round is nearly over.
    expect(promptDue(DEFAULT_SCHEDULE, NY, undefined, now).due).toBe(false);
  });

  it('is not due before the owner’s slot and due from the slot on', () => {
    expect(promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-23T14:59:00Z')).due).toBe(false);
    const res = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-23T15:00:00Z'));
    expect(res).toEqual({
      due: true,
      round: {
        key: '2026-11-23',
        startsAt: at('2026-11-23T15:00:00Z'),
        endsAt: at('2026-11-30T15:00:00Z'),
      },
    });
  });

  it('is idempotent: not due again once this round’s prompt went out', () => {
    const res = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-23', at('2026-11-24T15:00:00Z'));
    expect(res.due).toBe(false);
    expect(!res.due && res.reason).toMatch(/already prompted for round 2026-11-23/);
  });

  it('a late tick (Tuesday) still sends this round’s prompt if it was not sent', () => {
    const res = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-24T16:00:00Z'));
    expect(res.due && res.round.key).toBe('2026-11-23');
  });

  it('holds a late prompt during the owner’s night and sends it at 08:00 local', () => {
    // Tuesday 22:00 in New York.
    const night = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T03:00:00Z'));
    expect(night.due).toBe(false);
    expect(!night.due && night.reason).toContain('2026-11-25T13:00:00.000Z');
    expect(promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T12:59:00Z')).due).toBe(false);
    expect(promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T13:00:00Z')).due).toBe(true);
    // Without quiet hours the late prompt goes out at once.
    expect(
      promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T03:00:00Z'), undefined, {
        quietHours: null,
      }).due,
    ).toBe(true);
  });

  it('a slot the team set inside quiet hours still fires on time', () => {
    const early: CheckinSchedule = { day: 'monday', time: '06:00', cadence: 'weekly' };
    expect(promptDue(early, NY, '2026-11-16', at('2026-11-23T11:00:00Z')).due).toBe(true);
    expect(promptDue(early, NY, '2026-11-16', at('2026-11-23T11:59:00Z')).due).toBe(true);
    // …but a tick more than an hour late waits until 08:00.
    expect(promptDue(early, NY, '2026-11-16', at('2026-11-23T12:01:00Z')).due).toBe(false);
    expect(promptDue(early, NY, '2026-11-16', at('2026-11-23T13:00:00Z')).due).toBe(true);
  });

  it('skips a round with less than a day left instead of prompting just before the next one', () => {
    // Sunday 12:00 New York, next slot Monday 10:00.
    const res = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-29T17:00:00Z'));
    expect(res.due).toBe(false);
    expect(!res.due && res.reason).toMatch(/nearly over/);
  });

  it('sends nothing while paused and this round’s prompt on the local date the pause ends', () => {
    const paused = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-23T15:00:00Z'), '2026-11-25');
    expect(paused).toEqual({ due: false, reason: 'paused until 2026-11-25' });
    // Tuesday 23:00 local is still paused; Wednesday 08:00 local is back.
    expect(promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T04:00:00Z'), '2026-11-25').due).toBe(
      false,
    );
    const back = promptDue(DEFAULT_SCHEDULE, NY, '2026-11-16', at('2026-11-25T13:00:00Z'), '2026-11-25');
    expect(back.due && back.round.key).toBe('2026-11-23');
  });

  it('does not re-prompt for an earlier round after the schedule moved to a later weekday', () => {
    // Prompted Monday 2026-11-23, then the team moved check-ins to Friday: the current round is Friday 11-20.
    const friday: CheckinSchedule = { day: 'friday', time: '10:00', cadence: 'weekly' };
    expect(promptDue(friday, NY, '2026-11-23', at('2026-11-24T15:00:00Z')).due).toBe(false);
    expect(promptDue(friday, NY, '2026-11-23', at('2026-11-27T15:00:00Z')).due).toBe(true);
  });

  it('reports an unknown time zone instead of guessing', () => {
    const res = promptDue(DEFAULT_SCHEDULE, 'Nowhere/Else', undefined, at('2026-11-23T15:00:00Z'));
    expect(res.due).toBe(false);
    expect(!res.due && res.reason).toMatch(/time zone/);
  });
});

describe('promptDue for a team imported mid-cycle', () => {
  const BIWEEKLY_THU: CheckinSchedule = {
    day: 'thursday',
    time: '10:00',
    cadence: 'biweekly',
    anchor: '2026-11-19',
  };

  it('does not backfill the round whose window started before the import; the first round is the next slot', () => {
    const imported = at('2026-12-02T09:00:00Z');
    const late = promptDue(BIWEEKLY_THU, 'UTC', undefined, at('2026-12-02T09:05:00Z'), undefined, {
      notBefore: imported,
    });
    expect(late.due).toBe(false);
    expect(!late.due && late.reason).toMatch(/round 2026-11-19 began before check-ins started/);
    const first = promptDue(BIWEEKLY_THU, 'UTC', undefined, at('2026-12-03T10:00:00Z'), undefined, {
      notBefore: imported,
    });
    expect(first.due && first.round.key).toBe('2026-12-03');
  });

  it('a team created before the slot is prompted for that round, even on a late tick', () => {
    const res = promptDue(DEFAULT_SCHEDULE, NY, undefined, at('2026-11-24T15:00:00Z'), undefined, {
      notBefore: at('2026-11-22T12:00:00Z'),
    });
    expect(res.due && res.round.key).toBe('2026-11-23');
  });
});
