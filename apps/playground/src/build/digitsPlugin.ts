/**
 * A Vite plugin that gives the page its MNIST digits: `import digitsUrl from 'virtual:mnist-digits'`
 * is the URL of a binary file (digitsAsset.ts) made from `@mindts/datasets` when the page is built
 * (an asset in dist/) or served (`vite` dev); see assetPlugin.ts.
 */
import type { Plugin } from 'vite';
import { assetPlugin, runAtBuild } from './assetPlugin.js';
import type { DigitCounts } from './digitsFromPackage.js';

/** The module id the page imports. */
export const DIGITS_MODULE = 'virtual:mnist-digits';

/** Default counts: enough digits to train to ~90 % in a minute, 2.4 MB to fetch. */
export const DEFAULT_DIGIT_COUNTS: DigitCounts = { train: 2500, test: 500, seed: 1 };

async function buildDigits(counts: DigitCounts): Promise<Uint8Array> {
  const module = await runAtBuild<typeof import('./digitsFromPackage.js')>(new URL('./digitsFromPackage.ts', import.meta.url));
  return module.digitsFromPackage(counts);
}

/**
 * The plugin; `counts` picks how many digits of each split the page gets. `make` builds the file
 * (by default in Vite's module runner, which compiles the packages' TypeScript sources; a vitest
 * worker, whose module loader already does, passes `digitsFromPackage` itself).
 * @example
 * export default defineConfig({ plugins: [digitsPlugin({ train: 1000, test: 200, seed: 1 })] });
 */
export function digitsPlugin(
  counts: DigitCounts = DEFAULT_DIGIT_COUNTS,
  make: (counts: DigitCounts) => Promise<Uint8Array> = buildDigits,
): Plugin {
  for (const key of ['train', 'test'] as const) {
    if (!(Number.isInteger(counts[key]) && counts[key] > 0)) {
      throw new RangeError(`digitsPlugin: counts.${key} must be a positive integer, but got ${String(counts[key])}.`);
    }
  }
  if (!Number.isInteger(counts.seed)) throw new TypeError(`digitsPlugin: counts.seed must be an integer, but got ${String(counts.seed)}.`);
  // Parsing the package's 21 MB of JSON takes a second: made once per build or dev server.
  return assetPlugin({ module: DIGITS_MODULE, fileName: 'mnist-digits.bin', make: () => make(counts) });
}
