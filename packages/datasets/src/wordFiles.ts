/**
 * `englishWords`: the word list of the npm package `an-array-of-english-words`. Which
 * implementation runs is chosen by the package's `#wordFiles` import conditions: `node` reads the
 * package's file (nodeWordFiles.ts); `browser` and `default` get browserWordFiles.ts, which has no
 * file system and says what to pass instead, so browser bundles never import `node:fs`.
 */
import { platformEnglishWords } from '#wordFiles';

/**
 * Every word of `an-array-of-english-words` (274,937 lower-case words, a–z only), in the package's
 * (alphabetical) order, read from the installed package (Node.js; nothing is downloaded). In a
 * browser build it throws: pass the list your page embedded as `loadWords`' `wordList` instead.
 * @example
 * englishWords().length; // 274937
 * englishWords()[0]; // 'a'
 */
export function englishWords(): readonly string[] {
  return platformEnglishWords();
}
