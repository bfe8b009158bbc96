import { cpu } from '@mindts/backend-cpu';
import { WORD_VOCABULARY } from '@mindts/datasets';
import { fromValues, listBackends, memory, registerBackend, setSeed, type Tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CharGPT, CharLSTM } from '../train/languageModels.js';
import { generateWords } from './generate.js';
import { incrementalDecoder } from './incrementalDecoder.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const V = WORD_VOCABULARY.size;
const models = [
  ['CharGPT (key/value cache)', () => new CharGPT({ vocabSize: V, contextLength: 8, dModel: 16, nhead: 2, numLayers: 2, dropout: 0 })],
  ['CharLSTM (carried state)', () => new CharLSTM(V, 8, 16)],
] as const;

describe('incrementalDecoder', () => {
  for (const [name, make] of models) {
    it(`${name}: one position at a time gives the logits of the whole context, and frees its state`, () => {
      setSeed(3);
      const net = make();
      net.setTrain(false);
      const rows = [
        [0, 4, 2, 21, 1, 1],
        [0, 9, 10, 11, 12, 13],
      ];
      const full = net.call(fromValues(Int32Array.from(rows.flat()), [2, 6], 'int32')) as Tensor;
      const expected = full.dataSync();
      const before = memory().numTensors;
      const decoder = incrementalDecoder(net, 2);
      if (!decoder) throw new Error('no decoder');
      for (let t = 0; t < 6; t++) {
        const logits = decoder.next(Int32Array.from(rows, (r) => r[t] as number));
        for (let b = 0; b < 2; b++) {
          for (let c = 0; c < V; c++) expect(logits[b * V + c]).toBeCloseTo(expected[(b * 6 + t) * V + c] as number, 4);
        }
      }
      decoder.dispose();
      expect(memory().numTensors).toBe(before);
      full.dispose();
      net.dispose();
    });
  }

  it('the jitted GPT step gives the eager logits, again after reset() and through nextAsync, and frees its state', async () => {
    setSeed(3);
    const net = models[0][1]();
    net.setTrain(false);
    const feed = (decoder: ReturnType<typeof incrementalDecoder>) =>
      [0, 4, 2, 21, 1].map((id) => Array.from(decoder?.next(Int32Array.of(id, (id + 3) % V)) ?? []));
    const eager = incrementalDecoder(net, 2);
    const expected = feed(eager);
    eager?.dispose();
    const before = memory().numTensors;
    const jitted = incrementalDecoder(net, 2, { jit: true });
    const got = feed(jitted);
    jitted?.reset();
    expect(feed(jitted)).toEqual(got);
    // nextAsync reads the same logits with await data().
    jitted?.reset();
    const first = await jitted?.nextAsync(Int32Array.of(0, 3));
    expect(Array.from(first ?? [])).toEqual(got[0]);
    jitted?.dispose();
    expect(memory().numTensors).toBe(before);
    got.forEach((row, t) => {
      expect(row).toHaveLength(2 * V);
      row.forEach((v, c) => {
        expect(v).toBeCloseTo(expected[t]?.[c] as number, 4);
      });
    });
    net.dispose();
  });

  it('generateWords draws the same words with the cache as by re-encoding', () => {
    for (const [, make] of models) {
      setSeed(4);
      const net = make();
      const options = { count: 5, temperature: 1, topK: null, seed: 9, prefix: 'st', contextLength: 8 };
      expect(generateWords(net, options)).toEqual(generateWords(net, { ...options, cache: false }));
      net.dispose();
    }
  });

  it('the GPT cache stops at the context length', () => {
    const net = new CharGPT({ vocabSize: V, contextLength: 2, dModel: 8, nhead: 2, numLayers: 1, dropout: 0 });
    const decoder = incrementalDecoder(net, 1);
    decoder?.next(Int32Array.of(0));
    decoder?.next(Int32Array.of(2));
    expect(() => decoder?.next(Int32Array.of(3))).toThrow('The GPT takes at most 2 positions, but got a token for position 2.');
    decoder?.dispose();
    net.dispose();
  });
});
