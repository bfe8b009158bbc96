import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend } from '@mindts/tensor';
import { isDisposed } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishWords } from './wordFiles.js';
import { loadWords, type WordBatch, WORDS_IGNORE_INDEX, wordBatches, wordsOfSplit } from './words.js';
import { WORD_VOCABULARY } from './wordVocabulary.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('the word list of the npm package an-array-of-english-words', () => {
  it('holds 274,937 lower-case words in alphabetical order', () => {
    const all = englishWords();
    expect(all).toHaveLength(274_937);
    expect(all.slice(0, 3)).toEqual(['a', 'aa', 'aah']);
    expect(all).toContain('transformer');
    expect(all.every((w, i) => i === 0 || (all[i - 1] as string) < w)).toBe(true);
  });
});

describe('WORD_VOCABULARY', () => {
  it('has start, end and a–z, and round-trips a word', () => {
    expect(WORD_VOCABULARY.size).toBe(28);
    expect(WORD_VOCABULARY.tokens.slice(0, 4)).toEqual(['^', '$', 'a', 'b']);
    expect(WORD_VOCABULARY.encode('cat')).toEqual([0, 4, 2, 21, 1]);
    expect(WORD_VOCABULARY.decode(WORD_VOCABULARY.encode('zebra'))).toBe('zebra');
    expect(() => WORD_VOCABULARY.encode('Cat')).toThrow('must hold only a–z, but got "Cat"');
  });
});

describe('loadWords', () => {
  it('holds out every tenth word: the splits never share a word and together are the whole list', () => {
    const train = wordsOfSplit('train', 100);
    const test = wordsOfSplit('test', 100);
    expect(test).toHaveLength(27_493);
    expect(train.length + test.length).toBe(274_937);
    const seen = new Set(train);
    expect(test.filter((w) => seen.has(w))).toEqual([]);
    // Only words that fit the context: up to 15 letters for 16 tokens.
    expect(wordsOfSplit('test').every((w) => w.length <= 15)).toBe(true);
    expect(wordsOfSplit('test')).toHaveLength(27_072);
  });

  it('encodes each word as inputs [start, letters, end…] and targets [letters, end, ignored…]', () => {
    const { words, inputs, targets, contextLength } = loadWords({ split: 'test', limit: 50, seed: 2, contextLength: 12 });
    expect(contextLength).toBe(12);
    expect(inputs.shape).toEqual([50, 12]);
    expect(targets.shape).toEqual([50, 12]);
    expect(inputs.dtype).toBe('int32');
    const x = inputs.dataSync();
    const y = targets.dataSync();
    const held = new Set(wordsOfSplit('test', 12));
    words.forEach((word, i) => {
      expect(held.has(word)).toBe(true);
      const row = Array.from(x.subarray(12 * i, 12 * (i + 1)));
      const next = Array.from(y.subarray(12 * i, 12 * (i + 1)));
      const ids = WORD_VOCABULARY.encode(word);
      expect(row).toEqual([...ids.slice(0, -1), ...new Array(12 - word.length - 1).fill(WORD_VOCABULARY.end)]);
      expect(next).toEqual([...ids.slice(1), ...new Array(12 - word.length - 1).fill(WORDS_IGNORE_INDEX)]);
    });
    inputs.dispose();
    targets.dispose();
  });

  it('is deterministic for a seed, and another seed draws another order', () => {
    const a = loadWords({ limit: 200, seed: 7 });
    const b = loadWords({ limit: 200, seed: 7 });
    const c = loadWords({ limit: 200, seed: 8 });
    expect(b.words).toEqual(a.words);
    expect(Array.from(b.inputs.dataSync())).toEqual(Array.from(a.inputs.dataSync()));
    expect(c.words).not.toEqual(a.words);
    // Shuffled: not the alphabetical order.
    expect([...a.words].sort()).not.toEqual(a.words);
    for (const d of [a, b, c]) {
      d.inputs.dispose();
      d.targets.dispose();
    }
  });

  it('clamps a limit above the split and rejects bad options, naming them', () => {
    const { inputs, targets } = loadWords({ split: 'test', limit: 1_000_000, contextLength: 4 });
    expect(inputs.shape).toEqual([wordsOfSplit('test', 4).length, 4]);
    inputs.dispose();
    targets.dispose();
    expect(() => loadWords({ split: 'valid' as never })).toThrow("split must be 'train' or 'test', but got \"valid\"");
    expect(() => loadWords({ limit: 0 })).toThrow('limit must be a positive integer, but got 0');
    expect(() => loadWords({ seed: 1.5 })).toThrow('seed must be an integer, but got 1.5');
    expect(() => loadWords({ contextLength: 1 })).toThrow('contextLength must be an integer ≥ 2, but got 1');
    expect(() => loadWords({ contextLen: 8 } as never)).toThrow("unknown option 'contextLen' for loadWords; did you mean 'contextLength'?");
  });
});

