import type { CliIo } from '../platform/cli-io.js';
import { type Config, type ConfigNeeds, loadConfig } from '../platform/config.js';

/** Thrown to end a command with an exit code after its message was printed. */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Loads the configuration, or prints one line per wrong setting and ends the command with exit code 1. */
export function configOrExit(
  env: Record<string, string | undefined>,
  io: CliIo,
  needs: ConfigNeeds = 'slack',
): Config {
  const result = loadConfig(env, needs);
  if (result.ok) return result.config;
  io.stderr.write(`okrbot cannot start: ${result.problems.length} setting(s) need attention\n`);
  for (const line of result.problems) io.stderr.write(`  ${line}\n`);
  io.stderr.write('See .env.example for every setting.\n');
  throw new ExitError(1);
}
