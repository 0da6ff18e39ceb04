export { digestDue } from './digest-due.js';
export { localDate } from './local-time.js';
export { DEFAULT_NUDGE_AFTER_HOURS, nudgeDue } from './nudge-due.js';
export { isPaused, parsePauseCommand } from './pause.js';
export { type PromptOptions, promptDue } from './prompt-due.js';
export { DEFAULT_QUIET_HOURS, isQuietTime, nextNonQuietInstant, type QuietHours } from './quiet-hours.js';
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
export { effectiveTimeZone, isValidTimeZone } from './time-zone.js';
