import { dayNumberOf, formatClockTime, parseClockTime, weekdayIndex } from './local-time.js';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export type CheckinCadence = 'weekly' | 'biweekly';

export interface CheckinSchedule {
  day: Weekday;
  /** Local time of the prompt in each owner's own time zone, `HH:mm`. */
  time: string;
  cadence: CheckinCadence;
  /**
   * Biweekly only: any `YYYY-MM-DD` date in a week (Monday–Sunday) that has a check-in. Check-in weeks are
   * that week and every second week before and after it. Default {@link DEFAULT_BIWEEKLY_ANCHOR}.
   */
  anchor?: string;
}

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Monday 10:00, every week. */
export const DEFAULT_SCHEDULE: CheckinSchedule = Object.freeze({
  day: 'monday',
  time: '10:00',
  cadence: 'weekly',
}) as CheckinSchedule;

/**
 * Default biweekly anchor: Monday 2024-01-01. Rounds fall in the weeks an even number of weeks from it
 * (counted on each owner's local calendar), so every replica, and every owner of a team whatever their
 * zone, gets the same weeks, and the rhythm stays 14 days across 53-week ISO years.
 */
export const DEFAULT_BIWEEKLY_ANCHOR = '2024-01-01';

const DAY_ALIASES: Record<string, Weekday> = {
  mon: 'monday',
  tue: 'tuesday',
  tues: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};

const CADENCE_ALIASES: Record<string, CheckinCadence> = {
  weekly: 'weekly',
  every_week: 'weekly',
  biweekly: 'biweekly',
  bi_weekly: 'biweekly',
  every_two_weeks: 'biweekly',
  every_2_weeks: 'biweekly',
  fortnightly: 'biweekly',
};

function parseWeekday(text: string): Weekday | undefined {
  const t = text.trim().toLowerCase();
  if ((WEEKDAYS as readonly string[]).includes(t)) return t as Weekday;
  return DAY_ALIASES[t];
}

/**
 * Validates team settings. Missing fields take the default (Monday, 10:00, weekly).
 * Accepts `Mon`/`monday`, `9:00`/`09:00`, `weekly`/`biweekly`/`every_two_weeks` (also `every two weeks`,
 * `fortnightly`); normalises to `monday`, `09:00`, `biweekly`.
 */
export function parseSchedule(input: {
  day?: string;
  time?: string;
  cadence?: string;
  anchor?: string;
}): { ok: true; schedule: CheckinSchedule } | { ok: false; errors: string[] } {
  const errors: string[] = [];

  let day = DEFAULT_SCHEDULE.day;
  if (input.day !== undefined) {
    const parsed = parseWeekday(input.day);
    if (parsed) day = parsed;
    else errors.push(`day "${input.day}" is not a weekday (use e.g. Mon or monday)`);
  }

  let time = DEFAULT_SCHEDULE.time;
  if (input.time !== undefined) {
    const minutes = parseClockTime(input.time);
    if (minutes !== undefined) time = formatClockTime(minutes);
    else errors.push(`time "${input.time}" is not a 24-hour time HH:mm (use e.g. 9:00 or 14:30)`);
  }

  let cadence = DEFAULT_SCHEDULE.cadence;
  if (input.cadence !== undefined) {
    const key = input.cadence
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    const parsed = CADENCE_ALIASES[key];
    if (parsed) cadence = parsed;
    else errors.push(`cadence "${input.cadence}" is not one of weekly, biweekly (every_two_weeks)`);
  }

  let anchor: string | undefined;
  if (input.anchor !== undefined && input.anchor.trim() !== '') {
    const a = input.anchor.trim();
    if (dayNumberOf(a) === undefined) errors.push(`anchor "${input.anchor}" is not a date YYYY-MM-DD`);
    else if (cadence !== 'biweekly') errors.push('anchor only applies to a biweekly cadence');
    else anchor = a;
  }

  if (errors.length > 0) return { ok: false, errors };
  const schedule: CheckinSchedule = { day, time, cadence };
  if (anchor !== undefined) schedule.anchor = anchor;
  return { ok: true, schedule };
}

/** A schedule in numbers. Internal to the schedule module. */
export interface SlotPlan {
  weekday: number;
  minuteOfDay: number;
  periodDays: 7 | 14;
  /** Day number of the Monday of a check-in week (biweekly). */
  anchorMonday: number;
}

/** Null when the schedule holds values `parseSchedule` would reject. */
export function slotPlanOf(schedule: CheckinSchedule): SlotPlan | null {
  const key = `${schedule.day}|${schedule.time}|${schedule.cadence}|${schedule.anchor ?? ''}`;
  let plan = planMemo.get(key);
  if (plan === undefined) {
    plan = computeSlotPlan(schedule);
    if (planMemo.size >= 1000) planMemo.clear();
    planMemo.set(key, plan);
  }
  return plan;
}

const planMemo = new Map<string, SlotPlan | null>();

function computeSlotPlan(schedule: CheckinSchedule): SlotPlan | null {
  const weekday = WEEKDAYS.indexOf(schedule.day);
  const minuteOfDay = parseClockTime(schedule.time);
  const anchorDay = dayNumberOf(schedule.anchor ?? DEFAULT_BIWEEKLY_ANCHOR);
  if (weekday < 0 || minuteOfDay === undefined || anchorDay === undefined) return null;
  if (schedule.cadence !== 'weekly' && schedule.cadence !== 'biweekly') return null;
  return {
    weekday,
    minuteOfDay,
    periodDays: schedule.cadence === 'weekly' ? 7 : 14,
    anchorMonday: anchorDay - weekdayIndex(anchorDay),
  };
}

/** The latest slot date (day number) on or before `day`. */
export function latestSlotDayOnOrBefore(plan: SlotPlan, day: number): number {
  let slot = day - ((weekdayIndex(day) - plan.weekday + 7) % 7);
  if (plan.periodDays === 14) {
    const weeks = (slot - weekdayIndex(slot) - plan.anchorMonday) / 7;
    if (Math.abs(weeks % 2) === 1) slot -= 7;
  }
  return slot;
}
