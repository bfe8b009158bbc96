import { cpu } from '@mindts/backend-cpu';
import { seededRandom, WORD_VOCABULARY } from '@mindts/datasets';
import { listBackends, memory, registerBackend, setSeed } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CharGPT } from '../train/languageModels.js';
import { drawToken, generateWords, generateWordsAsync } from './generate.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('drawToken', () => {
  it('draws in proportion to softmax(logits / temperature)', () => {
    const random = seededRandom(3);
    const logits = [Math.log(1), Math.log(3), Math.log(6)];
    const counts = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const t = drawToken(logits, 1, null, random);
      counts[t] = (counts[t] as number) + 1;
    }
    expect(counts.map((c) => c / 20_000).map((p) => Number(p.toFixed(1)))).toEqual([0.1, 0.3, 0.6]);
    // A low temperature all but always takes the likeliest token; top-k 1 always does.
    const cold = Array.from({ length: 1000 }, () => drawToken(logits, 0.05, null, random));
    expect(cold.filter((t) => t !== 2).length).toBeLessThan(5);
    expect(new Set(Array.from({ length: 1000 }, () => drawToken(logits, 5, 1, random)))).toEqual(new Set([2]));
    // Top-2 never draws the least likely token.
    expect(Array.from({ length: 2000 }, () => drawToken(logits, 1, 2, random))).not.toContain(0);
  });
});

describe('generateWords', () => {
  it('makes words of a–z that start with the prefix, the same for a seed, leaving no tensors behind', () => {
    setSeed(1);
    const net = new CharGPT({ vocabSize: WORD_VOCABULARY.size, contextLength: 8, dModel: 16, nhead: 2, numLayers: 1, dropout: 0 });
    const options = { count: 6, temperature: 1, topK: null, seed: 5, prefix: 'ca', contextLength: 8 };
    const words = generateWords(net, options);
    // Counted after the first call, which initialises the lazy Parameters.
    const before = memory().numTensors;
    expect(words).toHaveLength(6);
    for (const w of words) expect(w).toMatch(/^ca[a-z]{0,5}$/);
    expect(generateWords(net, options)).toEqual(words);
    expect(generateWords(net, { ...options, seed: 6 })).not.toEqual(words);
    expect(memory().numTensors).toBe(before);
    expect(() => generateWords(net, { ...options, prefix: 'abcdefg' })).toThrow('prefix must have fewer than 7 letters, but got 7');
    net.dispose();
  });

  it('generateWordsAsync (reads with await data()) draws the same words, with and without the cache', async () => {
    setSeed(2);
    const net = new CharGPT({ vocabSize: WORD_VOCABULARY.size, contextLength: 8, dModel: 16, nhead: 2, numLayers: 1, dropout: 0 });
    const options = { count: 5, temperature: 0.9, topK: 6, seed: 3, prefix: 're', contextLength: 8 };
    const words = generateWords(net, options);
    const before = memory().numTensors;
    expect(await generateWordsAsync(net, options)).toEqual(words);
    expect(await generateWordsAsync(net, { ...options, cache: false })).toEqual(words);
    expect(memory().numTensors).toBe(before);
    await expect(generateWordsAsync(net, { ...options, prefix: 'abcdefg' })).rejects.toThrow('prefix must have fewer than 7 letters');
    net.dispose();
  });
});
