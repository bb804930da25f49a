/** Minimal `--flag value` / `--flag=value` / `--no-flag` parser for the relata CLI. Pure. */
export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = 'start', ...rest] = argv;
  const flags: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) flags[body.slice(0, eq)] = body.slice(eq + 1);
    else if (body.startsWith('no-')) flags[body.slice(3)] = false;
    else if (rest[i + 1] !== undefined && !rest[i + 1]!.startsWith('--')) flags[body] = rest[++i]!;
    else flags[body] = true;
  }
  return { command, positionals, flags };
}
