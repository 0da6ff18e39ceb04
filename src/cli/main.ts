import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scheduledJobs } from '../app/scheduled-jobs.js';
import { createAppContext, startOkrbot } from '../app/start-okrbot.js';
import { type CliIo, processIo, writeLine } from '../platform/cli-io.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open-database.js';
import { createLogger } from '../platform/logger.js';
import { runTick } from '../platform/scheduler/tick.js';
import { jobSlackApi } from '../platform/slack/slack-api.js';
import { parseArgs } from './args.js';
import { AUDIT_USAGE, runAuditCommand } from './audit-command.js';
import { configOrExit, ExitError } from './config-or-exit.js';
import { DOCTOR_USAGE, runDoctor } from './doctor-command.js';
import { EXPORT_USAGE, runExportCommand } from './export-command.js';
import { IMPORT_USAGE, runImportCommand } from './import-command.js';
import { runKpiBacktestCommand } from './kpi-backtest-command.js';
import { runLintCommand } from './lint-command.js';
import { QUARTER_USAGE, runQuarterCommand } from './quarter-command.js';
import { runTokenCommand, TOKEN_USAGE } from './token-command.js';

const USAGE = `okrbot: OKRs and KPIs in Slack

Usage: okrbot <command> [options]

Commands:
  serve [--no-scheduler]        Answer Slack (HTTP on PORT, or Socket Mode) and run scheduled jobs
  migrate                       Apply database migrations and exit
  import FILE [--team T…] [--dry-run] [--keep-missing]
                                Load people, teams, objectives, key results and KPIs from YAML or JSON
  tick --at ISO-TIME            Run every scheduled job due at that instant once, send, and exit
  lint [--json] [FILE|-]        Lint key results, one per line (O: for an objective)
  kpi backtest FILE [--json]    Replay KPI readings through the detector and show what would alert
  token create|revoke|list      Make, revoke or list tokens for the readings API (POST /api/v1/readings)
  quarter close [QUARTER]       Close and grade a quarter's objectives; queue each team's report
  export --quarter Q --format csv|json [--out FILE]
                                Objectives, key results, check-ins, KPI readings and alerts of a quarter
  audit [--since DATE] [--kpi KEY]
                                Who changed what: KPI definitions, readings, alerts, imports, roles
  doctor                        Check configuration, database, migrations, Slack token and scopes, outbox
  backup FILE                   Copy the SQLite database to FILE while okrbot runs (Postgres: pg_dump)
  demo                          Play a short week against a local Slack and print the transcript
  help [COMMAND]                Show help; also okrbot COMMAND --help

Settings come from the environment (see .env.example).`;

const HELP: Record<string, string> = {
  serve: `Usage: okrbot serve [--no-scheduler]

Applies migrations, then answers Slack: HTTP on PORT at /slack/events (Socket Mode when SLACK_APP_TOKEN is
set), GET /healthz, and the readings API. Every minute it runs the scheduled jobs; --no-scheduler turns
that off (drive ticks from outside with okrbot tick). Stops cleanly on SIGTERM or SIGINT.`,
  migrate: `Usage: okrbot migrate

Applies every pending migration to DATABASE_URL and exits. Safe to run while other replicas start.`,
  import: IMPORT_USAGE,
  tick: `Usage: okrbot tick --at ISO-TIME

Runs every scheduled job due at that instant (check-in prompts, nudges, digests, KPI checks) once, sends
what they queued, prints a summary and exits. Running it twice for the same instant sends nothing new.
Example: okrbot tick --at 2026-11-23T01:00:00Z`,
  lint: `Usage: okrbot lint [--json] [FILE|-]

Reads one key result per line from FILE or standard input; a line starting with O: is an objective.`,
  kpi: `Usage: okrbot kpi backtest FILE [--json]

Replays KPI readings through the same detector and alert lifecycle that serve uses, and prints, reading by
reading, what would have reached the KPI's owner (the rule that fired and its severity).
FILE is JSON: {"kpis": [{"key", "direction", "cadence", "range": [lo, hi], "alert_threshold",
"aspirational"?, "readings": [{"period", "value"}]}]}. --json prints one object per reading:
{"kpi", "period", "value", "notify": [{"rule", "severity"}]}.`,
  doctor: DOCTOR_USAGE,
  export: EXPORT_USAGE,
  quarter: QUARTER_USAGE,
  audit: AUDIT_USAGE,
  backup: `Usage: okrbot backup FILE

Writes a consistent copy of the SQLite database (DATABASE_URL=sqlite:…) to FILE while okrbot keeps
running (SQLite's online backup). For Postgres use pg_dump (see README, "Backups").`,
  token: TOKEN_USAGE,
  demo: `Usage: okrbot demo

Starts okrbot against a local Slack with a fresh database, loads a sample HR organisation and plays a
short week, printing what each person would see in Slack. Needs no Slack account and no settings.`,
};

