import { listTeams } from '../people/index.js';
import type { AppContext } from '../platform/context.js';
import type { OutgoingMessage } from '../platform/outbox/store.js';
import type { ScheduledJob } from '../platform/scheduler/tick.js';
import { workspaceTimeZone } from './close-quarter.js';
import {
  formatQuarter,
  localDate,
  parseQuarter,
  previousQuarter,
  quarterOf,
  quarterStartDate,
} from './domain/index.js';
import { closeQuarterPromptMessage } from './slack/views/quarter-messages.js';
import { activatePlannedObjectives, objectivesOfQuarter } from './store/quarters.js';

/** Days after a quarter's end during which its leads are reminded (a bot that was down catches up). */
const REMINDER_DAYS = 7;
/** Not before this local hour in the workspace's time zone. */
const REMINDER_HOUR = 9;

/**
 * The quarter whose leads get the "Close" DM at `at`: the one that just ended, from 09:00 on the day after
 * its last day (the new quarter's first day) in the workspace's time zone, for a week. Pure.
 */
export function closeReminderQuarter(at: Date, timeZone: string): string | undefined {
  const current = quarterOf(at, timeZone);
  const today = localDate(at, timeZone);
  const start = quarterStartDate(current);
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  const hour = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(at),
  );
  if (days < 0 || days >= REMINDER_DAYS || (days === 0 && hour < REMINDER_HOUR)) return undefined;
  return formatQuarter(previousQuarter(current));
}

/**
 * Every minute: planned objectives whose quarter has begun become active, and the day after a quarter ends
 * each team lead with active objectives left from it gets one "Close 2026Q4" DM (once: its dedupe key).
 */
export const quarterCloseJob: ScheduledJob = {
  name: 'okr-quarters',
  async run(ctx: AppContext, at: Date) {
    const tz = await workspaceTimeZone(ctx.db, ctx.teamId, ctx.config.defaultTimeZone);
    const activated = await activatePlannedObjectives(
      ctx.db,
      ctx.teamId,
      formatQuarter(quarterOf(at, tz)),
      at,
    );
    const quarter = closeReminderQuarter(at, tz);
    if (!quarter || !parseQuarter(quarter)) return { activated, reminded: 0 };
    const messages: OutgoingMessage[] = [];
    for (const team of await listTeams(ctx.db, ctx.teamId)) {
      if (!team.lead_slack_id) continue;
      const active = await objectivesOfQuarter(ctx.db, ctx.teamId, quarter, ['active'], team.key);
      if (active.length === 0) continue;
      const m = closeQuarterPromptMessage({
        quarter,
        teamName: team.name,
        teamKey: team.key,
        activeObjectives: active.length,
      });
      messages.push({
        teamId: ctx.teamId,
        dedupeKey: `okr-close-reminder:${ctx.teamId}:${team.key}:${quarter}`,
        kind: 'okr_close_reminder',
        method: 'chat.postMessage',
        target: team.lead_slack_id,
        payload: { text: m.text, blocks: m.blocks },
      });
    }
    const reminded = await ctx.outbox.enqueue(ctx.db, messages, at);
    return { activated, reminded };
  },
};

/** The okrs feature's scheduled work. */
export function okrJobs(): ScheduledJob[] {
  return [quarterCloseJob];
}
