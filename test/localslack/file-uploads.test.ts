// The local Slack's external file upload: files.getUploadURLExternal, the upload URL (a real HTTP endpoint
// that checks the length), files.completeUploadExternal (which refuses what Slack refuses), and the shared
// message whose files download with the bot token. Slack's own SDK (files.uploadV2) works against it.
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src/localslack/file-uploads.js';
import { LocalSlack } from '../../src/localslack/local-slack.js';
import type { LocalFile } from '../../src/localslack/types.js';
import { silentLogger } from '../support/silent-logger.js';

let slack: LocalSlack;
let web: WebClient;

beforeEach(async () => {
  slack = await LocalSlack.start({
    users: [
      { id: 'U01MINA', name: 'mina', realName: 'Mina Park' },
      { id: 'U02OLE', name: 'ole' },
    ],
    channels: [{ id: 'C0OKRS', name: 'okrs' }],
  });
  web = new WebClient(slack.botToken, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
});
afterEach(async () => {
  await slack.stop();
});

const call = (method: string, args: Record<string, unknown>) =>
  web.apiCall(method, args).then(
    (r) => r as unknown as Record<string, unknown>,
    (e: { data?: Record<string, unknown> }) => e.data ?? { ok: false },
  );

async function ticket(filename: string, length: number): Promise<{ upload_url: string; file_id: string }> {
  const r = await call('files.getUploadURLExternal', { filename, length });
  expect(r.ok).toBe(true);
  return r as unknown as { upload_url: string; file_id: string };
}

const post = (url: string, body: string | FormData, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', body, headers }).then(async (r) => ({
    status: r.status,
    text: await r.text(),
  }));

describe('files.getUploadURLExternal', () => {
  it('answers an upload URL on the local Slack and a file id', async () => {
    const t = await ticket('report.csv', 10);
    expect(t.file_id).toMatch(/^F/);
    expect(t.upload_url.startsWith(`${slack.baseUrl}/upload/v1/${t.file_id}/`)).toBe(true);
  });

  it('refuses a missing filename, a length of 0, a length that is not a whole number, and files over 1 GB', async () => {
    expect((await call('files.getUploadURLExternal', { length: 10 })).error).toBe('invalid_arguments');
    expect((await call('files.getUploadURLExternal', { filename: '  ', length: 10 })).error).toBe(
      'invalid_arguments',
    );
    expect((await call('files.getUploadURLExternal', { filename: 'a.csv' })).error).toBe('invalid_arguments');
    expect((await call('files.getUploadURLExternal', { filename: 'a.csv', length: 0 })).error).toBe(
      'missing_argument',
    );
    expect((await call('files.getUploadURLExternal', { filename: 'a.csv', length: 2.5 })).error).toBe(
      'invalid_arguments',
    );
    expect((await call('files.getUploadURLExternal', { filename: 'a.csv', length: -3 })).error).toBe(
      'invalid_arguments',
    );
    expect(
      (await call('files.getUploadURLExternal', { filename: 'a.csv', length: MAX_UPLOAD_BYTES + 1 })).error,
    ).toBe('file_upload_size_restricted');
    expect(
      (await call('files.getUploadURLExternal', { filename: 'a.csv', length: MAX_UPLOAD_BYTES })).ok,
    ).toBe(true);
  });

  it('needs the files:write scope', async () => {
    slack.scopes = slack.scopes.filter((s) => s !== 'files:write');
    const r = await call('files.getUploadURLExternal', { filename: 'a.csv', length: 3 });
    expect(r).toMatchObject({ ok: false, error: 'missing_scope', needed: 'files:write' });
  });
});

describe('the upload URL', () => {
  it('takes exactly the announced bytes, raw or as a multipart form, once', async () => {
    const raw = await ticket('a.txt', 5);
    expect(await post(raw.upload_url, 'hello')).toEqual({ status: 200, text: 'OK - 5' });
    expect((await post(raw.upload_url, 'hello')).status).toBe(409);
    expect(slack.uploadedFile(raw.file_id)?.bytes?.toString()).toBe('hello');

    const form = await ticket('b.txt', 3);
    const data = new FormData();
    data.append('filename', new Blob(['abc']), 'b.txt');
    expect((await post(form.upload_url, data)).status).toBe(200);
    expect(slack.uploadedFile(form.file_id)?.bytes?.toString()).toBe('abc');
  });

  it('refuses bytes of another length, an unknown upload and a wrong secret', async () => {
    const t = await ticket('a.txt', 5);
    expect(await post(t.upload_url, 'hello!')).toEqual({ status: 400, text: 'expected 5 bytes, got 6' });
    expect((await post(t.upload_url, 'hell')).status).toBe(400);
    expect(slack.uploadedFile(t.file_id)?.bytes).toBeUndefined();
    expect((await post(`${t.upload_url}x`, 'hello')).status).toBe(404);
    expect((await post(`${slack.baseUrl}/upload/v1/F0NOPE/abc`, 'hello')).status).toBe(404);
    expect(slack.callsTo('file_upload').map((c) => c.status)).toEqual([400, 400, 404, 404]);
  });
});