export { withDotEnv } from '../platform/config.js';

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = processIo(),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === 'help' || command === '--help' || command === '-h') {
      const topic = command === 'help' ? rest[0] : undefined;
      writeLine(io.stdout, topic && HELP[topic] ? HELP[topic] : USAGE);
      return 0;
    }
    if (command === 'kpi' && (rest[0] === '--help' || rest[0] === '-h' || rest.length === 0)) {
      writeLine(io.stdout, HELP.kpi ?? USAGE);
      return 0;
    }
    if (
      (rest.includes('--help') || rest.includes('-h')) &&
      HELP[command] &&
      command !== 'lint' &&
      command !== 'kpi'
    ) {
      writeLine(io.stdout, HELP[command]);
      return 0;
    }
    switch (command) {
      case 'serve':
        return await serve(rest, env, io);
      case 'migrate':
        return await migrate(rest, env, io);
      case 'import':
        return await runImportCommand(rest, env, io);
      case 'tick':
        return await tick(rest, env, io);
      case 'lint':
        return await runLintCommand(rest, io, new Date());
      case 'kpi':
        if (rest[0] === 'backtest') return await runKpiBacktestCommand(rest.slice(1), io);
        writeLine(
          io.stderr,
          rest[0] === undefined || rest[0] === '--help'
            ? HELP.kpi
            : `unknown kpi command: ${rest[0]}\n${HELP.kpi}`,
        );
        return rest[0] === '--help' ? 0 : 2;
      case 'token':
        return await runTokenCommand(rest, env, io);
      case 'quarter':
        return await runQuarterCommand(rest, env, io);
      case 'export':
        return await runExportCommand(rest, env, io);
      case 'audit':
        return await runAuditCommand(rest, env, io);
      case 'doctor':
        return await runDoctor(rest, env, io, repoRoot());
      case 'backup':
        return await backup(rest, env, io);
      case 'demo': {
        const { runDemo } = await import('../demo/run-demo.js');
        return await runDemo(io);
      }
      default:
        writeLine(io.stderr, `unknown command: ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ExitError) return error.code;
    writeLine(io.stderr, `okrbot ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function backup(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const [file, ...extra] = argv;
  if (!file || extra.length > 0)
    return usageError(io, 'backup', file ? `unexpected argument ${extra[0]}` : 'FILE is missing');
  const config = configOrExit(env, io, 'database');
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  try {
    if (!database.backup) {
      writeLine(
        io.stderr,
        `okrbot backup: ${database.description} is Postgres: back it up with pg_dump (README, "Backups").`,
      );
      return 2;
    }
    const target = resolve(io.cwd, file);
    await database.backup(target);
    writeLine(io.stdout, `Backed up ${database.description} to ${target}.`);
    return 0;
  } finally {
    await database.close();
  }
}

/** The installed package's folder (manifest/ lives there), from src/cli or dist/src/cli. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..', '..');
  return up.endsWith('/dist') ? resolve(up, '..') : up;
}

function usageError(io: CliIo, command: string, message: string): number {
  writeLine(io.stderr, `okrbot ${command}: ${message}\n\n${HELP[command] ?? USAGE}`);
  return 2;
}

async function openMigrated(config: Config, io: CliIo) {
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  await migrateToLatest(database.db);
  return database;
}

async function migrate(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  if (argv.length > 0) return usageError(io, 'migrate', `unexpected argument ${argv[0]}`);
  const config = configOrExit(env, io, 'database');
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  try {
    const applied = await migrateToLatest(database.db);
    writeLine(
      io.stdout,
      applied.length === 0
        ? `${database.description}: up to date`
        : `${database.description}: applied ${applied.join(', ')}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

async function serve(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { 'no-scheduler': 'boolean' });
  if (!parsed.ok) return usageError(io, 'serve', parsed.error);
  if (parsed.args.positionals.length > 0)
    return usageError(io, 'serve', `unexpected argument ${parsed.args.positionals[0]}`);
  const config = configOrExit(env, io);
  const database = await openMigrated(config, io);
  const running = await startOkrbot({ config, database, scheduler: !parsed.args.flags['no-scheduler'] });
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      running.ctx.log.info(`${signal} received: finishing in-flight work`);
      void running.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
  return 0;
}

async function tick(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, { at: 'string' });
  if (!parsed.ok) return usageError(io, 'tick', parsed.error);
  if (parsed.args.positionals.length > 0)
    return usageError(io, 'tick', `unexpected argument ${parsed.args.positionals[0]}`);
  const atText = parsed.args.flags.at as string | undefined;
  if (!atText) return usageError(io, 'tick', '--at is required');
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(atText) ||
    Number.isNaN(Date.parse(atText))
  ) {
    return usageError(
      io,
      'tick',
      `--at must be an ISO time with a zone, like 2026-11-23T01:00:00Z; got ${atText}`,
    );
  }
  const at = new Date(atText);
  const config = configOrExit(env, io);
  const database = await openMigrated(config, io);
  try {
    const log = createLogger(config.logLevel);
    const slack = jobSlackApi(config.slackBotToken, config.slackApiUrl);
    const { ctx } = await createAppContext({ config, database, slack, now: () => at, log });
    const report = await runTick(ctx, scheduledJobs(), at);
    writeLine(io.stdout, `tick at ${report.at}`);
    for (const [name, result] of Object.entries(report.jobs))
      writeLine(io.stdout, `  ${name}: ${JSON.stringify(result)}`);
    const o = report.outbox;
    writeLine(
      io.stdout,
      `  messages: ${o.sent} sent, ${o.failed} failed (kept for the next tick), ${o.skipped} skipped`,
    );
    return Object.values(report.jobs).some((r) => 'error' in r) ? 1 : 0;
  } finally {
    await database.close();
  }
}
