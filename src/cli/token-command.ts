import { createAppContext } from '../app/start-okrbot.js';
import { type ApiToken, createApiToken, listApiTokens, revokeApiToken } from '../kpis/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/open-database.js';
import { createLogger } from '../platform/logger.js';
import { jobSlackApi } from '../platform/slack/slack-api.js';
import { type ParsedArgs, parseArgs, wantsHelp } from './args.js';
import { configOrExit, ExitError } from './config-or-exit.js';
import { notInstalled, servesManyWorkspaces } from './workspace-check.js';

export const TOKEN_USAGE = `Usage: okrbot token create --name NAME [--team T…]
       okrbot token revoke NAME|ID [--team T…]
       okrbot token list [--team T…]

Tokens let other systems send KPI readings: POST /api/v1/readings with "Authorization: Bearer <token>".
A token belongs to one workspace: the bot token's (from auth.test), or the one named with --team.

  create   makes a token and prints it alone on the last line. It is shown once; only its hash is stored.
  revoke   stops a token (by name or id) at once; requests with it get 401.
  list     shows the workspace's tokens (never the tokens themselves).`;

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/**
 * The workspace a CLI command works on: `--team`, or the bot token's (auth.test). Opens and migrates the
 * database; the caller closes it.
 */
export async function openForWorkspace(
  env: Record<string, string | undefined>,
  io: CliIo,
  team: string | undefined,
): Promise<{ config: Config; database: DatabaseHandle; teamId: string }> {
  const config = configOrExit(env, io, team ? 'database' : 'slack');
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  try {
    await migrateToLatest(database.db);
    if (await servesManyWorkspaces(config, database)) {
      const refusal = team
        ? await notInstalled(config, database, team)
        : 'okrbot serves many workspaces (OAuth mode): name the one this command is for with --team T…';
      if (refusal) {
        writeLine(io.stderr, refusal);
        throw new ExitError(1);
      }
    }
    if (team) return { config, database, teamId: team };
    const slack = jobSlackApi(config.slackBotToken, config.slackApiUrl);
    const { ctx } = await createAppContext({
      config,
      database,
      slack,
      now: () => new Date(),
      log: createLogger(config.logLevel),
    });
    return { config, database, teamId: ctx.teamId };
  } catch (error) {
    await database.close();
    throw error;
  }
}

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `okrbot token: ${message}\n\n${TOKEN_USAGE}`);
  return 2;
}

/** What every token subcommand gets: the workspace option and the words after the subcommand. */
interface TokenArgs {
  env: Record<string, string | undefined>;
  io: CliIo;
  team: string | undefined;
  positionals: string[];
  flags: ParsedArgs['flags'];
}

/** `okrbot token create|revoke|list`; `argv` is what follows `token`. */
export async function runTokenCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [sub, ...rest] = argv;
  if (wantsHelp(sub, rest)) {
    writeLine(sub ? io.stdout : io.stderr, TOKEN_USAGE);
    return sub ? 0 : 2;
  }
  const parsed = parseArgs(rest, sub === 'create' ? { name: 'string', team: 'string' } : { team: 'string' });
  if (!parsed.ok) return usage(io, parsed.error);
  const team = parsed.args.flags.team as string | undefined;
  if (team !== undefined && !TEAM_ID.test(team))
    return usage(io, `--team must be a workspace id like T0123ABC, got ${team}`);
  const args: TokenArgs = { env, io, team, positionals: parsed.args.positionals, flags: parsed.args.flags };
  switch (sub) {
    case 'create':
      return createToken(args);
    case 'revoke':
      return revokeToken(args);
    case 'list':
      return listTokens(args);
    default:
      return usage(io, `unknown token command: ${sub}`);
  }
}

/** `token create --name NAME`: refuses a second live token of the same name; prints the token last, alone. */
async function createToken({ env, io, team, positionals, flags }: TokenArgs): Promise<number> {
  const name = (flags.name as string | undefined)?.trim();
  if (!name) return usage(io, 'create needs --name NAME');
  if (!NAME.test(name))
    return usage(
      io,
      `--name must be 1–64 letters, digits, spaces, ".", "_" or "-", got ${JSON.stringify(name)}`,
    );
  if (positionals.length > 0) return usage(io, `unexpected argument ${positionals[0]}`);
  const { config, database, teamId } = await openForWorkspace(env, io, team);
  try {
    const live = (await listApiTokens(database.db, teamId)).find(
      (t) => t.name === name && t.revoked_at === null,
    );
    if (live) {
      writeLine(
        io.stderr,
        `okrbot token: workspace ${teamId} already has a live token named "${name}" (${live.id}); revoke it first or pick another name`,
      );
      return 1;
    }
    const { token, record } = await createApiToken(
      database.db,
      teamId,
      name,
      new Date(),
      config.apiTokenPepper,
    );
    writeLine(io.stdout, `Created API token "${name}" (${record.id}) for workspace ${teamId}.`);
    writeLine(
      io.stdout,
      'Send it as "Authorization: Bearer <token>" to POST /api/v1/readings. It is shown only now; okrbot keeps only its hash.',
    );
    writeLine(io.stdout, token);
    return 0;
  } finally {
    await database.close();
  }
}

/** `token revoke NAME|ID`: stops every live token with that name or id. */
async function revokeToken({ env, io, team, positionals }: TokenArgs): Promise<number> {
  if (positionals.length !== 1)
    return usage(
      io,
      positionals.length === 0 ? 'revoke needs NAME or ID' : `unexpected argument ${positionals[1]}`,
    );
  const target = positionals[0] as string;
  const { database, teamId } = await openForWorkspace(env, io, team);
  try {
    const n = await revokeApiToken(database.db, teamId, target, new Date());
    if (n === 0) {
      writeLine(
        io.stderr,
        `okrbot token: workspace ${teamId} has no live token named or with id "${target}"`,
      );
      return 1;
    }
    writeLine(
      io.stdout,
      `Revoked ${n} token(s) "${target}" in workspace ${teamId}; requests with ${n === 1 ? 'it' : 'them'} now get 401.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

/** `token list`: the workspace's tokens as a table (never the tokens themselves). */
async function listTokens({ env, io, team, positionals }: TokenArgs): Promise<number> {
  if (positionals.length > 0) return usage(io, `unexpected argument ${positionals[0]}`);
  const { database, teamId } = await openForWorkspace(env, io, team);
  try {
    const tokens = await listApiTokens(database.db, teamId);
    if (tokens.length === 0) {
      writeLine(
        io.stdout,
        `Workspace ${teamId} has no API tokens. Make one with: okrbot token create --name NAME`,
      );
      return 0;
    }
    for (const line of tokenTable(tokens)) writeLine(io.stdout, line);
    return 0;
  } finally {
    await database.close();
  }
}

/** The header and one line per token, in columns. */
function tokenTable(tokens: ApiToken[]): string[] {
  const rows = tokens.map((t) => [
    t.name,
    t.id,
    t.created_at.slice(0, 16).replace('T', ' '),
    t.last_used_at ? t.last_used_at.slice(0, 16).replace('T', ' ') : 'never',
    t.revoked_at ? `revoked ${t.revoked_at.slice(0, 10)}` : 'live',
  ]);
  const header = ['NAME', 'ID', 'CREATED (UTC)', 'LAST USED', 'STATUS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
