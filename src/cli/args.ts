/** A tiny, strict argument parser: known flags only, so a typo is a usage error, not a silent default. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export function parseArgs(
  argv: string[],
  spec: Record<string, 'boolean' | 'string'>,
): { ok: true; args: ParsedArgs } | { ok: false; error: string } {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const kind = spec[name];
      if (!kind) return { ok: false, error: `unknown option --${name}` };
      if (kind === 'boolean') {
        if (inline !== undefined) return { ok: false, error: `--${name} takes no value` };
        flags[name] = true;
      } else {
        const value = inline ?? argv[++i];
        if (value === undefined || (inline === undefined && value.startsWith('--')))
          return { ok: false, error: `--${name} needs a value` };
        flags[name] = value;
      }
    } else if (arg === '-h') {
      flags.help = true;
    } else {
      positionals.push(arg);
    }
  }
  return { ok: true, args: { positionals, flags } };
}

/** `okrbot CMD` with no subcommand, or asking for help anywhere in it. */
export function wantsHelp(sub: string | undefined, rest: string[]): boolean {
  return (
    !sub ||
    sub === '--help' ||
    sub === '-h' ||
    sub === 'help' ||
    rest.includes('--help') ||
    rest.includes('-h')
  );
}
