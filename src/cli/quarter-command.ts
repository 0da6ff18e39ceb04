import type { Kysely } from 'kysely';
import {
  type CloseQuarterResult,
  closeQuarter,
  defaultQuarterToClose,
  type QuarterReport,
  workspaceTimeZone,
} from '../okrs/index.js';
import { listWorkspaces } from '../people/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { openDatabase } from '../platform/db/open-database.js';
import type { Database } from '../platform/db/schema.js';
import { enqueueMessages } from '../platform/outbox/store.js';
import { parseArgs, wantsHelp } from './args.js';
import { configOrExit } from './config-or-exit.js';

export const QUARTER_USAGE = `Usage: okrbot quarter close [QUARTER] [--team KEY] [--workspace T…]

Closes a quarter (default: the one that ended last, in the workspace's time zone): every active objective
of it (or of team KEY only) is closed and scored, each key result keeps its final value (its last
check-in's value) and score, and a report per team is printed. Closing twice changes nothing.
Needs no Slack: with SLACK_BOT_TOKEN set, each team's report (to its channel, or its lead with
report: lead) and the "What got in the way?" DMs are queued in the outbox and go out with the next
okrbot serve or okrbot tick; without it, nothing is sent and the report is only printed.
--workspace is needed only when the database holds more than one workspace.`;

const TEAM_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

function usage(io: CliIo, message: string): number {
  writeLine(io.stderr, `okrbot quarter: ${message}\n\n${QUARTER_USAGE}`);
  return 2;
}

/** The plain-text report of one team, as the CLI prints it. */
export function formatQuarterReport(r: QuarterReport): string[] {
  const lines = [`== ${r.quarter} · ${r.team ? `${r.team.name} (${r.team.key})` : 'no team'}`];
  for (const o of r.objectives) {
    lines.push(`* [${o.type}] ${o.text}`);
    lines.push(`  score ${o.scoreText}: ${o.verdictText}`);
    for (const kr of o.keyResults) {
      const team = o.type === 'cross-team' ? ` [${kr.contributingTeam?.name ?? 'team not known'}]` : '';
      const b = kr.baseline ?? '–';
      const f = kr.final ?? '–';
      const t = kr.target ?? '–';
      const unit = kr.unit ? ` ${kr.unit}` : '';
      lines.push(`  - ${kr.text}${team}: ${b} → ${f}${unit} (target ${t}) · ${kr.scoreText}`);
    }
  }
  if (r.moved.length > 0) lines.push('What moved:', ...r.moved.map((m) => `  - ${m.text}: ${m.line}`));
  if (r.notMoved.length > 0)
    lines.push('What did not move:', ...r.notMoved.map((m) => `  - ${m.text}: ${m.line}`));
  if (r.recurringBlockers.length > 0)
    lines.push(
      'Blockers that came up in two or more rounds:',
      ...r.recurringBlockers.map((b) => `  - ${b.text} (${b.rounds} rounds): ${b.blockers.join(' | ')}`),
    );
  if (r.watches.length > 0) lines.push('KPI watch:', ...r.watches.map((w) => `  - ${w.line}`));
  if (r.candidates.length > 0)
    lines.push(`Evidence for planning ${r.nextQuarter}:`, ...r.candidates.map((c) => `  - ${c.line}`));
  if (r.carryOvers.length > 0)
    lines.push(...r.carryOvers.map((c) => `${c.label}: ${c.text} (objective ${c.objectiveId})`));
  return lines;
}

interface CloseArgs {
  teamKey: string | undefined;
  workspace: string | undefined;
  quarter: string | undefined;
}