describe('files.completeUploadExternal', () => {
  async function uploaded(name: string, text: string) {
    const t = await ticket(name, Buffer.byteLength(text));
    expect((await post(t.upload_url, text)).status).toBe(200);
    return t.file_id;
  }

  it('shares the files in the channel as one message with `files`, which download with the bot token', async () => {
    const a = await uploaded('a.csv', 'x,y\r\n1,2\r\n');
    const b = await uploaded('b.json', '{"ok":true}');
    const dm = (await call('conversations.open', { users: 'U01MINA' })) as { channel: { id: string } };
    const r = await call('files.completeUploadExternal', {
      files: [{ id: a, title: 'The CSV' }, { id: b }],
      channel_id: dm.channel.id,
      initial_comment: 'Your files',
    });
    expect(r).toMatchObject({
      ok: true,
      files: [
        { id: a, title: 'The CSV' },
        { id: b, title: 'b.json' },
      ],
    });

    const [message] = slack.messages('U01MINA');
    expect(message?.text).toBe('Your files');
    expect(message?.files?.map((f) => [f.name, f.size, f.mimetype])).toEqual([
      ['a.csv', 10, 'text/csv'],
      ['b.json', 11, 'application/json'],
    ]);
    const history = (await call('conversations.history', { channel: dm.channel.id })) as {
      messages: Array<{ files?: LocalFile[] }>;
    };
    expect(history.messages[0]?.files?.map((f) => f.id)).toEqual([a, b]);

    const file = message?.files?.[0] as LocalFile;
    const get = (token?: string) =>
      fetch(file.url_private_download, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const res = await get(slack.botToken);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('x,y\r\n1,2\r\n');
    expect((await get()).status).toBe(403);
    expect((await get('xoxb-other')).status).toBe(403);
    expect(slack.transcript().join('\n')).toContain('📎 a.csv (10 bytes)');
  });

  it('refuses unknown, not uploaded and already shared files, and bad `files`, sharing nothing', async () => {
    const good = await uploaded('a.csv', 'abc');
    const pending = (await ticket('b.csv', 3)).file_id;
    const share = (files: unknown) => call('files.completeUploadExternal', { files, channel_id: 'C0OKRS' });
    expect((await share([{ id: 'F0NOPE' }])).error).toBe('file_not_found');
    expect((await share([{ id: good }, { id: pending }])).error).toBe('file_not_found');
    expect((await share([])).error).toBe('invalid_arguments');
    expect((await share([{ title: 'no id' }])).error).toBe('invalid_arguments');
    expect((await call('files.completeUploadExternal', { channel_id: 'C0OKRS' })).error).toBe(
      'invalid_arguments',
    );
    expect(slack.messages('C0OKRS')).toEqual([]);
    expect((await share([{ id: good }])).ok).toBe(true);
    expect((await share([{ id: good }])).error).toBe('file_not_found');
    expect(slack.messages('C0OKRS')).toHaveLength(1);
  });

  it('refuses a channel the bot cannot post to: unknown, a DM never opened, a blocked DM', async () => {
    const id = await uploaded('a.csv', 'abc');
    const to = (channel_id: string) => call('files.completeUploadExternal', { files: [{ id }], channel_id });
    expect((await to('C0UNKNOWN')).error).toBe('channel_not_found');
    expect((await to('D0NEVER')).error).toBe('channel_not_found');
    slack.blockDm('U02OLE');
    expect((await to('U02OLE')).error).toBe('cannot_dm_bot');
    expect(slack.uploadedFile(id)?.completed).toBe(false);
    expect((await to('C0OKRS')).ok).toBe(true);
  });

  it("keeps the files private without a channel; Slack's SDK uploads through it (files.uploadV2)", async () => {
    const id = await uploaded('a.csv', 'abc');
    expect((await call('files.completeUploadExternal', { files: [{ id }] })).ok).toBe(true);
    expect(slack.messages()).toEqual([]);

    await web.filesUploadV2({ channel_id: 'C0OKRS', filename: 'sdk.txt', content: 'from the SDK' });
    const [message] = slack.messages('C0OKRS');
    const file = message?.files?.[0] as LocalFile;
    expect(file.name).toBe('sdk.txt');
    expect(slack.uploadedFile(file.id)?.bytes?.toString()).toBe('from the SDK');
  });
});
