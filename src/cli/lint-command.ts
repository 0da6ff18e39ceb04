import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Finding,
  type KeyResultLint,
  type LintContext,
  lintKeyResult,
  lintObjective,
  type ObjectiveLint,
} from '../drafting/index.js';
import { quarterOf } from '../okrs/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';

export const LINT_USAGE = `Usage: okrbot lint [--json] [FILE|-]

Lints OKR text: one key result per line; a line starting with "O:" is an objective.
Reads FILE, or standard input when FILE is "-" or missing. Blank lines are skipped.
The quarter is the current one (UTC).

Options:
  --json      print one JSON object per input line
  -h, --help  show this help`;

interface LintArgs {
  json: boolean;
  help: boolean;
  file?: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): LintArgs {
  const args: LintArgs = { json: false, help: false };
  const files: string[] = [];
  let options = true;
  for (const arg of argv) {
    if (options && arg === '--') options = false;
    else if (options && arg === '--json') args.json = true;
    else if (options && (arg === '--help' || arg === '-h')) args.help = true;
    else if (options && arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else files.push(arg);
  }
  if (files.length > 1) throw new UsageError(`expected at most one FILE, got ${files.length}`);
  if (files[0] !== undefined) args.file = files[0];
  return args;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const OBJECTIVE_PREFIX_RE = /^O:\s*/;

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function printFinding(io: CliIo, f: Finding): void {
  writeLine(io.stdout, `    ${f.severity.padEnd(7)} ${f.code}: ${f.message}`);
  if (f.suggestion) writeLine(io.stdout, `            → ${f.suggestion}`);
}

function printReadable(io: CliIo, kind: 'KR' | 'O', lint: KeyResultLint | ObjectiveLint): void {
  writeLine(io.stdout, `${kind.padEnd(2)} ${lint.verdict.padEnd(14)} ${lint.text}`);
  writeLine(
    io.stdout,
    `    baseline: ${yesNo(lint.has_baseline)}  target: ${yesNo(lint.has_target)}  deadline: ${yesNo(lint.has_deadline)}  vague: ${yesNo(lint.vague)}`,
  );
  for (const f of lint.findings) printFinding(io, f);
}

function toJson(lint: KeyResultLint | ObjectiveLint): string {
  const { text, verdict, has_baseline, has_target, has_deadline, vague, findings } = lint;
  return JSON.stringify({ text, verdict, has_baseline, has_target, has_deadline, vague, findings });
}

/**
 * `okrbot lint [--json] [FILE|-]`: argv is what follows `lint`. Returns the exit code: 0 when it
 * linted, 2 on a usage error (with one line on stderr).
 */
export async function runLintCommand(argv: string[], io: CliIo, now: Date): Promise<number> {
  let args: LintArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    writeLine(io.stderr, `okrbot lint: ${(err as Error).message} (see okrbot lint --help)`);
    return 2;
  }
  if (args.help) {
    writeLine(io.stdout, LINT_USAGE);
    return 0;
  }
  let input: string;
  try {
    if (args.file === undefined || args.file === '-') input = await readStream(io.stdin);
    else input = await readFile(path.resolve(io.cwd, args.file), 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    writeLine(io.stderr, `okrbot lint: cannot read ${args.file ?? 'standard input'}: ${reason}`);
    return 2;
  }
  const ctx: LintContext = {
    quarter: quarterOf(now, 'UTC'),
    okrType: 'committed',
    today: now.toISOString().slice(0, 10),
  };
  for (const rawLine of input.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const isObjective = OBJECTIVE_PREFIX_RE.test(line);
    const lint = isObjective
      ? lintObjective(line.replace(OBJECTIVE_PREFIX_RE, ''), ctx)
      : lintKeyResult(line, ctx);
    if (args.json) writeLine(io.stdout, toJson(lint));
    else printReadable(io, isObjective ? 'O' : 'KR', lint);
  }
  return 0;
}
