/**
 * Lets the dev server (`vite`) load package files that import Node built-ins for code paths the
 * page never takes: @mindts/datasets' MNIST file reader (the page gets its digits from
 * digitsPlugin); @mindts/checkpoint and the datasets' word list need none, their `browser`
 * conditions leave file I/O out. A production build drops that code (the packages are side-effect free), but the dev server runs every module as is, and Vite's
 * stand-in for a built-in throws as soon as a named import is read. Here, in those files only,
 * each built-in becomes a module whose functions throw, with the reason, only when called.
 */
import type { Plugin } from 'vite';

/** The package files whose Node-only imports are expected (paths from the workspace root). */
export const NODE_ONLY_FILES: readonly string[] = ['/packages/datasets/src/mnistFiles.ts'];

const PREFIX = '\0mindts-node-only:';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The plugin (dev server only).
 * @example
 * export default defineConfig({ plugins: [nodeOnlyStubs()] });
 */
export function nodeOnlyStubs(files: readonly string[] = NODE_ONLY_FILES): Plugin {
  return {
    name: 'mindts:node-only-stubs',
    apply: 'serve',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!id.startsWith('node:') || !importer) return undefined;
      const file = importer.split('?')[0] as string;
      return files.some((f) => file.endsWith(f)) ? `${PREFIX}${id}` : undefined;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return undefined;
      const specifier = id.slice(PREFIX.length);
      // The same export names as Node's module, so every named import resolves.
      const names = Object.keys((await import(specifier)) as object).filter((n) => n !== 'default' && IDENTIFIER.test(n));
      const reason = `${specifier} is Node-only: the playground page never calls it (it runs in a browser)`;
      return [
        `const fail = (name) => () => { throw new Error(${JSON.stringify(reason)} + ', but ' + name + ' was called.'); };`,
        ...names.map((n) => `export const ${n} = fail(${JSON.stringify(n)});`),
        `export default { ${names.join(', ')} };`,
      ].join('\n');
    },
  };
}
