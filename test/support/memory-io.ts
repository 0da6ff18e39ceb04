import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/platform/cli-io.js';

/** In-memory standard streams for running a command in-process and reading what it printed. */
export function memoryIo(
  cwd: string,
  stdinText?: string,
): { io: CliIo; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  return { io: { stdin, stdout, stderr, cwd }, out: () => out, err: () => err };
}
