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

export interface Config {
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
      needs === 'database' && (name === 'SLACK_BOT_TOKEN' || name === 'SLACK_SIGNING_SECRET');
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
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    config: {
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
