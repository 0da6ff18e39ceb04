import type { AppContext } from '../context.js';
import { workspaceContexts } from '../installations/workspace-context.js';
import type { SendReport } from '../outbox/sender.js';

/** One kind of scheduled work. `run` must be safe to call twice for the same instant and on several replicas. */
export interface ScheduledJob {
  name: string;
  run(ctx: AppContext, at: Date): Promise<Record<string, number>>;
}

type JobResult = Record<string, number> | { error: string };

export interface TickReport {
  at: string;
  /** What each job did, summed over the workspaces (a job that failed in any of them: its first error). */
  jobs: Record<string, JobResult>;
  /** OAuth mode: what each job did in each workspace. */
  workspaces?: Record<string, Record<string, JobResult>>;
  outbox: SendReport;
}

/**
 * Runs every scheduled job due at `at` once for every workspace served (each with its own context: its
 * id and token), then sends what they queued. `serve` calls it every minute; `okrbot tick --at` calls it
 * once. A failing job is logged and does not stop the others.
 */
export async function runTick(
  ctx: AppContext,
  jobs: ScheduledJob[],
  at: Date,
  options: { stopping?: () => boolean } = {},
): Promise<TickReport> {
  const report: TickReport = { at: at.toISOString(), jobs: {}, outbox: emptySendReport() };
  for (const one of await workspaceContexts(ctx)) {
    if (options.stopping?.()) break;
    const results = await runJobs(one, jobs, at, options);
    if (ctx.workspaces.oauth) report.workspaces = { ...report.workspaces, [one.teamId]: results };
    for (const [name, result] of Object.entries(results)) report.jobs[name] = sum(report.jobs[name], result);
  }
  report.outbox = await ctx.outbox.sendNow({ stopping: options.stopping });
  return report;
}

async function runJobs(
  ctx: AppContext,
  jobs: ScheduledJob[],
  at: Date,
  options: { stopping?: () => boolean },
): Promise<Record<string, JobResult>> {
  const results: Record<string, JobResult> = {};
  for (const job of jobs) {
    if (options.stopping?.()) break;
    try {
      results[job.name] = await job.run(ctx, at);
      ctx.metrics.jobs.inc({ job: job.name, outcome: 'ok' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log
        .child({ job: job.name, workspace: ctx.teamId })
        .error(`job ${job.name} failed at ${at.toISOString()}:`, error);
      results[job.name] = { error: message };
      ctx.metrics.jobs.inc({ job: job.name, outcome: 'failed' });
    }
  }
  return results;
}

function sum(a: JobResult | undefined, b: JobResult): JobResult {
  if (!a) return b;
  if ('error' in a) return a;
  if ('error' in b) return b;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

export function emptySendReport(): SendReport {
  return { sent: 0, failed: 0, skipped: 0, rateLimitedWaits: 0, retries: 0 };
}
