import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type BacktestLine, backtest, formatValue, sparkline } from '../kpis/index.js';
import { type CliIo, writeLine } from '../platform/cli-io.js';

export const KPI_BACKTEST_USAGE = `Usage: okrbot kpi backtest FILE [--json]

Replays KPI readings through the same detector and alert lifecycle the server uses, and shows what would
have reached each KPI's owner at every reading.

FILE is JSON ("-" reads standard input):
  {"kpis": [{"key": "time_to_hire", "direction": "lower_is_better", "cadence": "monthly",
             "range": [28, 45], "alert_threshold": 55, "aspirational": 30,
             "readings": [{"period": "2026-01", "value": 41}, ...]}]}
  direction: higher_is_better | lower_is_better; cadence: weekly | monthly
  period: YYYY-MM (monthly), YYYY-Www (weekly, ISO week) or a date YYYY-MM-DD inside the period

Options:
  --json   one JSON line per reading: {"kpi","period","value","notify":[{"rule","severity"}]}
  --help   show this help

Exit status: 0 on success, 2 when the file or the arguments are wrong.`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function usageError(io: CliIo, text: string): number {
  writeLine(io.stderr, `kpi backtest: ${text}`);
  writeLine(io.stderr, 'Run "okrbot kpi backtest --help" for usage.');
  return 2;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

function table(lines: BacktestLine[]): string[] {
  const rows = lines.map((l) => {
    const other = l.events
      .filter((e) => !e.notify)
      .map((e) => `${e.kind} ${e.rule}${e.groupedWith ? ` (with ${e.groupedWith})` : ''}`);
    return [
      l.kpi,
      l.period,
      formatValue(l.value),
      l.notify.length > 0 ? l.notify.map((n) => `${n.rule} (${n.severity})`).join(', ') : '-',
      other.join(', '),
    ];
  });
  const header = ['KPI', 'PERIOD', 'VALUE', 'NOTIFY OWNER', 'OTHER EVENTS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] as string)].length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => pad(c, widths[i] as number))
      .join('  ')
      .trimEnd();
  const out = [fmt(header), ...rows.map(fmt), ''];
  const kpis = [...new Set(lines.map((l) => l.kpi))];
  for (const kpi of kpis) {
    const mine = lines.filter((l) => l.kpi === kpi);
    const sent = mine.reduce((n, l) => n + l.notify.length, 0);
    out.push(
      `${kpi}: ${mine.length} readings, ${sent} notification(s)  ${sparkline(mine.map((l) => l.value))}`,
    );
  }
  return out;
}

/** `okrbot kpi backtest FILE [--json]`; `argv` is what follows `kpi backtest`. */
export async function runKpiBacktestCommand(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  const files: string[] = [];
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      writeLine(io.stdout, KPI_BACKTEST_USAGE);
      return 0;
    }
    if (arg === '--json') json = true;
    else if (arg.startsWith('-') && arg !== '-') return usageError(io, `unknown option ${arg}`);
    else files.push(arg);
  }
  if (files.length !== 1)
    return usageError(io, files.length === 0 ? 'FILE is missing' : 'give exactly one FILE');
  const file = files[0] as string;
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return usageError(io, `cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return usageError(io, `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const result = backtest(data);
  if (!result.ok) {
    writeLine(io.stderr, `kpi backtest: ${file} has ${result.errors.length} problem(s):`);
    for (const e of result.errors) writeLine(io.stderr, `  ${e}`);
    return 2;
  }
  if (json) {
    for (const l of result.lines) {
      writeLine(
        io.stdout,
        JSON.stringify({ kpi: l.kpi, period: l.period, value: l.value, notify: l.notify }),
      );
    }
  } else {
    for (const line of table(result.lines)) writeLine(io.stdout, line);
  }
  return 0;
}
