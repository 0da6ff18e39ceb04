import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** Log levels, as Bolt names them. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const timeZone = z.string().refine(isValidTimeZone, { message: 'is not an IANA time zone' });

/**
 * One schema for the whole environment. Each setting carries an example that is shown when it is wrong.
 * Keep `.env.example` and the README's configuration table in step with this list.
 */
export const SETTINGS = {
  SLACK_BOT_TOKEN: {
    schema: z.string().regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
    example: 'xoxb-1234-5678-abcdef',
  },
  SLACK_SIGNING_SECRET: {
    schema: z.string().min(8, 'must be the signing secret from the app settings (Basic Information)'),
    example: '8f742231b10e8888abcd99yyyzzz85a5',
  },
  SLACK_APP_TOKEN: {
    schema: z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
    example: 'xapp-1-A0123-456-abcdef (leave unset for HTTP mode)',
  },
  SLACK_API_URL: {
    schema: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('https://slack.com/api/'),
    example: 'https://slack.com/api/',
  },
  PORT: {
    schema: z.coerce.number().int().min(0).max(65535).default(3000),
    example: '3000',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .refine((v) => v !== 'sqlite:', { message: 'sqlite: needs a file path after it' })
      .refine((v) => v === 'sqlite:' || /^sqlite:.+/.test(v) || /^postgres(ql)?:\/\/.+/.test(v), {
        message: 'must start with sqlite: or postgres://',
      })
      .default('sqlite:./data/okrbot.db'),
    example: 'sqlite:./data/okrbot.db or postgres://okrbot:secret@localhost:5432/okrbot',
  },
  LOG_LEVEL: {
    schema: z.enum(LOG_LEVELS, { error: 'must be one of debug, info, warn or error' }).default('info'),
    example: 'info (one of debug, info, warn, error)',
  },
  DEFAULT_TIME_ZONE: {
    schema: timeZone.default('UTC'),
    example: 'Asia/Seoul',
  },
  API_TOKEN_PEPPER: {
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    example: 'a long random string (optional; hardens stored API token hashes)',
  },
  SLACK_POST_PER_MINUTE: {
    schema: z.coerce.number().int().min(1).max(100_000).default(300),
    example: '300 (chat.postMessage calls a minute for the workspace; divide by the number of replicas)',
  },
  SLACK_CLIENT_ID: {
    schema: z
      .string()
      .regex(/^\d+\.\d+$/, 'must be the client id from the app settings (Basic Information), like 1234.5678')
      .optional(),
    example: '1234567890.0987654321 (with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: many workspaces)',
  },
  SLACK_CLIENT_SECRET: {
    schema: z
      .string()
      .min(8, 'must be the client secret from the app settings (Basic Information)')
      .optional(),
    example: '3f0c1e2d4b5a69788796a5b4c3d2e1f0 (OAuth mode only)',
  },
  SLACK_STATE_SECRET: {
    schema: z.string().min(16, 'must be at least 16 characters').optional(),
    example: 'a long random string shared by every replica (OAuth mode only)',
  },
  OKRBOT_ENCRYPTION_KEY: {
    schema: z
      .string()
      .refine((v) => encryptionKeyBytes(v) !== undefined, {
        message: 'must be 32 random bytes, as 64 hex digits or base64 (openssl rand -base64 32)',
      })
      .optional(),
    example: '$(openssl rand -base64 32) (required in OAuth mode: encrypts the stored bot tokens)',
  },
  OKRBOT_ADMINS: {
    schema: z
      .string()
      .regex(/^\s*[UW][A-Z0-9]+(\s*,\s*[UW][A-Z0-9]+)*\s*$/, 'must be Slack user ids separated by commas')
      .optional(),
    example: "U01MINA,U02JOON (optional; admins in addition to the import file's admins:)",
  },
} as const;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;

/** Many-workspace mode: Bolt's installer (/slack/install, /slack/oauth_redirect) and tokens kept per workspace. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** AES-256-GCM key for the stored installations (OKRBOT_ENCRYPTION_KEY), 32 bytes. */
  encryptionKey: Buffer;
}

