/**
 * The one options checker every public constructor and function uses: an options object must be
 * an object (or absent), and a key it does not know is an error naming the key and, where one is
 * close, the right one — Python's `TypeError: unexpected keyword argument`, written once.
 */

/**
 * Every key of `T`, each mapped to `true`: listing a key twice or forgetting one is a compile error.
 * @example
 * interface RandnOptions { dtype?: DType; seed?: number; mean?: number; stddev?: number }
 * const RANDN_KEYS: OptionKeys<RandnOptions> = { dtype: true, seed: true, mean: true, stddev: true };
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * What a value is, for error messages: `null`, `Array`, a class name, or `typeof`.
 * @example
 * describeType(new Float32Array(2)); // 'Float32Array'
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'Array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'Object';
  return typeof value;
}

/** A value shown in an error: strings quoted, numbers and booleans as written, else its kind. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return describeType(value);
}

/** `has_bias` → `hasBias`. */
function camel(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Edit distance, for suggestions (keys are short). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The known key `key` most likely meant (its camelCase form, a case change or a near spelling). */
function suggest(key: string, known: readonly string[]): string | undefined {
  const c = camel(key);
  const exact = known.find((k) => k === c || k.toLowerCase() === c.toLowerCase());
  if (exact) return exact;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(c.length / 3)) + 1;
  for (const k of known) {
    const d = distance(c.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/**
 * Checks an options argument of `where` (a class or function name): `undefined` gives `{}`; a
 * non-object (`null`, a string, an array, a Tensor-like class instance is allowed) is a TypeError;
 * a key not in `keys` is a TypeError naming it and the key it most likely meant. Returns the
 * options typed as `T`. Keys whose value is `undefined` are checked too: a misspelt key is never
 * silently ignored.
 * @example
 * interface DenseOptions { hasBias?: boolean; dtype?: DType }
 * const DENSE_KEYS: OptionKeys<DenseOptions> = { hasBias: true, dtype: true };
 * checkOptions<DenseOptions>({ has_bias: false }, 'Dense', DENSE_KEYS);
 * // TypeError: unknown option 'has_bias' for Dense; did you mean 'hasBias'? (known: hasBias, dtype)
 */
export function checkOptions<T extends object>(options: unknown, where: string, keys: OptionKeys<T>): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`For '${where}', the options must be an object or undefined, but got ${showValue(options)}.`);
  }
  if (keys === null || typeof keys !== 'object')
    throw new TypeError(`checkOptions: keys must be an object of known keys, but got ${showValue(keys)}.`);
  const known = Object.keys(keys);
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(keys, key)) continue;
    const hint = suggest(key, known);
    const list = known.length ? known.join(', ') : 'none';
    throw new TypeError(`unknown option '${key}' for ${where}${hint ? `; did you mean '${hint}'?` : ''} (known: ${list})`);
  }
  return options as T;
}

/**
 * Refuses arguments past the last one `where` takes (`fn(a, b, extra)` in JavaScript).
 * @example
 * checkArity(arguments.length, 2, 'flatten'); // throws when called with 3 arguments
 */
export function checkArity(received: number, max: number, where: string): void {
  if (typeof received !== 'number' || typeof max !== 'number' || typeof where !== 'string') {
    throw new TypeError(
      `checkArity takes (received: number, max: number, where: string), but got (${showValue(received)}, ${showValue(max)}, ${showValue(where)}).`,
    );
  }
  if (received > max) {
    throw new TypeError(`${where} takes at most ${max} argument${max === 1 ? '' : 's'}, but got ${received}.`);
  }
}
