// `/okr export [QUARTER]`: the same export as `okrbot export`, sent to the admin's DM through Slack's external
// file upload: files.getUploadURLExternal (one per file, with its name and length) → POST the bytes to the
// upload URL → files.completeUploadExternal with the file ids and the DM's channel id.

import { strToU8 } from 'fflate';
import { formatQuarter, type Quarter } from '../../okrs/index.js';
import { recordAudit } from '../../platform/audit/audit-log.js';
import type { AppContext } from '../../platform/context.js';
import { contextFor } from '../../platform/installations/workspace-context.js';
import { classifySlackError, type SlackApi } from '../../platform/slack/slack-api.js';
import { readExport } from './read-export.js';
import { csvZip, exportCounts, toJsonDocument } from './write-export.js';

/** One file to send: its name in Slack, its title and its bytes. */
interface ExportFile {
  filename: string;
  title: string;
  bytes: Uint8Array;
}

const UPLOAD_TIMEOUT_MS = 30_000;

/** POSTs the bytes to an upload URL, raw; Slack answers 200 when it took them. */
async function postBytes(url: string, bytes: Uint8Array): Promise<{ status: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  await res.arrayBuffer();
  return { status: res.status };
}

/** An upload that Slack's file service did not take (a non-200 answer from the upload URL). */
class UploadRefused extends Error {
  constructor(
    readonly filename: string,
    readonly status: number,
  ) {
    super(`the upload of ${filename} was answered HTTP ${status}`);
  }
}

/** What `/okr export` sends: the five CSV files in one zip, and the same data as one JSON document. */
function exportFiles(data: Parameters<typeof csvZip>[0]): ExportFile[] {
  const base = `okrbot-export-${data.quarter}`;
  return [
    { filename: `${base}.zip`, title: `${base}.zip (CSV files)`, bytes: csvZip(data) },
    { filename: `${base}.json`, title: `${base}.json`, bytes: strToU8(toJsonDocument(data)) },
  ];
}

const textOf = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Uploads `files` and shares them in one message in `channelId`, introduced by `comment`. */
async function uploadFiles(
  slack: SlackApi,
  files: ExportFile[],
  share: { channelId: string; comment: string },
): Promise<string[]> {
  const uploaded: Array<{ id: string; title: string }> = [];
  for (const file of files) {
    const ticket = await slack.call('files.getUploadURLExternal', {
      filename: file.filename,
      length: file.bytes.length,
    });
    const url = textOf(ticket.upload_url);
    const id = textOf(ticket.file_id);
    if (!url || !id) throw new Error('files.getUploadURLExternal answered without upload_url or file_id');
    const { status } = await postBytes(url, file.bytes);
    if (status !== 200) throw new UploadRefused(file.filename, status);
    uploaded.push({ id, title: file.title });
  }
  await slack.call('files.completeUploadExternal', {
    files: uploaded,
    channel_id: share.channelId,
    initial_comment: share.comment,
  });
  return uploaded.map((f) => f.id);
}

/** A failed export in words the admin can act on. */
export function exportFailure(error: unknown): string {
  const start = 'I could not send the export, and nothing was shared:';
  if (error instanceof UploadRefused)
    return `${start} Slack's file service refused ${error.filename} (HTTP ${error.status}). Try \`/okr export\` again in a few minutes.`;
  const failure = classifySlackError(error);
  if (failure.kind === 'rate_limited')
    return `${start} Slack asked me to slow down. Try \`/okr export\` again in a minute.`;
  if (failure.kind === 'transient')
    return `${start} Slack could not be reached or did not answer (${failure.reason}). Try again in a few minutes.`;
  if (failure.kind === 'recipient')
    return `${start} I cannot post files in your DM with me (${failure.reason}). Open the app's Messages tab and try again.`;
  const reasons: Record<string, string> = {
    missing_scope:
      "okrbot's Slack app lacks the files:write permission. Reinstall it from manifest/manifest.yml, then try again.",
    file_upload_size_restricted:
      'the files are larger than this workspace allows. Run `okrbot export` on the server instead.',
    file_uploads_disabled:
      'this workspace does not allow file uploads. Run `okrbot export` on the server instead.',
  };
  return `${start} ${reasons[failure.reason] ?? `Slack refused the upload (${failure.reason}). Run \`okrbot export\` on the server instead.`}`;
}

/**
 * Reads one quarter of the workspace and shares it in the admin's DM (zip of CSVs and the JSON document),
 * then records it in the audit log. The caller has checked that the person may export. Throws what Slack
 * answered when the upload fails (see `exportFailure`).
 */
export async function sendExportToDm(
  ctx: AppContext,
  input: { teamId: string; userId: string; quarter: Quarter },
): Promise<{ fileIds: string[]; counts: string }> {
  // With many workspaces the process-wide context has no token: use the admin's workspace's.
  const slack = (await contextFor(ctx, input.teamId))?.slack;
  if (!slack) throw new Error(`okrbot does not serve workspace ${input.teamId}`);
  const opened = await slack.call('conversations.open', { users: input.userId });
  const channelId = textOf((opened.channel as { id?: unknown } | undefined)?.id);
  if (!channelId) throw new Error('conversations.open answered without a channel id');
  const now = ctx.now();
  const data = await readExport(ctx.db, input.teamId, input.quarter, now);
  const key = formatQuarter(input.quarter);
  const counts = exportCounts(data);
  const comment = [
    `Your ${key} export: ${counts}.`,
    `\`okrbot-export-${key}.zip\` holds one CSV file per table; \`okrbot-export-${key}.json\` is the same data as one JSON document.`,
    'The columns are listed in the README, under "Export".',
  ].join('\n');
  const fileIds = await uploadFiles(slack, exportFiles(data), { channelId, comment });
  await recordAudit(ctx.db, {
    teamId: input.teamId,
    at: now,
    actor: input.userId,
    action: 'export',
    subject: `quarter:${key}`,
    after: { files: fileIds, channel: channelId },
  });
  return { fileIds, counts };
}
