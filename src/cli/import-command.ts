import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyImport, knownIds } from '../app/import/apply-import.js';
import { formatSummary } from '../app/import/format-summary.js';
import { lintImport } from '../app/import/lint-import.js';
import { createAppContext } from '../app/start-okrbot.js';
import {
  formatPath,
  type ImportProblem,
  type ParseResult,
  parseImportFile,
  refreshTimeZones,
} from '../people/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/open-database.js';
import { createLogger } from '../platform/logger.js';
import { jobSlackApi } from '../platform/slack/slack-api.js';
import { parseArgs } from './args.js';
import { configOrExit } from './config-or-exit.js';
import { runReadingsImport } from './import-readings.js';
import { notInstalled } from './workspace-check.js';

export const IMPORT_USAGE = `Usage: okrbot import FILE [--team T…] [--dry-run] [--keep-missing]

Loads people, teams, objectives (with key results) and KPIs from a YAML or JSON file (format in README).
An invalid file is rejected whole, with every problem at once, one line each naming where it is. Key
results and objectives are linted: warnings are printed and never stop the import. Importing the same
file twice changes nothing. People, objectives (with their key results), key results and KPIs that the
file no longer lists are retired: kept with their history, no longer prompted or checked; a renamed key is
a new row and the old one is retired.
  --dry-run        print what would change, write nothing
  --keep-missing   leave rows the file does not list as they are
  --team T…        import into this workspace (one okrbot already knows); no Slack token needed, and time
                   zones are not refreshed from Slack. Otherwise the bot token's workspace (auth.test).
Never needs SLACK_SIGNING_SECRET.
FILE.csv loads KPI readings (kpi,period,value), all or nothing, and sends the alerts they raise.`;

function usageError(io: CliIo, message: string): number {
  writeLine(io.stderr, `okrbot import: ${message}\n\n${IMPORT_USAGE}`);
  return 2;
}

interface ImportArgs {
  file: string;
  team: string | undefined;
  dryRun: boolean;
  keepMissing: boolean;
}

type SlackApi = ReturnType<typeof jobSlackApi>;
type ParsedFile = Extract<ParseResult, { ok: true }>;

/** FILE and the options, checked; or the exit code after a usage error. */
function parseImportArgs(
  argv: string[],
  io: CliIo,
): { ok: true; args: ImportArgs } | { ok: false; code: number } {
  const parsed = parseArgs(argv, { team: 'string', 'dry-run': 'boolean', 'keep-missing': 'boolean' });
  if (!parsed.ok) return { ok: false, code: usageError(io, parsed.error) };
  const [file, extra] = parsed.args.positionals;
  if (!file || extra)
    return { ok: false, code: usageError(io, file ? `unexpected argument ${extra}` : 'FILE is required') };
  const team = parsed.args.flags.team as string | undefined;
  const dryRun = parsed.args.flags['dry-run'] === true;
  const keepMissing = parsed.args.flags['keep-missing'] === true;
  if (team !== undefined && !/^[TE][A-Z0-9]{2,}$/.test(team))
    return { ok: false, code: usageError(io, `--team must be a workspace id like T0123ABC, got ${team}`) };
  return { ok: true, args: { file, team, dryRun, keepMissing } };
}

