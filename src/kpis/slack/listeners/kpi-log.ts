import { getPerson } from '../../../people/index.js';
import type { SubcommandInput } from '../../../platform/slack/command-router.js';
import { escapeMrkdwn as esc } from '../../../platform/slack/mrkdwn.js';
import { parseReadingPeriod } from '../../domain/period.js';
import { logReading, parseLogArgs } from '../../log-reading.js';
import { getKpiByKey } from '../../store/kpis.js';
import { kpiLogReply } from '../views/kpi-log-reply.js';

/**
 * `/kpi log KEY VALUE [DATE]`: records a reading, evaluates it, and says what it did. Every answer rides on
 * the ack, the refusals and failures included (an ephemeral line, never a command left unanswered).
 */
export async function kpiLogSubcommand({ ctx, args, rest, teamId, userId }: SubcommandInput): Promise<void> {
  const parsed = parseLogArgs(rest);
  if (!parsed.ok) {
    await args.ack({ response_type: 'ephemeral', text: parsed.error });
    return;
  }
  try {
    const tz = (await getPerson(ctx.db, teamId, userId))?.tz ?? ctx.config.defaultTimeZone;
    // The period is checked here against the bot's clock in the person's zone (the readings check runs again
    // inside logReading): a period that has not started, or one from before the KPI's era, is refused.
    const date = parsed.value.date;
    const kpi = date ? await getKpiByKey(ctx.db, teamId, parsed.value.key) : undefined;
    if (date && kpi) {
      const first = await ctx.db
        .selectFrom('kpi_readings')
        .select((eb) => eb.fn.min('period').as('first'))
        .where('kpi_id', '=', kpi.id)
        .executeTakeFirst();
      const period = parseReadingPeriod(date, kpi.cadence, {
        now: ctx.now(),
        timeZone: tz,
        earliestReading: first?.first ? String(first.first) : undefined,
      });
      if (!period.ok) {
        await args.ack({
          response_type: 'ephemeral',
          text: `Nothing was recorded for \`${esc(kpi.key)}\`: ${esc(period.error)}`,
        });
        return;
      }
      parsed.value.date = period.period;
    }
    const result = await logReading(ctx, teamId, userId, parsed.value, tz);
    await args.ack({ response_type: 'ephemeral', ...kpiLogReply(result) });
  } catch (error) {
    ctx.log.error('/kpi log failed:', error);
    await args.ack({
      response_type: 'ephemeral',
      text: 'Nothing was recorded: okrbot ran into a problem storing that reading. Try again in a minute.',
    });
  }
}
