import { englishWords } from '@mindts/datasets';
import { describe, expect, it } from 'vitest';
import { decodeWordList, encodeWordList } from './wordListAsset.js';

describe('the word list asset', () => {
  it('round-trips the whole package list at about a third of its JSON', () => {
    const all = englishWords();
    const text = encodeWordList(all);
    expect(decodeWordList(text)).toEqual(all);
    expect(text.length).toBeLessThan(JSON.stringify(all).length / 2.5);
  });

  it('keeps words that share more than 35 letters and single letters', () => {
    const long = 'a'.repeat(40);
    const words = ['a', long, `${long}b`, `${long}bc`, 'b'];
    expect(encodeWordList(['cat', 'cats', 'dog'])).toBe('mindts-words 1 3\n0cat3s0dog');
    expect(decodeWordList(encodeWordList(words))).toEqual(words);
  });

  it('refuses what it cannot hold or read, naming it', () => {
    expect(() => encodeWordList(['cat', 'Dog'])).toThrow('words[1] must be a lower-case word (a–z only), but got "Dog"');
    expect(() => decodeWordList('hello')).toThrow('not a word list (it starts "hello", expected \'mindts-words 1 <count>\')');
    expect(() => decodeWordList('mindts-words 1 2\n0cat')).toThrow('the header says 2 words, but the list holds 1');
    expect(() => decodeWordList('mindts-words 1 2\n0cat9s')).toThrow('damaged at character 21 (word 2)');
  });
});
