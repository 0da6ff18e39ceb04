import { readingsRoute } from '../kpis/index.js';
import type { HttpRoute } from '../platform/http/routes.js';
import { refreshingHomes } from './home-refresh.js';

export type { HttpRoute } from '../platform/http/routes.js';

/** okrbot's own HTTP API, tried before Slack's endpoint: each feature's routes (readings refresh Home tabs). */
export function httpRoutes(): HttpRoute[] {
  return [refreshingHomes(readingsRoute)];
}
