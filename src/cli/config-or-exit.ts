import type { CliIo } from '../platform/cli-io.js';
import { type Config, type ConfigNeeds, loadConfig, SETTINGS } from '../platform/config.js';

/** Thrown to end a command with an exit code after its message was printed. */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * What a command needs: `slack` (every setting, as serve), `database` (no Slack settings), or `slack-token`
 * (the bot token but not the signing secret: a command that calls the Web API but answers no requests).
 */
export type CommandNeeds = ConfigNeeds | 'slack-token';

/** Loads the configuration, or prints one line per wrong setting and ends the command with exit code 1. */
export function configOrExit(
  env: Record<string, string | undefined>,
  io: CliIo,
  needs: CommandNeeds = 'slack',
): Config {
  const result = loadConfig(env, needs === 'slack-token' ? 'database' : needs);
  const problems = result.ok ? [] : [...result.problems];
  if (needs === 'slack-token' && !env.SLACK_BOT_TOKEN?.trim() && env.SLACK_CLIENT_ID?.trim())
    problems.unshift(
      'okrbot serves many workspaces (SLACK_CLIENT_ID is set): name the one this command is for with --team T…',
    );
  else if (needs === 'slack-token' && !env.SLACK_BOT_TOKEN?.trim())
    problems.unshift(
      `SLACK_BOT_TOKEN is missing; for example SLACK_BOT_TOKEN=${SETTINGS.SLACK_BOT_TOKEN.example} (or name the workspace with --team T…)`,
    );
  if (result.ok && problems.length === 0) return result.config;
  io.stderr.write(`okrbot cannot start: ${problems.length} setting(s) need attention\n`);
  for (const line of problems) io.stderr.write(`  ${line}\n`);
  io.stderr.write('See .env.example for every setting.\n');
  throw new ExitError(1);
}