/** The file's text; undefined (and said why) when it cannot be read. */
function readImportFile(io: CliIo, file: string): string | undefined {
  try {
    return readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    writeLine(
      io.stderr,
      `okrbot import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return undefined;
  }
}

/** Prints why the file was not imported: one line for a problem with the whole file, else one per problem. */
function reportProblems(io: CliIo, file: string, problems: ImportProblem[]): number {
  const [only] = problems;
  if (problems.length === 1 && only?.path === '(file)' && only.line === undefined)
    writeLine(io.stderr, `okrbot import: ${file} ${only.message}; nothing was imported`);
  else {
    writeLine(io.stderr, `okrbot import: ${file} was not imported; ${problems.length} problem(s):`);
    for (const p of problems)
      writeLine(
        io.stderr,
        `  ${file}${p.line ? `:${p.line}` : ''}${p.path === '(file)' ? '' : `: ${p.path}`}: ${p.message}`,
      );
  }
  return 1;
}

async function openMigrated(config: Config, io: CliIo): Promise<DatabaseHandle> {
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  await migrateToLatest(database.db);
  return database;
}

/**
 * The workspace to import into: with --team, the one named (and whether the database knows it); else the
 * bot token's, with the Slack API to refresh time zones through.
 */
async function importTarget(
  config: Config,
  database: DatabaseHandle,
  team: string | undefined,
): Promise<{ teamId: string; slack: SlackApi | undefined; unknownWorkspace: string | undefined }> {
  if (team)
    return { teamId: team, slack: undefined, unknownWorkspace: await notInstalled(config, database, team) };
  const slack = jobSlackApi(config.slackBotToken, config.slackApiUrl);
  const log = createLogger(config.logLevel);
  const { ctx } = await createAppContext({ config, database, slack, now: () => new Date(), log });
  return { teamId: ctx.teamId, slack, unknownWorkspace: undefined };
}

function printWarnings(io: CliIo, file: string, result: ParsedFile, now: Date): void {
  const warnings = lintImport(result.file, now.toISOString().slice(0, 10));
  if (warnings.length === 0) return;
  writeLine(
    io.stderr,
    `okrbot import: ${warnings.length} warning(s) in ${file} (they do not stop the import):`,
  );
  for (const w of warnings) {
    const line = result.lineOf(w.path);
    writeLine(io.stderr, `  ${file}${line ? `:${line}` : ''}: ${formatPath(w.path)}: ${w.message}`);
  }
}

async function refreshZones(
  io: CliIo,
  database: DatabaseHandle,
  slack: SlackApi,
  teamId: string,
  result: ParsedFile,
): Promise<void> {
  const refreshed = await refreshTimeZones(
    database.db,
    slack,
    teamId,
    result.file.people.map((p) => p.slack_id),
    new Date(),
  );
  if (refreshed.reached)
    writeLine(
      io.stdout,
      `Time zones refreshed from Slack for ${refreshed.updated} of ${refreshed.checked} people.`,
    );
  else
    writeLine(
      io.stdout,
      `Slack was not reachable (${refreshed.error}); time zones from the file are used until it is.`,
    );
}

/** The org file's import into the open database: check, lint, apply, say what changed, refresh time zones. */
async function importOrgFile(
  io: CliIo,
  config: Config,
  database: DatabaseHandle,
  text: string,
  args: ImportArgs,
): Promise<number> {
  const { file, dryRun, keepMissing } = args;
  const { teamId, slack, unknownWorkspace } = await importTarget(config, database, args.team);
  const result = parseImportFile(text, await knownIds(database.db, teamId, { keepMissing }));
  const refusal = unknownWorkspace;
  if (!result.ok) {
    reportProblems(io, file, result.problems);
    if (refusal) writeLine(io.stderr, refusal);
    return 1;
  }
  if (refusal) {
    writeLine(io.stderr, refusal);
    return 1;
  }
  const now = new Date();
  printWarnings(io, file, result, now);
  const summary = await applyImport(database.db, teamId, result.file, now, { keepMissing, dryRun });
  writeLine(
    io.stdout,
    dryRun ? `Would import ${file} into workspace ${teamId}:` : `Imported ${file} into workspace ${teamId}:`,
  );
  writeLine(io.stdout, formatSummary(summary));
  if (keepMissing) writeLine(io.stdout, '--keep-missing: rows the file leaves out are kept as they are.');
  if (dryRun) {
    writeLine(io.stdout, 'dry run: nothing written');
    return 0;
  }
  if (!slack) {
    writeLine(io.stdout, '--team given: no Slack token needed; time zones are not refreshed from Slack.');
    return 0;
  }
  await refreshZones(io, database, slack, teamId, result);
  return 0;
}

/** `okrbot import FILE [--team T…] [--dry-run] [--keep-missing]`; `argv` is what follows `import`. */
export async function runImportCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const checked = parseImportArgs(argv, io);
  if (!checked.ok) return checked.code;
  const { file, team, dryRun, keepMissing } = checked.args;
  const text = readImportFile(io, file);
  if (text === undefined) return 2;
  if (file.endsWith('.csv')) {
    if (dryRun || keepMissing)
      return usageError(io, '--dry-run and --keep-missing are for an org file, not KPI readings');
    return await runReadingsImport(file, text, team, env, io);
  }
  // An empty file or a YAML syntax error needs no settings and no database to be reported.
  const early = parseImportFile(text, { people: new Set(), teams: new Set(), kpis: new Set() });
  if (!early.ok && early.problems.every((p) => p.path === '(file)'))
    return reportProblems(io, file, early.problems);
  // The org import answers no Slack requests: it never needs SLACK_SIGNING_SECRET, and with --team no token.
  const config = configOrExit(env, io, team ? 'database' : 'slack-token');
  const database = await openMigrated(config, io);
  try {
    return await importOrgFile(io, config, database, text, checked.args);
  } finally {
    await database.close();
  }
}
