import { isoDateOf, localDayNumber, zonedWallTimeToUtc } from './local-time.js';
import { type CheckinSchedule, latestSlotDayOnOrBefore, type SlotPlan, slotPlanOf } from './schedule.js';
import { isValidTimeZone } from './time-zone.js';

/** One check-in round for one owner: from their slot to their next slot. */
export interface Round {
  /** Stable id of the round for this owner: the local date of the slot, `YYYY-MM-DD`. */
  key: string;
  /** The slot instant. */
  startsAt: Date;
  /** The next slot instant; answers and edits are accepted until then. */
  endsAt: Date;
}

function slotInstant(plan: SlotPlan, day: number, timeZone: string): Date {
  return zonedWallTimeToUtc(day, plan.minuteOfDay, timeZone);
}

/**
 * The round whose slot is the latest one at or before `now`, in the owner's time zone.
 * Undefined for an unknown time zone, a schedule `parseSchedule` would reject, or an invalid `now`.
 */
export function roundAt(schedule: CheckinSchedule, timeZone: string, now: Date): Round | undefined {
  const plan = slotPlanOf(schedule);
  if (!plan || !isValidTimeZone(timeZone) || Number.isNaN(now.getTime())) return undefined;
  let day = latestSlotDayOnOrBefore(plan, localDayNumber(now, timeZone));
  let startsAt = slotInstant(plan, day, timeZone);
  if (startsAt.getTime() > now.getTime()) {
    day -= plan.periodDays;
    startsAt = slotInstant(plan, day, timeZone);
  }
  return { key: isoDateOf(day), startsAt, endsAt: slotInstant(plan, day + plan.periodDays, timeZone) };
}
