import type { Logger, LogLevel } from '@slack/bolt';
import type { LogLevel as Level } from './config.js';

const ORDER: Level[] = ['debug', 'info', 'warn', 'error'];

/** A plain line logger to stderr that Bolt can use too. */
export function createLogger(
  level: Level,
  name = 'okrbot',
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  let current: Level = level;
  let label = name;
  const enabled = (l: Level) => ORDER.indexOf(l) >= ORDER.indexOf(current);
  const write = (l: Level, args: unknown[]) => {
    if (!enabled(l)) return;
    const text = args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ');
    sink(`${new Date().toISOString()} ${l.toUpperCase()} [${label}] ${text}`);
  };
  return {
    debug: (...a: unknown[]) => write('debug', a),
    info: (...a: unknown[]) => write('info', a),
    warn: (...a: unknown[]) => write('warn', a),
    error: (...a: unknown[]) => write('error', a),
    setLevel: (l: LogLevel) => {
      current = l as unknown as Level;
    },
    getLevel: () => current as unknown as LogLevel,
    setName: (n: string) => {
      label = n;
    },
  };
}
