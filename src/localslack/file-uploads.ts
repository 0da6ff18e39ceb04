// Slack's external file upload, as the local Slack speaks it: files.getUploadURLExternal hands out an upload
// URL (a real HTTP endpoint here) and a file id; the app POSTs the bytes there (raw or multipart), which must
// be exactly the announced length; files.completeUploadExternal shares the uploaded files into a channel as
// one message carrying `files`, whose `url_private_download` serves the bytes back to the bot token.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMessageTextTooLong } from './block-kit-limits.js';
import type { ApiCall, JsonObject, LocalFile, LocalMessage } from './types.js';

/** Slack's largest file: 1 GB. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

const UPLOAD_PATH = '/upload/v1/';
const DOWNLOAD_PATH = '/files-pri/';

/** What the uploads need from the local Slack they are part of. */
export interface FileUploadHost {
  baseUrl: () => string;
  teamId: string;
  botToken: string;
  botUserId: string;
  botId: string;
  now: () => number;
  scopes: () => string[];
  newId: (prefix: string) => string;
  resolveChannel: (arg: unknown) => { id: string } | { error: string };
  nextTs: () => string;
  addMessage: (msg: LocalMessage) => void;
  record: (heading: string, body?: string) => void;
  where: (channel: string) => string;
  log: (call: ApiCall) => void;
}

interface UploadRecord {
  file: LocalFile;
  secret: string;
  bytes?: Buffer;
  completed: boolean;
}

const ok = (body: JsonObject = {}): JsonObject => ({ ok: true, ...body });
const fail = (error: string, message?: string): JsonObject => ({
  ok: false,
  error,
  ...(message ? { response_metadata: { messages: [`[ERROR] ${message}`] } } : {}),
});

const MIME: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  txt: 'text/plain',
  png: 'image/png',
};

function readBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The bytes of an upload: the body itself, or the first file part of a multipart form. */
async function uploadedBytes(body: Buffer, contentType: string): Promise<Buffer | undefined> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return body;
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    for (const value of form.values()) {
      if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The `files` argument of files.completeUploadExternal: a JSON array of `{id, title?}`. */
function parseFilesArg(v: unknown): Array<{ id: string; title?: string }> | undefined {
  let value = v;
  if (typeof v === 'string') {
    try {
      value = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out: Array<{ id: string; title?: string }> = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null || typeof entry.id !== 'string') return undefined;
    out.push(typeof entry.title === 'string' ? { id: entry.id, title: entry.title } : { id: entry.id });
  }
  return out;
}

export class LocalFileUploads {
  private readonly uploads = new Map<string, UploadRecord>();

  constructor(private readonly host: FileUploadHost) {}

  /** The file (shared or not) with this id, and its bytes once uploaded. */
  file(id: string): { file: LocalFile; bytes?: Buffer; completed: boolean } | undefined {
    const rec = this.uploads.get(id);
    if (!rec) return undefined;
    return {
      file: structuredClone(rec.file),
      completed: rec.completed,
      ...(rec.bytes ? { bytes: rec.bytes } : {}),
    };
  }

  private scopeProblem(): JsonObject | undefined {
    const scopes = this.host.scopes();
    if (scopes.includes('files:write')) return undefined;
    return { ok: false, error: 'missing_scope', needed: 'files:write', provided: scopes.join(',') };
  }

  /** files.getUploadURLExternal: `filename` and `length` (bytes, 1 … 1 GB) → `upload_url` and `file_id`. */
  getUploadUrl(args: JsonObject): JsonObject {
    const scope = this.scopeProblem();
    if (scope) return scope;
    const filename = typeof args.filename === 'string' ? args.filename.trim() : '';
    if (filename === '') return fail('invalid_arguments', 'missing required field: filename');
    const raw = args.length;
    if (raw === undefined || raw === '') return fail('invalid_arguments', 'missing required field: length');
    const length = typeof raw === 'number' ? raw : Number(String(raw).trim());
    if (length === 0) return fail('missing_argument', 'length must be more than 0');
    if (!Number.isInteger(length) || length < 0)
      return fail('invalid_arguments', `length must be a whole number of bytes, got ${JSON.stringify(raw)}`);
    if (length > MAX_UPLOAD_BYTES) return fail('file_upload_size_restricted');
    const id = this.host.newId('F');
    const secret = randomBytes(12).toString('hex');
    const ext = filename.includes('.') ? (filename.split('.').pop() ?? '').toLowerCase() : '';
    const download = `${this.host.baseUrl()}${DOWNLOAD_PATH}${this.host.teamId}-${id}/${encodeURIComponent(filename)}`;
    const file: LocalFile = {
      id,
      name: filename,
      title: filename,
      size: length,
      mimetype: MIME[ext] ?? 'application/octet-stream',
      filetype: ext || 'binary',
      user: this.host.botUserId,
      created: Math.floor(this.host.now() / 1000),
      url_private: download,
      url_private_download: `${download}?download=1`,
    };
    this.uploads.set(id, { file, secret, completed: false });
    return ok({ upload_url: `${this.host.baseUrl()}${UPLOAD_PATH}${id}/${secret}`, file_id: id });
  }

  /** The uploads named by `files`, all uploaded and not yet completed, or the error Slack gives. */
  private completable(
    args: JsonObject,
  ): { recs: UploadRecord[]; titles: Array<string | undefined> } | { error: JsonObject } {
    const named = parseFilesArg(args.files);
    if (!named)
      return {
        error: fail('invalid_arguments', 'files must be a JSON array of {"id": "F…", "title": "…"} objects'),
      };
    const recs: UploadRecord[] = [];
    for (const { id } of named) {
      const rec = this.uploads.get(id);
      if (!rec || rec.completed) return { error: fail('file_not_found', `no upload ticket for file ${id}`) };
      if (!rec.bytes)
        return { error: fail('file_not_found', `file ${id} was never uploaded to its upload_url`) };
      recs.push(rec);
    }
    return { recs, titles: named.map((n) => n.title) };
  }

  /** The channels to share into: `channel_id`, else the comma-separated `channels`; none keeps the files private. */
  private targets(args: JsonObject): { ids: string[] } | { error: JsonObject } {
    const channelId = typeof args.channel_id === 'string' ? args.channel_id.trim() : '';
    const listed = channelId
      ? [channelId]
      : (typeof args.channels === 'string' ? args.channels : '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
    if (listed.length > 100) return { error: fail('channels_limit_exceeded') };
    if (typeof args.thread_ts === 'string' && listed.length > 1)
      return { error: fail('invalid_arguments', 'thread_ts needs exactly one channel') };
    const ids: string[] = [];
    for (const c of listed) {
      const resolved = this.host.resolveChannel(c);
      if ('error' in resolved) return { error: fail(resolved.error) };
      ids.push(resolved.id);
    }
    return { ids };
  }

  /** files.completeUploadExternal: shares uploaded files (once) into `channel_id` with `initial_comment`. */
  complete(args: JsonObject): JsonObject {
    const scope = this.scopeProblem();
    if (scope) return scope;
    const found = this.completable(args);
    if ('error' in found) return found.error;
    const targets = this.targets(args);
    if ('error' in targets) return targets.error;
    const comment = typeof args.initial_comment === 'string' ? args.initial_comment : '';
    if (isMessageTextTooLong(comment)) return fail('msg_too_long');
    found.recs.forEach((rec, i) => {
      rec.completed = true;
      const title = found.titles[i];
      if (title) rec.file.title = title;
    });
    const files = found.recs.map((r) => structuredClone(r.file));
    const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
    for (const channel of targets.ids) this.share(channel, comment, files, threadTs);
    return ok({ files: files.map((f) => ({ id: f.id, title: f.title, name: f.name, size: f.size })) });
  }

  private share(channel: string, text: string, files: LocalFile[], threadTs: string | undefined): void {
    const msg: LocalMessage = {
      channel,
      ts: this.host.nextTs(),
      text,
      user: this.host.botUserId,
      bot_id: this.host.botId,
      ephemeral: false,
      via: 'files.completeUploadExternal',
      history: [],
      files,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    this.host.addMessage(msg);
    const list = files.map((f) => `📎 ${f.name} (${f.size} bytes)`).join('\n');
    this.host.record(`→ ${this.host.where(channel)}:`, text ? `${text}\n${list}` : list);
  }

  /** Whether an HTTP request is for an upload URL or a file download. */
  handles(pathname: string): boolean {
    return pathname.startsWith(UPLOAD_PATH) || pathname.startsWith(DOWNLOAD_PATH);
  }

  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBytes(req);
    const answer = url.pathname.startsWith(UPLOAD_PATH)
      ? await this.receive(url.pathname.slice(UPLOAD_PATH.length), req, body)
      : this.serve(url.pathname.slice(DOWNLOAD_PATH.length), req);
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'text/plain; charset=utf-8' });
    res.end(answer.body);
  }

  /** POST to an upload URL: stores the bytes when they are exactly the length announced. */
  private async receive(
    rest: string,
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; body: Buffer | string; type?: string }> {
    const [id = '', secret = ''] = rest.split('/');
    const rec = this.uploads.get(id);
    let answer: { status: number; body: string };
    let bytes: Buffer | undefined;
    if (req.method !== 'POST') answer = { status: 405, body: 'POST the file to this URL' };
    else if (!rec || rec.secret !== secret) answer = { status: 404, body: 'no such upload' };
    else if (rec.completed || rec.bytes) answer = { status: 409, body: 'this file was already uploaded' };
    else {
      bytes = await uploadedBytes(body, req.headers['content-type'] ?? '');
      if (!bytes) answer = { status: 400, body: 'the multipart form has no file part' };
      else if (bytes.length !== rec.file.size)
        answer = { status: 400, body: `expected ${rec.file.size} bytes, got ${bytes.length}` };
      else {
        rec.bytes = bytes;
        answer = { status: 200, body: `OK - ${bytes.length}` };
      }
    }
    this.host.log({
      method: 'file_upload',
      args: { file_id: id, bytes: bytes?.length ?? body.length },
      status: answer.status,
      response: answer.status === 200 ? { ok: true } : { ok: false, error: answer.body },
      at: this.host.now(),
    });
    return answer;
  }

  /** GET of a shared file's `url_private(_download)`, with the bot token as a Bearer token. */
  private serve(
    rest: string,
    req: IncomingMessage,
  ): { status: number; body: Buffer | string; type?: string } {
    const id = rest.split('/')[0]?.slice(this.host.teamId.length + 1) ?? '';
    const rec = this.uploads.get(id);
    if (req.method !== 'GET') return { status: 405, body: 'GET this URL' };
    if (req.headers.authorization !== `Bearer ${this.host.botToken}`)
      return { status: 403, body: 'send the bot token as Authorization: Bearer' };
    if (!rec?.completed || !rec.bytes) return { status: 404, body: 'no such file' };
    return { status: 200, body: rec.bytes, type: rec.file.mimetype };
  }
}
