/**
 * Reads the word list the npm package `an-array-of-english-words` ships (the `node` condition of
 * `#wordFiles` in package.json): `index.json`, one JSON array of 274,937 lower-case English words
 * (a–z only), in alphabetical order. Nothing is downloaded; the file is resolved next to the
 * installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Parsed once for the life of the process. */
let cache: readonly string[] | undefined;

/** Every word of `an-array-of-english-words`, in the package's (alphabetical) order, parsed once. */
export function platformEnglishWords(): readonly string[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const file = require.resolve('an-array-of-english-words');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((w) => typeof w === 'string' && /^[a-z]+$/.test(w))) {
    throw new Error(`${file}: expected a JSON array of lower-case words (a–z), but it holds something else.`);
  }
  cache = Object.freeze(parsed as string[]);
  return cache;
}
