import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../context.js';

/** An HTTP route: answers and returns true when the request is its own, else returns false. */
export type HttpRoute = (ctx: AppContext, req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
