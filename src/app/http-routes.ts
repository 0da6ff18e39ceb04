import { readingsRoute } from '../kpis/index.js';
import type { HttpRoute } from '../platform/http/routes.js';

export type { HttpRoute } from '../platform/http/routes.js';

/** okrbot's own HTTP API, tried before Slack's endpoint: each feature's routes. */
export function httpRoutes(): HttpRoute[] {
  return [readingsRoute];
}
