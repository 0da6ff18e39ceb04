/** Shared types of the project's local Slack (server, signed client, transcript). */

/** Any JSON object as it arrives over the wire. */
export type JsonObject = Record<string, unknown>;

/** A workspace member known to the local Slack. */
export interface LocalUser {
  id: string;
  /** Slack handle, e.g. `mina`. */
  name: string;
  /** Full name, e.g. `Mina Park`; defaults to `name`. */
  realName?: string;
  /** IANA zone, e.g. `Europe/Berlin`; defaults to `UTC`. */
  tz?: string;
  /** Defaults to the zone's long name from Intl. */
  tzLabel?: string;
  /** Seconds east of UTC; defaults to the zone's current offset. */
  tzOffset?: number;
  deleted?: boolean;
  isBot?: boolean;
  email?: string;
}

/** A public or private channel known to the local Slack. */
export interface LocalChannel {
  id: string;
  name: string;
}

/** One request to the Web API (or to a response_url, method `response_url`). */
export interface ApiCall {
  method: string;
  /** Parsed arguments without the token; `blocks`, `view`, `metadata`, `attachments` are JSON-parsed. */
  args: JsonObject;
  /** HTTP status answered. */
  status: number;
  /** JSON body answered. */
  response: JsonObject;
  /** Clock time (ms) when the call was answered. */
  at: number;
}

/** A fault to inject in place of (or, for `delayMs`, before) a method's normal answer. */
export type Fault =
  | { status: 429; retryAfter: number }
  | { status: 500 | 502 | 503 }
  | { error: string }
  | { delayMs: number };

/** One earlier version of an edited message. */
export interface MessageVersion {
  text: string;
  blocks?: unknown[];
  at: number;
}

/** A message as stored by the local Slack. */
export interface LocalMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Author: the bot user id for bot posts, otherwise the human author. */
  user: string;
  bot_id?: string;
  metadata?: JsonObject;
  /** Ephemeral messages (chat.postEphemeral, ephemeral response_url replies). */
  ephemeral: boolean;
  /** For ephemeral messages: the only user who sees it. */
  visibleTo?: string;
  /** How it got there. */
  via: 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'user' | 'files.completeUploadExternal';
  /** Files shared with the message (files.completeUploadExternal); download them from `url_private_download`. */
  files?: LocalFile[];
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first (filled by chat.update and replace_original). */
  history: MessageVersion[];
  deleted?: boolean;
  reply_count?: number;
}

/** A file shared through the external upload (files.getUploadURLExternal + files.completeUploadExternal). */
export interface LocalFile {
  id: string;
  name: string;
  title: string;
  /** Bytes, as uploaded (and as announced in `length`). */
  size: number;
  mimetype: string;
  filetype: string;
  user: string;
  created: number;
  /** GET with the bot token (`Authorization: Bearer …`) to download the bytes. */
  url_private: string;
  url_private_download: string;
}

/** A view (modal or Home tab) as stored by the local Slack. */
export interface LocalView {
  id: string;
  type: 'modal' | 'home';
  hash: string;
  callback_id: string;
  external_id: string;
  private_metadata: string;
  title?: JsonObject;
  submit?: JsonObject;
  close?: JsonObject;
  blocks: unknown[];
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  /** The user the view was opened for / published to, when known. */
  user?: string;
  /** 0-based position in its modal stack (0 for home tabs). */
  position: number;
  /** Size of its modal stack (1 for home tabs). */
  stackSize: number;
  /** True once the view was closed (submission ack, clear). */
  closed: boolean;
  /** Earlier versions of the view's raw JSON, oldest first. */
  history: JsonObject[];
}

/** Context a response_url posts into. */
export interface ResponseUrlContext {
  channelId?: string;
  userId?: string;
  /** Message a `replace_original`/`delete_original` applies to. */
  messageTs?: string;
}

/** Context of a trigger id (who got it, from which view). */
export interface TriggerContext {
  userId?: string;
  viewId?: string;
}
