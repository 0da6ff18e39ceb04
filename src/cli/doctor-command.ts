import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import { type Config, loadConfig } from '../platform/config.js';
import { pendingMigrations } from '../platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/open-database.js';
import {
  databaseInstallationStore,
  listInstallations,
} from '../platform/installations/installation-store.js';
import { countByStatus } from '../platform/outbox/store.js';

export const DOCTOR_USAGE = `Usage: okrbot doctor

Checks what okrbot needs, in plain words: the configuration, the database, its migrations, the Slack bot
token (auth.test), the token's scopes against manifest/manifest.yml, and the outbox (messages waiting,
failing, or given up as dead). In OAuth mode (many workspaces) it checks every installed workspace's token
instead. Exits 1 when something is wrong.`;

type Verdict = 'ok' | 'warn' | 'fail';
interface Check {
  name: string;
  verdict: Verdict;
  detail: string;
}

/** The scopes the manifest asks for (oauth_config.scopes.bot). */
export function manifestScopes(root: string): string[] {
  const manifest = parse(readFileSync(resolve(root, 'manifest/manifest.yml'), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: string[] } };
  };
  return manifest.oauth_config?.scopes?.bot ?? [];
}

async function slackChecks(
  token: string,
  apiUrl: string,
  wanted: string[],
  label = 'SLACK_BOT_TOKEN',
): Promise<Check[]> {
  let res: Response;
  try {
    res = await fetch(new URL('auth.test', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [
      {
        name: 'Slack',
        verdict: 'fail',
        detail: `could not reach ${apiUrl} (${reason}): a network problem, not the token`,
      },
    ];
  }
  const body = (await res.json().catch(() => ({}))) as {
    ok?: boolean;
    error?: string;
    team?: string;
    team_id?: string;
  };
  if (!body.ok) {
    return [
      {
        name: 'Slack token',
        verdict: 'fail',
        detail: `Slack refused ${label}: ${body.error ?? `HTTP ${res.status}`}`,
      },
    ];
  }
  const checks: Check[] = [
    {
      name: 'Slack token',
      verdict: 'ok',
      detail: `valid for workspace ${body.team ?? ''} (${body.team_id})`,
    },
  ];
  const header = res.headers.get('x-oauth-scopes');
  if (header === null) {
    checks.push({ name: 'Scopes', verdict: 'warn', detail: 'Slack did not say which scopes the token has' });
  } else {
    const have = new Set(
      header
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    const missing = wanted.filter((s) => !have.has(s));
    const extra = [...have].filter((s) => !wanted.includes(s));
    checks.push(
      missing.length > 0
        ? {
            name: 'Scopes',
            verdict: 'fail',
            detail: `missing ${missing.join(', ')}: reinstall the app from manifest/manifest.yml`,
          }
        : {
            name: 'Scopes',
            verdict: extra.length > 0 ? 'warn' : 'ok',
            detail:
              extra.length > 0
                ? `all the manifest's, plus ${extra.join(', ')} it does not need`
                : `all ${wanted.length} the manifest asks for`,
          },
    );
  }
  return checks;
}

async function databaseChecks(database: DatabaseHandle): Promise<Check[]> {
  if (!(await database.ping())) {
    return [{ name: 'Database', verdict: 'fail', detail: `${database.description} does not answer` }];
  }
  const checks: Check[] = [{ name: 'Database', verdict: 'ok', detail: `${database.description} answers` }];
  const pending = await pendingMigrations(database.db);
  checks.push(
    pending.length === 0
      ? { name: 'Migrations', verdict: 'ok', detail: 'current' }
      : {
          name: 'Migrations',
          verdict: 'fail',
          detail: `${pending.length} not applied (${pending.join(', ')}): run okrbot migrate`,
        },
  );
  if (pending.length === 0) {
    const counts = await countByStatus(database.db);
    const dead = counts.dead ?? 0;
    const failed = counts.failed ?? 0;
    const waiting = (counts.pending ?? 0) + (counts.sending ?? 0);
    checks.push({
      name: 'Outbox',
      verdict: dead > 0 ? 'fail' : failed > 0 ? 'warn' : 'ok',
      detail: `${waiting} waiting, ${failed} failing (retried on the next tick), ${dead} dead (Slack refused them: see the outbox table's last_error)`,
    });
  }
  return checks;
}

/** `okrbot doctor`: every check, one line each; exit 1 when any fails. */
export async function runDoctor(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
  root: string,
): Promise<number> {
  if (argv.length > 0) {
    writeLine(io.stderr, DOCTOR_USAGE);
    return argv[0] === '--help' || argv[0] === '-h' ? 0 : 2;
  }
  const checks: Check[] = [];
  const loaded = loadConfig(env, 'slack');
  if (!loaded.ok) {
    checks.push({ name: 'Configuration', verdict: 'fail', detail: loaded.problems.join('; ') });
    const db = loadConfig(env, 'database');
    if (db.ok) checks.push(...(await withDatabase(db.config.databaseUrl, io)));
  } else {
    checks.push({ name: 'Configuration', verdict: 'ok', detail: 'every setting is valid' });
    checks.push(...(await withDatabase(loaded.config.databaseUrl, io)));
    checks.push(
      ...(loaded.config.oauth
        ? await withOpenDatabase(loaded.config.databaseUrl, io, (db) =>
            installationChecks(loaded.config, db, manifestScopes(root)),
          )
        : await slackChecks(loaded.config.slackBotToken, loaded.config.slackApiUrl, manifestScopes(root))),
    );
  }
  const mark: Record<Verdict, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };
  for (const c of checks) writeLine(io.stdout, `${mark[c.verdict]}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => c.verdict === 'fail').length;
  writeLine(io.stdout, failed === 0 ? 'okrbot looks healthy.' : `${failed} problem(s) found.`);
  return failed === 0 ? 0 : 1;
}

/**
 * OAuth mode: no SLACK_BOT_TOKEN; each installed workspace's token is read back with OKRBOT_ENCRYPTION_KEY
 * and checked like the one token is (auth.test, scopes). A token about to expire is left to `serve`, which
 * refreshes it.
 */
async function installationChecks(
  config: Config,
  database: DatabaseHandle,
  wanted: string[],
): Promise<Check[]> {
  const installed = await listInstallations(database.db);
  const checks: Check[] = [
    {
      name: 'OAuth',
      verdict: 'ok',
      detail: `many workspaces: installs through /slack/install; ${installed.length} workspace(s) installed`,
    },
  ];
  const store = databaseInstallationStore(database.db, config.oauth!.encryptionKey, () => new Date());
  for (const w of installed.slice(0, MAX_CHECKED_WORKSPACES)) {
    const label = `the bot token of ${w.teamName ?? w.teamId} (${w.teamId})`;
    try {
      const installation = await store.fetchInstallation({
        teamId: w.teamId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const expiresAt = installation.bot?.expiresAt;
      if (expiresAt !== undefined && expiresAt * 1000 - Date.now() < 2 * 3600_000) {
        checks.push({
          name: 'Slack token',
          verdict: 'ok',
          detail: `${label} expires soon; okrbot serve refreshes it`,
        });
        continue;
      }
      checks.push(...(await slackChecks(installation.bot?.token ?? '', config.slackApiUrl, wanted, label)));
    } catch (error) {
      checks.push({
        name: 'Slack token',
        verdict: 'fail',
        detail: `${label}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return checks;
}

/** Doctor checks this many installed workspaces' tokens at most (one auth.test each). */
const MAX_CHECKED_WORKSPACES = 20;

async function withOpenDatabase(
  url: string,
  io: CliIo,
  checks: (database: DatabaseHandle) => Promise<Check[]>,
): Promise<Check[]> {
  let database: DatabaseHandle | undefined;
  try {
    database = openDatabase(url, { cwd: io.cwd });
    return await checks(database);
  } catch (error) {
    return [
      {
        name: 'OAuth',
        verdict: 'fail',
        detail: `installations unreadable: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  } finally {
    await database?.close().catch(() => {});
  }
}

async function withDatabase(url: string, io: CliIo): Promise<Check[]> {
  let database: DatabaseHandle;
  try {
    database = openDatabase(url, { cwd: io.cwd });
  } catch (error) {
    return [
      {
        name: 'Database',
        verdict: 'fail',
        detail: `cannot open ${url.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
  try {
    return await databaseChecks(database);
  } catch (error) {
    return [
      {
        name: 'Database',
        verdict: 'fail',
        detail: `${database.description}: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  } finally {
    await database.close().catch(() => {});
  }
}
