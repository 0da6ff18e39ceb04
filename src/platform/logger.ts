import type { Logger, LogLevel } from '@slack/bolt';
import pino from 'pino';
import type { LogLevel as Level } from './config.js';

/** What a log line can carry besides its message: the request, workspace and job it belongs to. */
export interface LogContext {
  requestId?: string;
  workspace?: string;
  job?: string;
  [key: string]: unknown;
}

/** Bolt's logger interface, plus structured context and child loggers. */
export interface OkrbotLogger extends Logger {
  /** A logger whose every line carries these fields (a request, a tick, a job). */
  child(fields: LogContext): OkrbotLogger;
  /** One line with fields, e.g. `log.event('info', 'tick', { sent: 3 })`. */
  event(level: Level, message: string, fields?: LogContext): void;
}

const TOKEN_PATTERNS: RegExp[] = [
  /\bxox[abposre]-[A-Za-z0-9-]+/g, // Slack bot, user and refresh tokens
  /\bxapp-[A-Za-z0-9-]+/g, // app-level tokens
  /\bokrbot_[A-Za-z0-9_-]{16,}/g, // okrbot's own readings-API tokens
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** Values that must never appear in a log line (the signing secret, the pepper, the encryption key…). */
const secrets = new Set<string>();

/** Registers secret values (from the configuration) to be masked in every log line. */
export function registerSecrets(values: Array<string | undefined | null>): void {
  for (const v of values) if (v && v.length >= 6) secrets.add(v);
}

/** Masks tokens and registered secrets in a string. */
export function redact(text: string): string {
  let out = text;
  for (const re of TOKEN_PATTERNS) {
    out = out.replace(re, (m, bearer?: string) =>
      typeof bearer === 'string' && /^Bearer/i.test(bearer)
        ? `${bearer}[redacted]`
        : `${m.slice(0, 5)}[redacted]`,
    );
  }
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

const REDACT_PATHS = [
  'token',
  'botToken',
  'bot_token',
  'access_token',
  'refresh_token',
  'signingSecret',
  'client_secret',
  'authorization',
  'headers.authorization',
  '*.token',
  '*.botToken',
  '*.access_token',
];

function render(args: unknown[]): { message: string; err?: Error } {
  let err: Error | undefined;
  const parts = args.map((a) => {
    if (a instanceof Error) {
      err ??= a;
      return a.message;
    }
    if (typeof a === 'string') return a;
    try {
      return JSON.stringify(a);
    } catch {
      return String(a);
    }
  });
  return { message: redact(parts.join(' ')), ...(err ? { err } : {}) };
}

function wrap(base: pino.Logger, state: { name: string }): OkrbotLogger {
  const write = (level: Level, args: unknown[]) => {
    if (!base.isLevelEnabled(level)) return;
    const { message, err } = render(args);
    if (err)
      base[level](
        { err: { type: err.name, message: redact(err.message), stack: redact(err.stack ?? '') } },
        message,
      );
    else base[level](message);
  };
  return {
    debug: (...a: unknown[]) => write('debug', a),
    info: (...a: unknown[]) => write('info', a),
    warn: (...a: unknown[]) => write('warn', a),
    error: (...a: unknown[]) => write('error', a),
    setLevel: (l: LogLevel) => {
      base.level = String(l);
    },
    getLevel: () => base.level as unknown as LogLevel,
    setName: (n: string) => {
      state.name = n;
    },
    child: (fields) => wrap(base.child(fields), state),
    event: (level, message, fields = {}) => {
      if (base.isLevelEnabled(level)) base[level](fields, redact(message));
    },
  };
}

/**
 * Structured JSON logs (pino), one object a line on stderr: time, level, name, msg, and the request,
 * workspace and job when known. Tokens, secrets and signing material are masked in messages, errors and
 * fields. `sink` receives each line instead of stderr (tests).
 */
export function createLogger(level: Level, name = 'okrbot', sink?: (line: string) => void): OkrbotLogger {
  const destination = sink
    ? { write: (line: string) => sink(line.replace(/\n$/, '')) }
    : pino.destination({ fd: 2, sync: true });
  const base = pino(
    {
      level,
      name,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    destination,
  );
  return wrap(base, { name });
}
