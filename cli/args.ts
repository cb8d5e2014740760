import { z } from 'zod';

/** A command line that cannot be understood; the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type Parsed<T> = { readonly help: true } | { readonly help: false; readonly args: T };

/**
 * Splits argv into positionals, `--name value` / `--name=value` options and `--name` flags (which
 * take no value: true when given), then validates the whole with the command's zod schema, which
 * sees `{ positionals, ...options, ...flags }`. `-h`/`--help` anywhere asks for help; `--` ends
 * the options. Options and flags are named without their dashes.
 */
export function parseArgs<S extends z.ZodType>(
  argv: readonly string[],
  spec: { command: string; options: readonly string[]; flags?: readonly string[]; schema: S },
): Parsed<z.output<S>> {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  const flags = spec.flags ?? [];
  const known = () => [...spec.options.map((o) => `--${o}`), '--help'].join(', ');
  const end = argv.indexOf('--');
  // Help wins over everything else on the line: someone asking for it may not know the rest yet.
  if (argv.slice(0, end === -1 ? undefined : end).some((t) => t === '-h' || t === '--help')) return { help: true };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq === -1 ? token : token.slice(0, eq);
    const name = flag.startsWith('--') ? flag.slice(2) : '';
    const isFlag = flags.includes(name);
    if (!isFlag && !spec.options.includes(name)) throw new UsageError(`unknown option ${flag}; ${spec.command} takes ${known()}`);
    if (Object.hasOwn(options, name)) throw new UsageError(`--${name} given twice`);
    if (isFlag) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      options[name] = true;
      continue;
    }
    const value = eq === -1 ? argv[++i] : token.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  const parsed = spec.schema.safeParse({ positionals, ...options });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return { help: false, args: parsed.data };
}
