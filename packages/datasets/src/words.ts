/**
 * Real English words from the npm package `an-array-of-english-words`, as fixed-length contexts
 * for a character-level language model, with a deterministic held-out split: every tenth word of
 * the (alphabetical) list is held out, the rest is the training set.
 */
import { checkOptions, describeType, fromValues, type OptionKeys, Tensor } from '@mindts/tensor';
import { type BatchOptions, batches } from './batches.js';
import { permutation } from './random.js';
import { englishWords } from './wordFiles.js';
import { WORD_VOCABULARY } from './wordVocabulary.js';

/**
 * Which words: the training words or the held-out words.
 * @example
 * const split: WordsSplit = 'test';
 */
export type WordsSplit = 'train' | 'test';

/**
 * Options of {@link loadWords}.
 * @example
 * loadWords({ split: 'train', limit: 20_000, seed: 1, contextLength: 16 });
 */
export interface LoadWordsOptions {
  /** 'train' (default) or 'test'. */
  split?: WordsSplit;
  /** At most this many words (a positive integer); the whole split when left out or larger. */
  limit?: number;
  /** Seeds the order of the words (default 0); one seed gives one order on every run. */
  seed?: number;
  /** Tokens per context, ≥ 2 (default 16): words of up to `contextLength − 1` letters are kept. */
  contextLength?: number;
  /**
   * The list to split and draw from instead of the package's: what a browser page passes (it has
   * no file system), e.g. the list it embedded at build time. Lower-case a–z words; every tenth is
   * held out, so the package's list in its order gives the splits of Node.js.
   */
  wordList?: readonly string[];
}

/**
 * The label of a position past a word's end: {@link WORDS_IGNORE_INDEX}, MindSpore's and
 * PyTorch's default `ignore_index`, so `nn.CrossEntropyLoss()` leaves those positions out.
 * @example
 * new nn.CrossEntropyLoss({ ignoreIndex: WORDS_IGNORE_INDEX });
 */
export const WORDS_IGNORE_INDEX = -100;

/**
 * Every `WORDS_TEST_EVERY`-th word of the alphabetical list (the 10th, 20th, …) is held out.
 * @example
 * Math.floor(274_937 / WORDS_TEST_EVERY); // 27,493 held-out words before the length filter
 */
export const WORDS_TEST_EVERY = 10;

/**
 * Words as contexts: `inputs` int32 `[n, contextLength]` holds each word as
 * `[start, letters…]` padded with `end`; `targets` int32 `[n, contextLength]` holds the next token
 * at each position, `[letters…, end]`, then {@link WORDS_IGNORE_INDEX}. `words[i]` is row `i`.
 * @example
 * const { inputs, targets, words }: Words = loadWords({ limit: 1 });
 */
export interface Words {
  readonly words: readonly string[];
  readonly inputs: Tensor<'int32'>;
  readonly targets: Tensor<'int32'>;
  readonly contextLength: number;
}

/**
 * One mini-batch of {@link wordBatches}: `inputs` and `targets` `[b, contextLength]`, new
 * tensors that live until the next batch is handed out (or the iteration ends).
 * @example
 * for (const { inputs, targets } of wordBatches(words, 64)) step(inputs, targets);
 */
export interface WordBatch {
  readonly inputs: Tensor;
  readonly targets: Tensor;
}

const LOAD_WORDS_KEYS: OptionKeys<LoadWordsOptions> = { split: true, limit: true, seed: true, contextLength: true, wordList: true };

/** A word list given by the caller, checked once per list (a page's list is checked at its first use). */
const checkedLists = new WeakSet<readonly string[]>();

function checkWordList(wordList: unknown, where: string): readonly string[] {
  if (checkedLists.has(wordList as readonly string[])) return wordList as readonly string[];
  if (!Array.isArray(wordList) || wordList.length === 0) {
    throw new TypeError(`${where}: wordList must be a non-empty array of words, but got ${describeType(wordList)}.`);
  }
  const bad = wordList.findIndex((w) => typeof w !== 'string' || !/^[a-z]+$/.test(w));
  if (bad >= 0) {
    throw new RangeError(`${where}: wordList[${bad}] must be a lower-case word (a–z only), but got ${JSON.stringify(wordList[bad])}.`);
  }
  checkedLists.add(wordList);
  return wordList;
}

