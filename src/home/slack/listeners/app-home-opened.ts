import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { listKpis, listReadings } from '../../../kpis/index.js';
import { activeKeyResultsOf } from '../../../okrs/index.js';
import { getPerson } from '../../../people/index.js';
import type { AppContext } from '../../../platform/context.js';
import { homeView } from '../views/home-view.js';

/** Publishes the Home tab whenever someone opens it. */
export function registerAppHomeOpened(app: App, ctx: AppContext): void {
  app.event(
    'app_home_opened',
    async ({ event, client, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
      if (event.tab && event.tab !== 'home') return;
      const teamId = context.teamId ?? ctx.teamId;
      const view = await buildHome(ctx, teamId, event.user);
      await client.views.publish({ user_id: event.user, view });
    },
  );
}

export async function buildHome(ctx: AppContext, teamId: string, userId: string) {
  const [person, krs, kpis] = await Promise.all([
    getPerson(ctx.db, teamId, userId),
    activeKeyResultsOf(ctx.db, teamId, [userId]).then((byOwner) => byOwner.get(userId) ?? []),
    listKpis(ctx.db, teamId, userId),
  ]);
  const kpiRows = await Promise.all(
    kpis.map(async (k) => {
      const readings = await listReadings(ctx.db, k.id, 1);
      const last = readings.at(-1)?.value ?? null;
      const inRange = last !== null && last >= k.range_low && last <= k.range_high;
      return {
        key: k.key,
        name: k.name,
        unit: k.unit,
        range: [k.range_low, k.range_high] as [number, number],
        last,
        state: last === null ? 'no readings yet' : inRange ? 'in range' : 'out of range',
      };
    }),
  );
  return homeView({
    name: person?.name ?? 'there',
    pausedUntil: person?.paused_until ?? null,
    keyResults: krs.map((kr) => ({
      text: kr.text,
      objective: kr.objective_text,
      baseline: kr.baseline,
      current: kr.current,
      target: kr.target,
      unit: kr.unit,
    })),
    kpis: kpiRows,
  });
}
