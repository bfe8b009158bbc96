/**
 * A Vite plugin that gives the page its MNIST digits: `import digitsUrl from 'virtual:mnist-digits'`
 * is the URL of a binary file (digitsAsset.ts) made from `@mindts/datasets` when the page is built
 * (an asset in dist/) or served (`vite` dev). Nothing is downloaded from elsewhere: the page
 * fetches the file from its own origin.
 */
import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';
import type { DigitCounts } from './digitsFromPackage.js';

/** The module id the page imports. */
export const DIGITS_MODULE = 'virtual:mnist-digits';
const RESOLVED = `\0${DIGITS_MODULE}`;
const DEV_PATH = '/@mindts/mnist-digits.bin';

// The workspace packages' TypeScript sources, as the page bundle and vitest use them, so the
// build reads no stale dist/. `node` first: @mindts/datasets reads its files with node:fs.
const CONDITIONS = ['@mindts/source', 'node', 'import', 'module', 'default'];

/** Default counts: enough digits to train to ~90 % in a minute, 2.4 MB to fetch. */
export const DEFAULT_DIGIT_COUNTS: DigitCounts = { train: 2500, test: 500, seed: 1 };

async function buildDigits(counts: DigitCounts): Promise<Uint8Array> {
  const entry = fileURLToPath(new URL('./digitsFromPackage.ts', import.meta.url));
  const { module } = await runnerImport<typeof import('./digitsFromPackage.js')>(entry, {
    configFile: false,
    logLevel: 'warn',
    resolve: { conditions: CONDITIONS },
    ssr: { resolve: { conditions: CONDITIONS, externalConditions: CONDITIONS } },
  });
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
  // Made once per build or dev server: parsing the package's 21 MB of JSON takes a second.
  let bytes: Promise<Uint8Array> | undefined;
  const digits = () => (bytes ??= make(counts));
  let base = '/';
  let serving = false;
  return {
    name: 'mindts:mnist-digits',
    configResolved(config) {
      base = config.base;
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === DIGITS_MODULE ? RESOLVED : undefined;
    },
    async load(id) {
      if (id !== RESOLVED) return undefined;
      if (serving) return `export default ${JSON.stringify(base.replace(/\/$/, '') + DEV_PATH)};`;
      const ref = this.emitFile({ type: 'asset', name: 'mnist-digits.bin', source: await digits() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(DEV_PATH, (_req, res, next) => {
        digits().then((b) => {
          res.setHeader('Content-Type', 'application/octet-stream');
          res.end(b);
        }, next);
      });
    },
  };
}
