import type { AppContext } from '../context.js';
import type { SendReport } from '../outbox/sender.js';

/** One kind of scheduled work. `run` must be safe to call twice for the same instant and on several replicas. */
export interface ScheduledJob {
  name: string;
  run(ctx: AppContext, at: Date): Promise<Record<string, number>>;
}

export interface TickReport {
  at: string;
  jobs: Record<string, Record<string, number> | { error: string }>;
  outbox: SendReport;
}

/**
 * Runs every scheduled job due at `at` once, then sends what they queued. `serve` calls it every minute;
 * `okrbot tick --at` calls it once. A failing job is logged and does not stop the others.
 */
export async function runTick(
  ctx: AppContext,
  jobs: ScheduledJob[],
  at: Date,
  options: { stopping?: () => boolean } = {},
): Promise<TickReport> {
  const report: TickReport = { at: at.toISOString(), jobs: {}, outbox: emptySendReport() };
  for (const job of jobs) {
    if (options.stopping?.()) break;
    try {
      report.jobs[job.name] = await job.run(ctx, at);
      ctx.metrics.jobs.inc({ job: job.name, outcome: 'ok' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.child({ job: job.name }).error(`job ${job.name} failed at ${report.at}:`, error);
      report.jobs[job.name] = { error: message };
      ctx.metrics.jobs.inc({ job: job.name, outcome: 'failed' });
    }
  }
  report.outbox = await ctx.outbox.sendNow({ stopping: options.stopping });
  return report;
}

export function emptySendReport(): SendReport {
  return { sent: 0, failed: 0, skipped: 0, rateLimitedWaits: 0, retries: 0 };
}
