/**
 * The English words the page trains on and checks samples against, as one small text file built
 * from `@mindts/datasets` at build time (see build/wordsPlugin.ts): the package reads its list
 * with `node:fs`, which a browser has not, so the page fetches this file from its own origin and
 * passes the list to `loadWords({ wordList })`. The whole list is kept (in its order, so the
 * held-out split is Node.js's): the page trains on a seeded subset of a few thousand words, but
 * telling a real word from a new one needs every word.
 *
 * Front coding keeps it to a third of the JSON: after a header line `mindts-words 1 <count>`, each
 * word is one character saying how many leading letters it shares with the previous word (`0`–`9`,
 * then `A`–`Z` for 10–35), then its other letters. Words are lower-case, so the next count
 * character is where a word ends.
 */

const HEADER = 'mindts-words 1';
const COUNTS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Packs words (lower-case a–z) into the page's text format.
 * @example
 * encodeWordList(['cat', 'cats', 'dog']); // 'mindts-words 1 3\n0cat3s0dog'
 */
export function encodeWordList(words: readonly string[]): string {
  let body = '';
  let previous = '';
  words.forEach((word, i) => {
    if (typeof word !== 'string' || !/^[a-z]+$/.test(word)) {
      throw new RangeError(`encodeWordList: words[${i}] must be a lower-case word (a–z only), but got ${JSON.stringify(word)}.`);
    }
    let shared = 0;
    const most = Math.min(word.length - 1, previous.length, COUNTS.length - 1);
    while (shared < most && word[shared] === previous[shared]) shared++;
    body += COUNTS[shared] + word.slice(shared);
    previous = word;
  });
  return `${HEADER} ${words.length}\n${body}`;
}

/**
 * Unpacks the page's word list; throws naming what is wrong when `text` is not such a file.
 * @example
 * decodeWordList('mindts-words 1 3\n0cat3s0dog'); // ['cat', 'cats', 'dog']
 */
export function decodeWordList(text: string): string[] {
  if (typeof text !== 'string') throw new TypeError(`decodeWordList: text must be a string, but got ${typeof text}.`);
  const header = /^mindts-words 1 (\d+)\n/.exec(text.slice(0, 40));
  if (!header) {
    throw new RangeError(`decodeWordList: not a word list (it starts ${JSON.stringify(text.slice(0, 24))}, expected '${HEADER} <count>').`);
  }
  const count = Number(header[1]);
  const words: string[] = [];
  let previous = '';
  let at = header[0].length;
  while (at < text.length) {
    const shared = COUNTS.indexOf(text[at] as string);
    let end = at + 1;
    while (end < text.length && (text[end] as string) >= 'a' && (text[end] as string) <= 'z') end++;
    if (shared < 0 || shared > previous.length || end === at + 1) {
      throw new RangeError(`decodeWordList: the list is damaged at character ${at} (word ${words.length + 1}).`);
    }
    previous = previous.slice(0, shared) + text.slice(at + 1, end);
    words.push(previous);
    at = end;
  }
  if (words.length !== count) throw new RangeError(`decodeWordList: the header says ${count} words, but the list holds ${words.length}.`);
  return words;
}
