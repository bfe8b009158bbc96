/**
 * What the page's build-time data plugins share (digitsPlugin.ts, wordsPlugin.ts): a virtual
 * module whose default export is the URL of a file made in Node when the page is built (an asset
 * in dist/) or served (`vite` dev, from a middleware). Nothing is downloaded from elsewhere: the
 * page fetches the file from its own origin.
 */
import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';

// The workspace packages' TypeScript sources, as the page bundle and vitest use them, so the
// build reads no stale dist/. `node` first: @mindts/datasets reads its files with node:fs.
const CONDITIONS = ['@mindts/source', 'node', 'import', 'module', 'default'];

/**
 * Imports a module of this folder in Vite's module runner, which compiles the packages'
 * TypeScript sources (`runnerImport(new URL('./x.ts', import.meta.url))`).
 * @example
 * const { wordsFromPackage } = await runAtBuild<typeof import('./wordsFromPackage.js')>(new URL('./wordsFromPackage.ts', import.meta.url));
 */
export async function runAtBuild<M>(entry: URL): Promise<M> {
  const { module } = await runnerImport<M>(fileURLToPath(entry), {
    configFile: false,
    logLevel: 'warn',
    resolve: { conditions: CONDITIONS },
    ssr: { resolve: { conditions: CONDITIONS, externalConditions: CONDITIONS } },
  });
  return module;
}

/**
 * One build-time file: the module id the page imports, the file's name, and how it is made.
 * @example
 * const spec: AssetSpec = { module: 'virtual:x', fileName: 'x.bin', make: async () => new Uint8Array(1) };
 */
export interface AssetSpec {
  readonly module: string;
  readonly fileName: string;
  /** Made once per build or dev server, on first use. */
  readonly make: () => Promise<Uint8Array | string>;
}

/**
 * The plugin serving `spec`'s file: `import url from '<module>'` gives its URL.
 * @example
 * export default defineConfig({ plugins: [assetPlugin({ module: 'virtual:x', fileName: 'x.bin', make })] });
 */
export function assetPlugin(spec: AssetSpec): Plugin {
  const resolved = `\0${spec.module}`;
  const devPath = `/@mindts/${spec.fileName}`;
  let bytes: Promise<Uint8Array | string> | undefined;
  const file = () => (bytes ??= spec.make());
  let base = '/';
  let serving = false;
  return {
    name: `mindts:${spec.fileName}`,
    configResolved(config) {
      base = config.base;
      serving = config.command === 'serve';
    },
    resolveId(id) {
      return id === spec.module ? resolved : undefined;
    },
    async load(id) {
      if (id !== resolved) return undefined;
      if (serving) return `export default ${JSON.stringify(base.replace(/\/$/, '') + devPath)};`;
      const ref = this.emitFile({ type: 'asset', name: spec.fileName, source: await file() });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use(devPath, (_req, res, next) => {
        file().then((b) => {
          res.setHeader('Content-Type', typeof b === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
          res.end(b);
        }, next);
      });
    },
  };
}
