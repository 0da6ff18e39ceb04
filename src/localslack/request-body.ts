import type { IncomingMessage } from 'node:http';
import type { JsonObject } from './types.js';

/** Arguments that WebClient sends JSON-stringified in form bodies, and the error Slack gives when they do not parse. */
const JSON_FIELDS: Record<string, string> = {
  blocks: 'invalid_blocks_format',
  view: 'invalid_arguments',
  metadata: 'invalid_metadata_format',
  attachments: 'invalid_attachments',
};

export interface ParsedApiRequest {
  args: JsonObject;
  token?: string;
  /** Slack error code when the body could not be understood. */
  error?: string;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Parses a Web API request like Slack: form bodies (token may be a field), JSON bodies (token only in the
 * Authorization header), and query-string arguments.
 */
export function parseApiRequest(
  raw: string,
  contentType: string | undefined,
  authorization: string | undefined,
  query: URLSearchParams,
): ParsedApiRequest {
  const args: JsonObject = {};
  let token: string | undefined;
  let error: string | undefined;
  for (const [k, v] of query) args[k] = v;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') {
    if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          Object.assign(args, parsed);
        else error = 'invalid_json';
      } catch {
        error = 'invalid_json';
      }
    }
    // Slack ignores a `token` field in JSON bodies.
    delete args.token;
  } else if (type === 'multipart/form-data') {
    error = 'invalid_form_data';
  } else {
    for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
  }
  if (typeof args.token === 'string') token = args.token;
  delete args.token;
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) token = bearer;
  for (const [field, code] of Object.entries(JSON_FIELDS)) {
    const v = args[field];
    if (typeof v !== 'string') continue;
    try {
      args[field] = JSON.parse(v);
    } catch {
      error ??= code;
    }
  }
  return { args, ...(token !== undefined ? { token } : {}), ...(error !== undefined ? { error } : {}) };
}
