import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readExport } from '../app/export/read-export.js';
import { csvZip, exportCounts, toJsonDocument, writeCsvFolder } from '../app/export/write-export.js';
import { formatQuarter, parseQuarter } from '../okrs/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { type DatabaseHandle, openDatabase } from '../platform/db/open-database.js';
import { parseArgs } from './args.js';
import { configOrExit } from './config-or-exit.js';
import { openForWorkspace } from './token-command.js';

export const EXPORT_USAGE = `Usage: okrbot export --quarter 2026Q4 --format csv|json [--out PATH] [--team T…]

Writes one quarter of one workspace: objectives, key results, check-ins, KPI readings and alerts (with who
acknowledged or snoozed them and why). The workspace is --team, or the one in the database (the first, by
install time, when there are several).

  --format csv    one file per table (objectives.csv, key_results.csv, checkins.csv, kpi_readings.csv,
                  alerts.csv) in the folder --out (default ./okrbot-export-2026Q4/), or in a zip when --out
                  ends in .zip
  --format json   one document {"quarter", "workspace", "exported_at", "objectives": [...], ...} to --out, or
                  to standard output without --out (or with --out -)

UTF-8 with a header row, RFC 4180 quoting, ISO dates, numbers without thousands separators. The columns are
listed in the README ("Export").`;

const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `okrbot export: ${message}\n\n${EXPORT_USAGE}`);
  return 2;
}

/**
 * The database and the workspace to export: `--team` as `okrbot token` finds it (openForWorkspace), else the
 * only workspace in the database, or the first by install time (with a note naming it) when there are more.
 * Undefined (after a message) when there is no such workspace. The caller closes the database.
 */
async function openExportWorkspace(
  env: Record<string, string | undefined>,
  io: CliIo,
  team: string | undefined,
): Promise<{ database: DatabaseHandle; teamId: string } | undefined> {
  let database: DatabaseHandle;
  let teamId: string | undefined = team;
  if (team) {
    ({ database } = await openForWorkspace(env, io, team));
  } else {
    const config = configOrExit(env, io, 'database');
    database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  }
  try {
    if (!team) await migrateToLatest(database.db);
    const workspaces = await database.db
      .selectFrom('workspaces')
      .select(['team_id'])
      .orderBy('installed_at')
      .orderBy('team_id')
      .execute();
    if (team && !workspaces.some((w) => w.team_id === team)) {
      writeLine(
        io.stderr,
        `okrbot export: workspace ${team} is not in the database (it has ${listed(workspaces)})`,
      );
      await database.close();
      return undefined;
    }
    if (!teamId) {
      teamId = workspaces[0]?.team_id;
      if (!teamId) {
        writeLine(
          io.stderr,
          'okrbot export: the database has no workspace yet; load one with: okrbot import FILE',
        );
        await database.close();
        return undefined;
      }
      if (workspaces.length > 1)
        writeLine(
          io.stderr,
          `okrbot export: the database has ${workspaces.length} workspaces (${listed(workspaces)}); exporting ${teamId}, the first. Pick one with --team.`,
        );
    }
    return { database, teamId };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const listed = (workspaces: Array<{ team_id: string }>) =>
  workspaces.length === 0 ? 'none' : workspaces.map((w) => w.team_id).join(', ');

/** `okrbot export …`; `argv` is what follows `export`. Exit 0 when written, 1 when it cannot, 2 on a usage error. */
export async function runExportCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    writeLine(io.stdout, EXPORT_USAGE);
    return 0;
  }
  const parsed = parseArgs(argv, { quarter: 'string', format: 'string', out: 'string', team: 'string' });
  if (!parsed.ok) return usage(io, parsed.error);
  const { flags, positionals } = parsed.args;
  if (positionals.length > 0) return usage(io, `unexpected argument ${positionals[0]}`);
  const quarterText = flags.quarter as string | undefined;
  if (quarterText === undefined) return usage(io, 'which quarter? Add --quarter, e.g. --quarter 2026Q4');
  const quarter = parseQuarter(quarterText);
  if (!quarter)
    return usage(
      io,
      `--quarter must be a year and quarter like 2026Q4 (Q1 to Q4), got ${JSON.stringify(quarterText)}`,
    );
  const format = flags.format as string | undefined;
  if (format === undefined) return usage(io, 'which format? Add --format csv or --format json');
  if (format !== 'csv' && format !== 'json')
    return usage(io, `--format must be csv or json, got ${JSON.stringify(format)}`);
  const team = flags.team as string | undefined;
  if (team !== undefined && !TEAM_ID.test(team))
    return usage(io, `--team must be a workspace id like T0123ABC, got ${team}`);
  const out = flags.out as string | undefined;
  if (out !== undefined && out.trim() === '') return usage(io, '--out needs a file or folder name');
  const zip = out?.toLowerCase().endsWith('.zip') === true;
  if (format === 'json' && zip)
    return usage(io, '--out FILE.zip is for --format csv; JSON is one .json file');
  if (format === 'csv' && out === '-')
    return usage(io, 'CSV is several files: give --out a folder or a .zip file');

  const opened = await openExportWorkspace(env, io, team);
  if (!opened) return 1;
  const { database, teamId } = opened;
  try {
    const data = await readExport(database.db, teamId, quarter, new Date());
    const counts = exportCounts(data);
    const where = `${formatQuarter(quarter)} of workspace ${teamId}`;
    if (format === 'json') {
      const doc = toJsonDocument(data);
      if (out === undefined || out === '-') {
        io.stdout.write(doc);
        writeLine(io.stderr, `Exported ${where}: ${counts}.`);
      } else {
        const path = resolve(io.cwd, out);
        writeFileSync(path, doc, 'utf8');
        writeLine(io.stdout, `Exported ${where} to ${path}: ${counts}.`);
      }
    } else if (zip) {
      const path = resolve(io.cwd, out as string);
      writeFileSync(path, csvZip(data));
      writeLine(io.stdout, `Exported ${where} to ${path} (5 CSV files): ${counts}.`);
    } else {
      const dir = resolve(io.cwd, out ?? `okrbot-export-${formatQuarter(quarter)}`);
      writeCsvFolder(dir, data);
      writeLine(io.stdout, `Exported ${where} to ${dir}/ (5 CSV files): ${counts}.`);
    }
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (
      code === 'ENOENT' ||
      code === 'EACCES' ||
      code === 'EISDIR' ||
      code === 'ENOTDIR' ||
      code === 'EEXIST'
    ) {
      writeLine(io.stderr, `okrbot export: cannot write ${out ?? 'the export'}: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
