/**
 * The command-line flags of every subcommand, parsed one way: `--flag value` or `--flag=value`,
 * switches without a value, `-h`/`--help` anywhere, and a {@link UsageError} naming the flag, what
 * it takes and what it got for every mistake.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

/**
 * A mistake in the command line: the message says which flag and why; print it with the usage.
 * @example
 * try { parseFlags(['--epochs', 'x'], { '--epochs': { key: 'epochs', type: 'integer', min: 1 } }); }
 * catch (e) { if (e instanceof UsageError) console.error(e.message); }
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * What a flag takes: one of `values`, a comma-separated list of them, an integer ≥ `min`, a number
 * > 0, a non-empty path (`what` names it in errors: 'a folder', 'a file'), or nothing (a switch).
 * @example
 * const model: FlagType = { type: 'choice', values: ['mlp', 'cnn'] };
 */
export type FlagType =
  | { readonly type: 'choice'; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly values: readonly string[] }
  | { readonly type: 'integer'; readonly min: number }
  | { readonly type: 'positive' }
  | { readonly type: 'path'; readonly what: string }
  | { readonly type: 'switch' };

/**
 * A command's flags by name (`'--batch-size'`), each with the key its value is stored under.
 * @example
 * const specs: FlagSpecs = { '--jit': { key: 'jit', type: 'switch' } };
 */
export type FlagSpecs = Readonly<Record<string, { readonly key: string } & FlagType>>;

/**
 * The flags given (by key) and whether help was asked for; flags not given are absent.
 * @example
 * const { values, help }: ParsedFlags = parseFlags(['--jit'], { '--jit': { key: 'jit', type: 'switch' } });
 */
export interface ParsedFlags {
  readonly values: Readonly<Record<string, unknown>>;
  readonly help: boolean;
}

function integer(flag: string, text: string, min: number): number {
  const v = Number(text);
  if (!/^[+-]?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min) {
    throw new UsageError(`${flag} must be an integer ≥ ${min}, but got '${text}'.`);
  }
  return v;
}

function parseValue(flag: string, type: Exclude<FlagType, { type: 'switch' }>, text: string): unknown {
  switch (type.type) {
    case 'choice':
      if (!type.values.includes(text)) throw new UsageError(`${flag} must be one of ${type.values.join(', ')}, but got '${text}'.`);
      return text;
    case 'list': {
      const items = text.split(',').map((s) => s.trim());
      const bad = items.filter((s) => !type.values.includes(s));
      if (text.trim() === '' || bad.length > 0) {
        throw new UsageError(`${flag} must be a comma-separated list of ${type.values.join(', ')}, but got '${text}'.`);
      }
      return [...new Set(items)];
    }
    case 'integer':
      return integer(flag, text, type.min);
    case 'positive': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new UsageError(`${flag} must be a number > 0, but got '${text}'.`);
      return v;
    }
    case 'path':
      if (text === '') throw new UsageError(`${flag} needs ${type.what}, but got an empty string.`);
      return text;
  }
}

/**
 * Parses `argv` against `specs` with Node's `util.parseArgs` (its tokens, so that every mistake
 * gets this app's message); throws a {@link UsageError} naming the flag on a mistake (an unknown
 * flag, a missing or bad value, a flag given twice, a bare word).
 * @example
 * parseFlags(['--epochs=2', '--jit'], {
 *   '--epochs': { key: 'epochs', type: 'integer', min: 1 },
 *   '--jit': { key: 'jit', type: 'switch' },
 * }).values; // { epochs: 2, jit: true }
 */
export function parseFlags(argv: readonly string[], specs: FlagSpecs): ParsedFlags {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [flag, spec] of Object.entries(specs)) options[flag.slice(2)] = { type: spec.type === 'switch' ? 'boolean' : 'string' };
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, unknown> = {};
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`Unexpected argument '${token.value}': options are given as --name value.`);
    // A short option not -h is reported as written (`-epochs`, not the `-e` parseArgs splits off).
    const flag = token.kind === 'option-terminator' || !token.rawName.startsWith('--') ? (argv[token.index] as string) : token.rawName;
    const spec = token.kind === 'option' && Object.hasOwn(specs, flag) ? specs[flag] : undefined;
    if (token.kind === 'option' && token.name === 'help' && token.value === undefined) help = true;
    // A switch takes no value, so `--jit=yes` is not the switch.
    else if (!spec || token.kind !== 'option' || (spec.type === 'switch' && token.inlineValue))
      throw new UsageError(`Unknown option '${flag}'.`);
    else if (spec.key in values) throw new UsageError(`${flag} is given twice.`);
    else if (spec.type === 'switch') values[spec.key] = true;
    else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--')))
      throw new UsageError(`${flag} needs a value.`);
    else values[spec.key] = parseValue(flag, spec, token.value);
  }
  return { values, help };
}

/**
 * A command's usage, for {@link commandArgs}: its name (for error lines), flags, defaults and help.
 * @example
 * const usage: CommandUsage<{ steps: number }> = { name: 'bench', specs, defaults: { steps: 10 }, help: BENCH_HELP };
 */
export interface CommandUsage<T> {
  readonly name: string;
  readonly specs: FlagSpecs;
  readonly defaults: T;
  readonly help: string;
}

/**
 * The arguments of a command, or its exit status when it should stop here: 0 after printing the
 * help that `-h`/`--help` asked for, 2 after printing a {@link UsageError} with the help.
 * @example
 * const args = commandArgs(argv, usage, streams);
 * if (typeof args === 'number') return args;
 */
export function commandArgs<T extends object>(
  argv: readonly string[],
  usage: CommandUsage<T>,
  streams: { readonly stdout: { write(text: string): unknown }; readonly stderr: { write(text: string): unknown } },
): T | number {
  try {
    const { values, help } = parseFlags(argv, usage.specs);
    if (help) {
      streams.stdout.write(`${usage.help}\n`);
      return 0;
    }
    return { ...usage.defaults, ...values } as T;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    streams.stderr.write(`${usage.name}: ${e.message}\n\n${usage.help}\n`);
    return 2;
  }
}
