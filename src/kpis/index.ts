// The kpis feature: what the app wires (listeners, jobs, the readings route) and what other parts may call.
export { sendAlertsNow } from './alert-outbox.js';
export * from './domain/index.js';
export { type AlertChange, recordReadings } from './evaluate-and-notify.js';
export { readingsRoute } from './http/readings-route.js';
export { kpiJobs } from './jobs.js';
export { MAX_READINGS_PER_BATCH, validateReadings } from './readings.js';
export { registerKpiListeners } from './slack/listeners/index.js';
export type { DraftViewSource } from './slack/listeners/kpi-draft-okr.js';
export { alertButtonValue, KPI_ALERT_ACTIONS } from './slack/views/kpi-alert-message.js';
export { ownedKpiStatus } from './status.js';
export * from './store/api-tokens.js';
export {
  type FoldedAlert,
  getKpiByKey,
  type Kpi,
  type KpiReading,
  listFoldedAlerts,
  listKpis,
  listReadings,
} from './store/index.js';
export { listRecentReadings } from './store/kpis.js';
