// The kpis feature's tables: KPIs and readings, alerts, API tokens.
export * from './alerts.js';
export * from './api-tokens.js';
export * from './kpis.js';
