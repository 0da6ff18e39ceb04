import type { IncomingMessage, ServerResponse } from 'node:http';
import { readingsRoute } from '../kpis/http/readings-route.js';
import type { AppContext } from '../platform/context.js';

/** An HTTP route: answers and returns true when the request is its own, else returns false. */
export type HttpRoute = (ctx: AppContext, req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** okrbot's own HTTP API, tried before Slack's endpoint. */
export function httpRoutes(): HttpRoute[] {
  return [readingsRoute];
}
