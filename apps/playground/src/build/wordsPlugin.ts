/**
 * A Vite plugin that gives the page its English words: `import wordsUrl from 'virtual:english-words'`
 * is the URL of a text file (wordListAsset.ts) made from `@mindts/datasets` when the page is built
 * or served; see assetPlugin.ts.
 */
import type { Plugin } from 'vite';
import { assetPlugin, runAtBuild } from './assetPlugin.js';

/** The module id the page imports. */
export const WORDS_MODULE = 'virtual:english-words';

async function buildWords(): Promise<string> {
  const module = await runAtBuild<typeof import('./wordsFromPackage.js')>(new URL('./wordsFromPackage.ts', import.meta.url));
  return module.wordsFromPackage();
}

/**
 * The plugin; `make` builds the file (by default in Vite's module runner; a vitest worker passes
 * `wordsFromPackage` itself).
 * @example
 * export default defineConfig({ plugins: [wordsPlugin()] });
 */
export function wordsPlugin(make: () => Promise<string> = buildWords): Plugin {
  return assetPlugin({ module: WORDS_MODULE, fileName: 'english-words.txt', make });
}
