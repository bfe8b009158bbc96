/**
 * Runs at build time in Node (through Vite's module runner, see wordsPlugin.ts): the word list of
 * `@mindts/datasets`, in its order, packed for the page.
 */
import { englishWords } from '@mindts/datasets';
import { encodeWordList } from '../wordListAsset.js';

/**
 * Every word `loadWords` draws from in Node.js, packed by {@link encodeWordList}.
 * @example
 * const text = await wordsFromPackage(); // 'mindts-words 1 274937\n0a1a…'
 */
export async function wordsFromPackage(): Promise<string> {
  return encodeWordList(englishWords());
}
