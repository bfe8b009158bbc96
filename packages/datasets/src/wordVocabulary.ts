/**
 * The character vocabulary of {@link loadWords}: a start token, an end token and the letters a–z.
 */

/**
 * Token ids of words: `start` (id 0, shown `^`) begins every word, `end` (id 1, shown `$`) ends
 * it, and the letters `a`–`z` are ids 2–27.
 * @example
 * WORD_VOCABULARY.encode('cat'); // [0, 4, 2, 21, 1]
 * WORD_VOCABULARY.decode([4, 2, 21]); // 'cat'
 */
export interface WordVocabulary {
  /** The tokens by id: `['^', '$', 'a', …, 'z']`. */
  readonly tokens: readonly string[];
  /** How many tokens: 28. */
  readonly size: number;
  readonly start: number;
  readonly end: number;
  /** `[start, …letters, end]`; throws on a character outside a–z. */
  encode(word: string): number[];
  /** The letters of `ids` (start, end and anything not a letter id are left out). */
  decode(ids: Iterable<number>): string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const FIRST_LETTER = 2;

/**
 * The vocabulary every word model here uses (see {@link WordVocabulary}).
 * @example
 * new nn.Embedding(WORD_VOCABULARY.size, 64);
 */
export const WORD_VOCABULARY: WordVocabulary = Object.freeze({
  tokens: Object.freeze(['^', '$', ...LETTERS]),
  size: LETTERS.length + FIRST_LETTER,
  start: 0,
  end: 1,
  encode(word: string): number[] {
    const ids = [0];
    for (const ch of word) {
      const i = LETTERS.indexOf(ch);
      if (i < 0 || ch.length !== 1)
        throw new RangeError(`WORD_VOCABULARY.encode: the word must hold only a–z, but got ${JSON.stringify(word)}.`);
      ids.push(i + FIRST_LETTER);
    }
    ids.push(1);
    return ids;
  },
  decode(ids: Iterable<number>): string {
    let s = '';
    for (const id of ids)
      if (Number.isInteger(id) && id >= FIRST_LETTER && id < FIRST_LETTER + LETTERS.length) s += LETTERS[id - FIRST_LETTER];
    return s;
  },
});