function checked(options: LoadWordsOptions | undefined): {
  split: WordsSplit;
  limit: number;
  seed: number;
  contextLength: number;
  wordList: readonly string[] | undefined;
} {
  const o = checkOptions<LoadWordsOptions>(options, 'loadWords', LOAD_WORDS_KEYS);
  const { split = 'train', limit = Number.POSITIVE_INFINITY, seed = 0, contextLength = 16 } = o;
  if (split !== 'train' && split !== 'test') {
    throw new RangeError(`loadWords: split must be 'train' or 'test', but got ${JSON.stringify(split)}.`);
  }
  if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit > 0))) {
    throw new RangeError(`loadWords: limit must be a positive integer, but got ${String(limit)}.`);
  }
  if (!Number.isInteger(seed)) throw new TypeError(`loadWords: seed must be an integer, but got ${String(seed)}.`);
  if (!Number.isInteger(contextLength) || contextLength < 2) {
    throw new RangeError(`loadWords: contextLength must be an integer ≥ 2, but got ${String(contextLength)}.`);
  }
  const wordList = o.wordList === undefined ? undefined : checkWordList(o.wordList, 'loadWords');
  return { split, limit, seed, contextLength, wordList };
}

/**
 * The words of `split` that fit a context of `contextLength` (at most `contextLength − 1`
 * letters), in the list's order: of the package's list, or of `wordList` (see
 * {@link LoadWordsOptions.wordList}).
 * @example
 * wordsOfSplit('test', 16).length; // 27,072
 * wordsOfSplit('test', 16, pageWords); // the held-out words of a page's own list
 */
export function wordsOfSplit(split: WordsSplit, contextLength = 16, wordList?: readonly string[]): string[] {
  const list = wordList === undefined ? englishWords() : checkWordList(wordList, 'wordsOfSplit');
  const held = split === 'test';
  return list.filter((w, i) => (i % WORDS_TEST_EVERY === WORDS_TEST_EVERY - 1) === held && w.length < contextLength);
}

/**
 * Loads real English words from the npm package `an-array-of-english-words` (read from disk,
 * nothing downloaded; in a browser, from the `wordList` the page passes): the training split (every word but each tenth) or the held-out split
 * (each tenth), keeping the words that fit `contextLength`, in an order shuffled by `seed`, at most
 * `limit` of them. Tensors are made on the active backend; dispose them when done.
 * @example
 * registerBackend(cpu());
 * const train = loadWords({ limit: 20_000, seed: 1 });
 * train.inputs.shape; // [20000, 16]
 * WORD_VOCABULARY.decode(train.inputs.dataSync().subarray(0, 16)) === train.words[0]; // true
 */
export function loadWords(options?: LoadWordsOptions): Words {
  const { split, limit, seed, contextLength, wordList } = checked(options);
  const all = wordsOfSplit(split, contextLength, wordList);
  const order = permutation(all.length, seed);
  const n = Math.min(limit, all.length);
  const words: string[] = [];
  const inputs = new Int32Array(n * contextLength).fill(WORD_VOCABULARY.end);
  const targets = new Int32Array(n * contextLength).fill(WORDS_IGNORE_INDEX);
  for (let i = 0; i < n; i++) {
    const word = all[order[i] as number] as string;
    const ids = WORD_VOCABULARY.encode(word);
    words.push(word);
    inputs.set(ids.slice(0, -1), i * contextLength);
    targets.set(ids.slice(1), i * contextLength);
  }
  return {
    words,
    contextLength,
    inputs: fromValues(inputs, [n, contextLength], 'int32') as Tensor<'int32'>,
    targets: fromValues(targets, [n, contextLength], 'int32') as Tensor<'int32'>,
  };
}

/**
 * Mini-batches of {@link Words}: `batchSize` rows of `inputs` and `targets` at a time, in order or
 * shuffled by `seed`, with the ownership of {@link batches}: each batch is freed when the next
 * one is handed out and when the iteration ends; `keep()` its tensors to hold them longer.
 * @example
 * for (const { inputs, targets } of wordBatches(loadWords({ limit: 256 }), 64, { shuffle: true, seed: 1 })) {
 *   inputs.shape; // [64, 16]
 * }
 */
export function wordBatches(words: Words, batchSize: number, options: BatchOptions = {}): Generator<WordBatch, void, undefined> {
  if (typeof words !== 'object' || words === null || !(words.inputs instanceof Tensor) || !(words.targets instanceof Tensor)) {
    throw new TypeError(`wordBatches: words must be what loadWords returns ({ inputs, targets, … }), but got ${describeType(words)}.`);
  }
  const inner = batches(words.inputs, words.targets, batchSize, options);
  return (function* () {
    for (const b of inner) yield { inputs: b.images, targets: b.labels };
  })();
}