export interface Config {
  /** The one workspace's bot token (single-workspace mode); '' in OAuth mode. */
  slackBotToken: string;
  slackSigningSecret: string;
  slackAppToken: string | undefined;
  slackApiUrl: string;
  port: number;
  databaseUrl: string;
  logLevel: LogLevel;
  defaultTimeZone: string;
  apiTokenPepper: string | undefined;
  /** chat.postMessage budget per minute for this process (SLACK_POST_PER_MINUTE). */
  slackPostPerMinute: number;
  /** Slack user ids that are admins whatever the import file says (OKRBOT_ADMINS). */
  adminIds: string[];
  /** Set when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are: okrbot serves many workspaces. */
  oauth?: OAuthConfig;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** Which settings a command needs: the database-only commands (migrate, lint) do not need Slack tokens. */
export type ConfigNeeds = 'slack' | 'database';

/**
 * Reads the environment. Never throws: every problem comes back as one readable line naming the variable,
 * what is wrong, and an example.
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  needs: ConfigNeeds = 'slack',
): ConfigResult {
  const problems: string[] = [];
  const values: Partial<Record<SettingName, unknown>> = {};
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    const setting = SETTINGS[name];
    const raw = blankToUndefined(env[name]);
    const optionalHere =
      (needs === 'database' && (name === 'SLACK_BOT_TOKEN' || name === 'SLACK_SIGNING_SECRET')) ||
      (name === 'SLACK_BOT_TOKEN' && oauthRequested(env));
    if (raw === undefined && optionalHere) continue;
    const parsed = (setting.schema as z.ZodType).safeParse(raw);
    if (parsed.success) {
      values[name] = parsed.data;
    } else {
      const issue = parsed.error.issues[0];
      const what = raw === undefined ? 'is missing' : (issue?.message ?? 'is invalid');
      problems.push(`${name} ${what}; for example ${name}=${setting.example}`);
    }
  }
  problems.push(...oauthProblems(env));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
      ...oauthConfig(values),
      slackBotToken: (values.SLACK_BOT_TOKEN as string | undefined) ?? '',
      slackSigningSecret: (values.SLACK_SIGNING_SECRET as string | undefined) ?? '',
      slackAppToken: values.SLACK_APP_TOKEN as string | undefined,
      slackApiUrl: withTrailingSlash(values.SLACK_API_URL as string),
      port: values.PORT as number,
      databaseUrl: values.DATABASE_URL as string,
      logLevel: values.LOG_LEVEL as LogLevel,
      defaultTimeZone: values.DEFAULT_TIME_ZONE as string,
      apiTokenPepper: values.API_TOKEN_PEPPER as string | undefined,
      slackPostPerMinute: values.SLACK_POST_PER_MINUTE as number,
      adminIds: ((values.OKRBOT_ADMINS as string | undefined) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
  };
}

const OAUTH_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** Any of the three OAuth settings is set: the user means many-workspace mode. */
function oauthRequested(env: Record<string, string | undefined>): boolean {
  return OAUTH_SETTINGS.some((name) => blankToUndefined(env[name]) !== undefined);
}

/** The OAuth settings go together, need the encryption key, and replace the one bot token. */
function oauthProblems(env: Record<string, string | undefined>): string[] {
  if (!oauthRequested(env)) return [];
  const problems: string[] = [];
  const missing = OAUTH_SETTINGS.filter((name) => blankToUndefined(env[name]) === undefined);
  if (missing.length > 0)
    problems.push(
      `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} missing; SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET go together (all three for many workspaces, none for one); for example ${missing[0]}=${SETTINGS[missing[0]!].example}`,
    );
  if (blankToUndefined(env.OKRBOT_ENCRYPTION_KEY) === undefined)
    problems.push(
      `OKRBOT_ENCRYPTION_KEY is missing; OAuth mode stores every workspace's bot token encrypted with it; for example OKRBOT_ENCRYPTION_KEY=${SETTINGS.OKRBOT_ENCRYPTION_KEY.example}`,
    );
  if (blankToUndefined(env.SLACK_BOT_TOKEN) !== undefined)
    problems.push(
      'SLACK_BOT_TOKEN must be left unset in OAuth mode (each workspace gets its own token when it installs okrbot); for example SLACK_BOT_TOKEN= (empty)',
    );
  if (blankToUndefined(env.SLACK_APP_TOKEN) !== undefined)
    problems.push(
      'SLACK_APP_TOKEN must be left unset in OAuth mode (installs go through /slack/install over HTTP); for example SLACK_APP_TOKEN= (empty)',
    );
  return problems;
}

function oauthConfig(values: Partial<Record<SettingName, unknown>>): { oauth?: OAuthConfig } {
  const clientId = values.SLACK_CLIENT_ID as string | undefined;
  const key = encryptionKeyBytes((values.OKRBOT_ENCRYPTION_KEY as string | undefined) ?? '');
  if (!clientId || !key) return {};
  return {
    oauth: {
      clientId,
      clientSecret: values.SLACK_CLIENT_SECRET as string,
      stateSecret: values.SLACK_STATE_SECRET as string,
      encryptionKey: key,
    },
  };
}

/** OKRBOT_ENCRYPTION_KEY as its 32 bytes: 64 hex digits or base64 of 32 bytes; undefined when neither. */
export function encryptionKeyBytes(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const bytes = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return bytes.length === 32 ? bytes : undefined;
  }
  return undefined;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The environment with `.env` (in `cwd`) underneath it: a variable set in the environment wins over the
 * file. A missing file changes nothing; a file that cannot be parsed is reported and ignored.
 */
export function withDotEnv(
  env: Record<string, string | undefined>,
  cwd: string,
  warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Record<string, string | undefined> {
  const file = join(cwd, '.env');
  if (!existsSync(file)) return env;
  try {
    const parsed = parseEnv(readFileSync(file, 'utf8'));
    return { ...parsed, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) };
  } catch (error) {
    warn(`okrbot: ignoring ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return env;
  }
}
