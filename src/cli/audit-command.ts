import { listAudit } from '../platform/audit/audit-log.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';
import { parseArgs } from './args.js';
import { openForWorkspace } from './token-command.js';

export const AUDIT_USAGE = `Usage: okrbot audit [--since DATE] [--kpi KEY] [--json] [--team T…]

Prints the audit log, oldest first: changes to KPI definitions, replaced readings, acknowledged and snoozed
alerts, imports, quarter closes and role changes, each with who, when, and before → after.
--since YYYY-MM-DD (or an ISO time) starts there; --kpi KEY shows one KPI's events; --json prints one
object per line.`;

function show(v: unknown): string {
  return v === null || v === undefined ? '–' : JSON.stringify(v);
}

/** `okrbot audit`: the audit log of one workspace, as lines or JSON. */
export async function runAuditCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const parsed = parseArgs(argv, {
    since: 'string',
    kpi: 'string',
    json: 'boolean',
    team: 'string',
    help: 'boolean',
  });
  if (!parsed.ok || parsed.args.positionals.length > 0) {
    const problem = parsed.ok ? `unexpected argument ${parsed.args.positionals[0]}` : parsed.error;
    writeLine(io.stderr, `okrbot audit: ${problem}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  const { flags } = parsed.args;
  if (flags.help) {
    writeLine(io.stdout, AUDIT_USAGE);
    return 0;
  }
  const since = typeof flags.since === 'string' ? flags.since : undefined;
  if (since !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(Date.parse(since)))) {
    writeLine(io.stderr, `okrbot audit: --since must be a date like 2026-11-01; got ${since}`);
    return 2;
  }
  const { database, teamId } = await openForWorkspace(
    env,
    io,
    typeof flags.team === 'string' ? flags.team : undefined,
  );
  try {
    const rows = await listAudit(database.db, teamId, {
      ...(since ? { since: new Date(since).toISOString() } : {}),
      ...(typeof flags.kpi === 'string' ? { subject: `kpi:${flags.kpi}` } : {}),
    });
    for (const r of rows) {
      writeLine(
        io.stdout,
        flags.json
          ? JSON.stringify(r)
          : `${r.at}  ${r.actor}  ${r.action}  ${r.subject}  ${show(r.before)} → ${show(r.after)}`,
      );
    }
    if (!flags.json && rows.length === 0) writeLine(io.stdout, 'No audit events match.');
    return 0;
  } finally {
    await database.close();
  }
}
