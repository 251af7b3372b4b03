/** Command-line arguments: positionals, and options that may repeat (--map, --set). */
export interface Args {
  positional: string[];
  options: Map<string, string[]>;
}

export class UsageError extends Error {}

const FLAGS = new Set(['clean', 'help', 'keep-zero-quantity']);

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { positional: [], options: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      args.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (FLAGS.has(name)) value = 'true';
    else {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`--${name} needs a value.`);
      value = next;
    }
    args.options.set(name, [...(args.options.get(name) ?? []), value]);
  }
  return args;
}

/** The last value of an option, or undefined. */
export const option = (args: Args, name: string): string | undefined => args.options.get(name)?.at(-1);

export function intOption(args: Args, name: string, fallback: number, min = 0): number {
  const raw = option(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${raw}".`);
  return n;
}

/** COL=VALUE pairs of a repeatable option; the value is everything after the first `=`. */
export function pairs(args: Args, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of args.options.get(name) ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} takes COLUMN=VALUE, not "${pair}".`);
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  return out;
}

export function checkOptions(args: Args, allowed: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`Unknown option --${name}. This command takes: ${allowed.map((a) => `--${a}`).join(', ')}.`);
  }
}