describe('loadWords with a wordList (what a browser page passes)', () => {
  it('splits and draws from the list given, as it does from the package list', () => {
    const all = englishWords();
    const page = all.slice(0, 2000);
    expect(wordsOfSplit('test', 16, page)).toEqual(wordsOfSplit('test', 16).filter((w) => w < (all[2000] as string)));
    const a = loadWords({ split: 'train', limit: 30, seed: 4, wordList: page });
    expect(a.words.every((w) => page.includes(w) && page.indexOf(w) % 10 !== 9)).toBe(true);
    // The whole list given gives Node.js's words.
    const b = loadWords({ split: 'test', limit: 30, seed: 4, wordList: all });
    const c = loadWords({ split: 'test', limit: 30, seed: 4 });
    expect(b.words).toEqual(c.words);
    for (const d of [a, b, c]) {
      d.inputs.dispose();
      d.targets.dispose();
    }
  });

  it('refuses a list that is not of lower-case words, naming the entry', () => {
    expect(() => loadWords({ wordList: [] })).toThrow('loadWords: wordList must be a non-empty array of words, but got');
    expect(() => loadWords({ wordList: ['cat', 'Dog'] })).toThrow('wordList[1] must be a lower-case word (a–z only), but got "Dog"');
    expect(() => wordsOfSplit('train', 16, ['a', 3 as never])).toThrow('wordsOfSplit: wordList[1] must be a lower-case word');
  });

  it("the browser build's englishWords says to pass a wordList", async () => {
    const { platformEnglishWords } = await import('./browserWordFiles.js');
    expect(() => platformEnglishWords()).toThrow('pass it as loadWords({ wordList })');
  });
});

describe('wordBatches', () => {
  it('yields seeded batches of whole contexts, each row kept with its targets, and owns them', () => {
    const words = loadWords({ limit: 10, seed: 3, contextLength: 8 });
    const before = memory().numTensors;
    const rows = new Map<string, string>();
    const x = words.inputs.dataSync();
    const y = words.targets.dataSync();
    for (let i = 0; i < 10; i++) rows.set(x.subarray(8 * i, 8 * i + 8).join(), y.subarray(8 * i, 8 * i + 8).join());
    const order = (seed: number) => {
      const seen: string[] = [];
      let previous: WordBatch | undefined;
      for (const b of wordBatches(words, 4, { shuffle: true, seed })) {
        if (previous) expect(isDisposed(previous.inputs) && isDisposed(previous.targets)).toBe(true);
        expect(b.inputs.shape[1]).toBe(8);
        expect(memory().numTensors).toBe(before + 2);
        const bx = b.inputs.dataSync();
        const by = b.targets.dataSync();
        for (let r = 0; r < (b.inputs.shape[0] as number); r++) {
          const key = bx.subarray(8 * r, 8 * r + 8).join();
          expect(rows.get(key)).toBe(by.subarray(8 * r, 8 * r + 8).join());
          seen.push(key);
        }
        previous = b;
      }
      return seen;
    };
    const a = order(1);
    expect(new Set(a).size).toBe(10);
    expect(order(1)).toEqual(a);
    expect(order(2)).not.toEqual(a);
    expect(memory().numTensors).toBe(before);
    expect(() => wordBatches(words, 0)).toThrow('batchSize must be a positive integer, but got 0');
    words.inputs.dispose();
    words.targets.dispose();
  });
});
