import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** okrbot's Prometheus metrics, one registry per running bot (`GET /metrics`). */
export interface Metrics {
  registry: Registry;
  /** Requests by kind (command, block_actions, view_submission, event, api, health…) and outcome. */
  requests: Counter<'kind' | 'outcome'>;
  /** Time from a request's arrival to its answer (for Slack: the ack), by kind. */
  ackSeconds: Histogram<'kind'>;
  /** Web API calls okrbot made, by method and outcome (ok, rate_limited, error). */
  slackCalls: Counter<'method' | 'outcome'>;
  /** Scheduled jobs run, by job and outcome. */
  jobs: Counter<'job' | 'outcome'>;
  /** KPI alerts that reached an owner, by rule and severity. */
  alertsFired: Counter<'rule' | 'severity'>;
  /** Outbox messages by status, read at scrape time. */
  outbox: Gauge<'status'>;
}

/** Makes the registry; `outboxCounts` is read on each scrape. */
export function createMetrics(outboxCounts?: () => Promise<Record<string, number>>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'okrbot_' });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'okrbot_requests_total',
      help: 'Requests answered, by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'okrbot_ack_seconds',
      help: 'Time from a request arriving to its answer (the ack, for Slack)',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers,
    }),
    slackCalls: new Counter({
      name: 'okrbot_slack_calls_total',
      help: 'Slack Web API calls, by method and outcome',
      labelNames: ['method', 'outcome'],
      registers,
    }),
    jobs: new Counter({
      name: 'okrbot_jobs_total',
      help: 'Scheduled jobs run, by job and outcome',
      labelNames: ['job', 'outcome'],
      registers,
    }),
    alertsFired: new Counter({
      name: 'okrbot_alerts_fired_total',
      help: 'KPI alerts that reached their owner, by rule and severity',
      labelNames: ['rule', 'severity'],
      registers,
    }),
    outbox: new Gauge({
      name: 'okrbot_outbox_messages',
      help: 'Outbox messages by status',
      labelNames: ['status'],
      registers,
      async collect() {
        if (!outboxCounts) return;
        this.reset();
        for (const [status, n] of Object.entries(await outboxCounts())) this.set({ status }, n);
      },
    }),
  };
}
