import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../../platform/context.js';
import { databaseUnavailable } from '../../platform/db/unavailable.js';
import { bearerToken, HttpError, readBodyLimited, sendJson } from '../../platform/http/json.js';
import { recordReadingsAndNotify } from '../evaluate-and-notify.js';
import { readingsBodySchema, validateReadings } from '../readings.js';
import { authenticateToken } from '../store/api-tokens.js';

/** 10,000 readings of ~80 bytes each, with room to spare. */
export const READINGS_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * `POST /api/v1/readings` with `Authorization: Bearer <token>` and `{"readings": [{"kpi", "period", "value"}, …]}`.
 * A batch with any bad row writes nothing; the answer says how many readings were stored and which alerts changed.
 */
export async function readingsRoute(
  ctx: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/api/v1/readings') return false;
  try {
    if (req.method !== 'POST')
      throw new HttpError(405, { ok: false, error: 'method_not_allowed', allowed: ['POST'] });
    const presented = bearerToken(req);
    const token = presented
      ? await authenticateToken(ctx.db, presented, ctx.now(), ctx.config.apiTokenPepper)
      : undefined;
    if (!token) {
      throw new HttpError(401, {
        ok: false,
        error: presented ? 'invalid_token' : 'missing_token',
        message: 'send Authorization: Bearer <token>; make one with `okrbot token create --name NAME`',
      });
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json')
      throw new HttpError(415, { ok: false, error: 'unsupported_media_type', expected: 'application/json' });
    const text = await readBodyLimited(req, READINGS_BODY_LIMIT);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, { ok: false, error: 'invalid_json', message: (error as Error).message });
    }
    const shape = readingsBodySchema.safeParse(body);
    if (!shape.success) {
      throw new HttpError(400, {
        ok: false,
        error: 'invalid_body',
        issues: shape.error.issues.map((i) => ({
          path: ['body', ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      });
    }
    const valid = await validateReadings(ctx.db, token.team_id, shape.data.readings, {
      now: ctx.now(),
      timeZone: ctx.config.defaultTimeZone,
    });
    if (!valid.ok) {
      throw new HttpError(400, {
        ok: false,
        error: 'invalid_readings',
        message: 'no reading was stored',
        problems: valid.problems,
      });
    }
    // Stored and evaluated in one transaction; alerts are sent in the background so the answer is fast.
    const result = await recordReadingsAndNotify(ctx, token.team_id, valid.readings, `api:${token.name}`);
    sendJson(res, 200, {
      ok: true,
      stored: result.stored,
      unchanged: result.unchanged,
      alerts: result.alerts,
    });
  } catch (error) {
    if (error instanceof HttpError) sendJson(res, error.status, error.body);
    else if (databaseUnavailable(error)) {
      ctx.log.warn(`readings API: database busy or unreachable: ${(error as Error).message}`);
      const body = { ok: false, error: 'database_busy', message: 'no reading was stored; send them again' };
      sendJson(res, 503, body, { 'retry-after': '5' });
    } else {
      ctx.log.error(`readings API: ${(error as Error).message}`);
      sendJson(res, 500, { ok: false, error: 'internal_error' });
    }
  }
  return true;
}
