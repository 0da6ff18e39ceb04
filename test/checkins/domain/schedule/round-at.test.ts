import { describe, expect, it } from 'vitest';
import {
  type CheckinSchedule,
  DEFAULT_SCHEDULE,
  promptDue,
  type Round,
  roundAt,
} from '../../../../src/checkins/domain/schedule/index.js';

/** Independent oracle: the local wall clock via Intl, e.g. `Mon 2026-11-23 10:00`. */
function local(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function round(schedule: CheckinSchedule, tz: string, iso: string): Round {
  const r = roundAt(schedule, tz, new Date(iso));
  if (!r) throw new Error('expected a round');
  return r;
}

const DAY = 86_400_000;

describe('roundAt: slot instants', () => {
  it('puts Monday 10:00 in New York at 15:00Z in winter and 14:00Z in summer, across both DST changes', () => {
    const ny = 'America/New_York';
    expect(round(DEFAULT_SCHEDULE, ny, '2026-03-02T15:00:00Z').startsAt.toISOString()).toBe(
      '2026-03-02T15:00:00.000Z',
    );
    // DST starts Sunday 2026-03-08: the round of 03-02 ends at the next Monday 10:00 EDT, 6 days 23 hours later.
    const march = round(DEFAULT_SCHEDULE, ny, '2026-03-05T12:00:00Z');
    expect(march.key).toBe('2026-03-02');
    expect(march.endsAt.toISOString()).toBe('2026-03-09T14:00:00.000Z');
    // DST ends Sunday 2026-11-01.
    const october = round(DEFAULT_SCHEDULE, ny, '2026-10-28T12:00:00Z');
    expect(october.startsAt.toISOString()).toBe('2026-10-26T14:00:00.000Z');
    expect(october.endsAt.toISOString()).toBe('2026-11-02T15:00:00.000Z');
  });

  it('moves a slot inside the spring-forward gap to the first valid instant instead of skipping it', () => {
    const berlin = 'Europe/Berlin';
    const sunday0230: CheckinSchedule = { day: 'sunday', time: '02:30', cadence: 'weekly' };
    // 2026-03-29 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist that night.
    expect(round(sunday0230, berlin, '2026-03-29T00:59:00Z').key).toBe('2026-03-22');
    const r = round(sunday0230, berlin, '2026-03-29T01:00:00Z');
    expect(r.key).toBe('2026-03-29');
    expect(r.startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(local(r.startsAt, berlin)).toBe('Sun 2026-03-29 03:00');
    expect(round(sunday0230, berlin, '2026-03-25T12:00:00Z').endsAt.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('fires a slot in the repeated fall-back hour once, at its first occurrence', () => {
    const berlin = 'Europe/Berlin';
    const sunday0230: CheckinSchedule = { day: 'sunday', time: '02:30', cadence: 'weekly' };
    // 2026-10-25: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    const first = round(sunday0230, berlin, '2026-10-25T00:30:00Z');
    expect(first.startsAt.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const second = round(sunday0230, berlin, '2026-10-25T01:30:00Z');
    expect(second).toEqual(first);
    expect(promptDue(sunday0230, berlin, first.key, new Date('2026-10-25T01:30:00Z')).due).toBe(false);
  });

  it.each([
    ['Asia/Seoul', '2026-11-23T01:00:00.000Z'],
    ['Pacific/Auckland', '2026-11-22T21:00:00.000Z'],
    ['Pacific/Kiritimati', '2026-11-22T20:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-23T04:30:00.000Z'],
    ['America/New_York', '2026-11-23T15:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-23T18:00:00.000Z'],
    ['Pacific/Pago_Pago', '2026-11-23T21:00:00.000Z'],
  ])('Monday 10:00 on 2026-11-23 in %s is %s', (tz, instant) => {
    const r = round(DEFAULT_SCHEDULE, tz, '2026-11-25T12:00:00Z');
    expect(r.key).toBe('2026-11-23');
    expect(r.startsAt.toISOString()).toBe(instant);
    expect(local(r.startsAt, tz)).toBe('Mon 2026-11-23 10:00');
  });

  it('follows Auckland off daylight time: +12 in June', () => {
    const r = round(DEFAULT_SCHEDULE, 'Pacific/Auckland', '2026-06-03T00:00:00Z');
    expect(r.startsAt.toISOString()).toBe('2026-05-31T22:00:00.000Z');
    expect(r.key).toBe('2026-06-01');
  });

  it('is undefined for an unknown time zone or an invalid schedule', () => {
    expect(roundAt(DEFAULT_SCHEDULE, 'Mars/Olympus_Mons', new Date())).toBeUndefined();
    expect(roundAt({ ...DEFAULT_SCHEDULE, time: '25:00' }, 'UTC', new Date())).toBeUndefined();
  });
});

/**
 * Ticks every 15 minutes and records when a prompt would go out, as a scheduler would. The owner has
 * already been prompted for the round in progress at the start.
 */
function simulate(schedule: CheckinSchedule, tz: string, fromIso: string, toIso: string): Date[] {
  const sent: Date[] = [];
  let last: string | undefined = round(schedule, tz, fromIso).key;
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += 15 * 60_000) {
    const res = promptDue(schedule, tz, last, new Date(t));
    if (res.due) {
      sent.push(new Date(t));
      last = res.round.key;
    }
  }
  return sent;
}

describe('rounds over months, DST changes and the turn of the year', () => {
  it.each([
    'America/New_York',
    'Europe/Berlin',
    'Asia/Seoul',
    'Pacific/Auckland',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Asia/Kolkata',
  ])('weekly in %s: exactly one prompt every local Monday at 10:00', (tz) => {
    // 2026-10-05 … 2027-01-17 spans the October/November DST ends and 2026-12-28 → 2027-01-04.
    const sent = simulate(DEFAULT_SCHEDULE, tz, '2026-10-05T12:00:00Z', '2027-01-18T12:00:00Z');
    const localTimes = sent.map((d) => local(d, tz));
    expect(localTimes.every((s) => s.startsWith('Mon ') && s.endsWith(' 10:00'))).toBe(true);
    expect(localTimes).toContain('Mon 2026-12-28 10:00');
    expect(localTimes).toContain('Mon 2027-01-04 10:00');
    const dates = localTimes.map((s) => s.slice(4, 14));
    expect(new Set(dates).size).toBe(dates.length);
    for (let i = 1; i < dates.length; i++) {
      expect(Date.parse(dates[i] as string) - Date.parse(dates[i - 1] as string)).toBe(7 * DAY);
    }
    expect(dates.length).toBeGreaterThanOrEqual(14);
  });

  it('biweekly stays every 14 days across a 53-week ISO year (2026 has week 53)', () => {
    const biweekly: CheckinSchedule = { ...DEFAULT_SCHEDULE, cadence: 'biweekly' };
    const sent = simulate(biweekly, 'Europe/Berlin', '2026-11-20T00:00:00Z', '2027-03-01T00:00:00Z');
    const dates = sent.map((d) => local(d, 'Europe/Berlin').slice(4, 14));
    expect(dates.slice(0, 4)).toEqual(['2026-11-30', '2026-12-14', '2026-12-28', '2027-01-11']);
    for (let i = 1; i < dates.length; i++) {
      expect(Date.parse(dates[i] as string) - Date.parse(dates[i - 1] as string)).toBe(14 * DAY);
    }
  });

  it('biweekly gives owners in different zones the same round weeks, and rounds last 14 days', () => {
    const biweekly: CheckinSchedule = { ...DEFAULT_SCHEDULE, cadence: 'biweekly' };
    const at = '2026-12-10T12:00:00Z';
    const seoul = round(biweekly, 'Asia/Seoul', at);
    const la = round(biweekly, 'America/Los_Angeles', at);
    expect(seoul.key).toBe('2026-11-30');
    expect(la.key).toBe('2026-11-30');
    expect(la.endsAt.getTime() - la.startsAt.getTime()).toBe(14 * DAY);
  });

  it('a biweekly anchor chooses which weeks have check-ins', () => {
    const at = '2026-12-02T12:00:00Z';
    const onWeek: CheckinSchedule = { ...DEFAULT_SCHEDULE, cadence: 'biweekly', anchor: '2026-11-30' };
    const offWeek: CheckinSchedule = { ...DEFAULT_SCHEDULE, cadence: 'biweekly', anchor: '2026-12-09' };
    expect(round(onWeek, 'UTC', at).key).toBe('2026-11-30');
    expect(round(offWeek, 'UTC', at).key).toBe('2026-11-23');
  });
});
