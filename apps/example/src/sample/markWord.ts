/**
 * How a generated word is marked against the word list: a real English word held out of
 * training, another real English word, or a new word. Free of Node.js, so the browser playground
 * marks its samples with it too.
 */

/**
 * The mark of `word`: 'real, held out' when it is in `heldOut`, 'real' when it is in `english`,
 * else 'new'.
 * @example
 * markWord('cat', english, heldOut); // 'real'
 */
export function markWord(word: string, english: ReadonlySet<string>, heldOut: ReadonlySet<string>): 'real, held out' | 'real' | 'new' {
  if (heldOut.has(word)) return 'real, held out';
  return english.has(word) ? 'real' : 'new';
}
