export { digestDue } from './digestDue.js';
export { localDate } from './localTime.js';
export { DEFAULT_NUDGE_AFTER_HOURS, nudgeDue } from './nudgeDue.js';
export { isPaused, parsePauseCommand } from './pause.js';
export { type PromptOptions, promptDue } from './promptDue.js';
export { DEFAULT_QUIET_HOURS, isQuietTime, nextNonQuietInstant, type QuietHours } from './quietHours.js';
export { type Round, roundAt } from './round.js';
export {
  type CheckinCadence,
  type CheckinSchedule,
  DEFAULT_BIWEEKLY_ANCHOR,
  DEFAULT_SCHEDULE,
  parseSchedule,
  WEEKDAYS,
  type Weekday,
} from './schedule.js';
export { effectiveTimeZone, isValidTimeZone } from './timeZone.js';