/** `close`'s options and QUARTER, checked; or the exit code after a usage error. */
function parseCloseArgs(
  rest: string[],
  io: CliIo,
): { ok: true; args: CloseArgs } | { ok: false; code: number } {
  const refuse = (message: string) => ({ ok: false as const, code: usage(io, message) });
  const parsed = parseArgs(rest, { team: 'string', workspace: 'string' });
  if (!parsed.ok) return refuse(parsed.error);
  const teamKey = parsed.args.flags.team as string | undefined;
  if (teamKey !== undefined && !TEAM_KEY.test(teamKey))
    return refuse(`--team must be a team key like talent, got ${teamKey}`);
  const workspace = parsed.args.flags.workspace as string | undefined;
  if (workspace !== undefined && !TEAM_ID.test(workspace))
    return refuse(`--workspace must be a workspace id like T0123ABC, got ${workspace}`);
  const positionals = parsed.args.positionals;
  if (positionals.length > 1) return refuse(`unexpected argument ${positionals[1]}`);
  if (positionals[0] !== undefined && !/^\d{4}\s*-?\s*Q[1-4]$/i.test(positionals[0]))
    return refuse(`QUARTER must look like 2026Q4, got ${positionals[0]}`);
  return { ok: true, args: { teamKey, workspace, quarter: positionals[0] } };
}

/** The workspace to close in: the one named, else the database's only one; null (said why) otherwise. */
async function workspaceToClose(
  db: Kysely<Database>,
  workspace: string | undefined,
  io: CliIo,
): Promise<string | null> {
  if (workspace) return workspace;
  const all = await listWorkspaces(db);
  if (all.length !== 1) {
    writeLine(
      io.stderr,
      all.length === 0
        ? 'okrbot quarter: the database has no workspace yet; run okrbot import first'
        : `okrbot quarter: the database holds ${all.length} workspaces; name one with --workspace (${all.map((w) => w.team_id).join(', ')})`,
    );
    return null;
  }
  return all[0]!.team_id;
}

/** Prints what the close did (and each team's report); returns the exit code. */
function printCloseResult(io: CliIo, result: CloseQuarterResult, send: boolean): number {
  switch (result.status) {
    case 'invalid':
      writeLine(io.stderr, `okrbot quarter: ${result.message}`);
      return 2;
    case 'nothing_to_close':
      writeLine(io.stdout, result.message);
      return 0;
    case 'already_closed':
    case 'closed': {
      writeLine(io.stdout, result.message);
      for (const r of result.reports) {
        writeLine(io.stdout);
        for (const line of formatQuarterReport(r)) writeLine(io.stdout, line);
      }
      if (result.status === 'closed') {
        writeLine(io.stdout);
        writeLine(
          io.stdout,
          send
            ? `Queued ${result.queued} message(s) in the outbox; they go out with the next okrbot serve or okrbot tick.`
            : 'SLACK_BOT_TOKEN is not set: nothing was sent to Slack; the report above is all there is.',
        );
      }
      return 0;
    }
  }
}

/** `okrbot quarter close [QUARTER] [--team KEY] [--workspace T…]`; `argv` is what follows `quarter`. */
export async function runQuarterCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [sub, ...rest] = argv;
  if (wantsHelp(sub, rest)) {
    writeLine(sub ? io.stdout : io.stderr, QUARTER_USAGE);
    return sub ? 0 : 2;
  }
  if (sub !== 'close') return usage(io, `unknown quarter command: ${sub}`);
  const checked = parseCloseArgs(rest, io);
  if (!checked.ok) return checked.code;
  const { teamKey, workspace } = checked.args;

  const config = configOrExit(env, io, 'database');
  const database = openDatabase(config.databaseUrl, { cwd: io.cwd });
  try {
    await migrateToLatest(database.db);
    const teamId = await workspaceToClose(database.db, workspace, io);
    if (teamId === null) return 1;
    const now = new Date();
    const tz = await workspaceTimeZone(database.db, teamId, config.defaultTimeZone);
    const quarter = checked.args.quarter ?? defaultQuarterToClose(now, tz);
    const send = config.slackBotToken !== '';
    const result = await closeQuarter(
      {
        db: database.db,
        defaultTimeZone: config.defaultTimeZone,
        ...(send ? { outbox: { enqueue: enqueueMessages } } : {}),
      },
      { teamId, quarter, ...(teamKey ? { teamKey } : {}), closedBy: 'cli', now },
    );
    return printCloseResult(io, result, send);
  } finally {
    await database.close();
  }
}
