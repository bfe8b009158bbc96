/**
 * `englishWords` where there is no file system: the `browser` and `default` conditions of
 * `#wordFiles` in package.json, so a browser bundle of @mindts/datasets has no `node:fs` import.
 */

/** Refuses: the package's word file needs Node.js; a page passes its own list to `loadWords`. */
export function platformEnglishWords(): readonly string[] {
  throw new Error(
    "englishWords: the word list of an-array-of-english-words is read from the installed package with Node.js's file system, " +
      "and this is the browser build of @mindts/datasets (the package's 'browser'/'default' export condition). In a browser, " +
      'embed the list (or a subset) in the page and pass it as loadWords({ wordList }) and wordsOfSplit(split, contextLength, wordList).',
  );
}
