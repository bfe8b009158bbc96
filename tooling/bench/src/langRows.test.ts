import { cpuKernels } from '@mindts/backend-cpu';
import { wasmKernels } from '@mindts/backend-wasm';
import { WORD_VOCABULARY } from '@mindts/datasets';
import { GPT_CONFIG } from '@mindts/example/train/languageModels';
import { memory, setSeed, type Tensor } from '@mindts/tensor';
import { describe, expect, it } from 'vitest';
import { generateCached, generateCachedAsync, generateUncached, generationNet } from './gptGeneration.js';
import { mindtsGptParts, tfjsGptParts, wordBatch } from './gptStep.js';
import { langGenerationRow, langTrainRow } from './langRows.js';
import { setupMindts, useMindtsBackend } from './mindtsCases.js';
import { checkAgreement } from './seqRows.js';
import { setupTfjs, useTfjsBackend } from './tfjsCases.js';

const MODEL = { ...GPT_CONFIG, contextLength: 5, dModel: 8, nhead: 2, numLayers: 2 };
const TRAIN = { label: 'tiny GPT', model: MODEL, batch: 3, lr: 1e-2, warmup: 0, runs: 1 };
const GENERATE = { label: 'tiny generation', model: MODEL, batch: 3, warmup: 0, runs: 1 };

async function use(side: 'cpu' | 'wasm') {
  await setupMindts();
  await setupTfjs();
  await useMindtsBackend(side);
  await useTfjsBackend(side);
}

describe('the language-model rows', () => {
  for (const side of ['cpu', 'wasm'] as const) {
    const primitives = Object.keys(side === 'cpu' ? cpuKernels : wasmKernels);

    it(`${side}: the GPT step starts from the same loss on mindts (eager, jitted) and in tfjs ops, and the row reports tokens/s`, async () => {
      await use(side);
      const row = langTrainRow(TRAIN, primitives);
      expect(row.tokensPerStep).toBe(15);
      expect(row.eagerTokens).toBeCloseTo((15 * 1000) / row.eagerMs, 6);
      expect(row.vsEager).toBeCloseTo(row.tfjsMs / row.eagerMs, 10);
      expect(row.vsJit).toBeCloseTo(row.tfjsMs / row.jitMs, 10);
      // Cross-entropy of an untrained net over 28 tokens: near log 28.
      expect(row.firstLoss[0]).toBeGreaterThan(2.5);
      expect(row.firstLoss[0]).toBeLessThan(4.5);
      expect(row.firstLoss[1]).toBeCloseTo(row.firstLoss[0], 4);
      expect(row.profile.byPrimitive.find((k) => k.primitive === 'MatMul')?.calls).toBeGreaterThan(5);
    });

    it(`${side}: generation with the key/value cache gives the tokens and logits of re-encoding, and the row times both`, async () => {
      await use(side);
      setSeed(5);
      const net = generationNet(MODEL);
      const cached = generateCached(net, 3);
      const uncached = generateUncached((ids) => net.call(ids) as Tensor, 3, MODEL.contextLength);
      expect(Array.from(cached.tokens)).toEqual(Array.from(uncached.tokens));
      expect(cached.tokens.filter((_, i) => i % MODEL.contextLength === 0)).toEqual(Int32Array.of(0, 0, 0).fill(WORD_VOCABULARY.start));
      expect(cached.lastLogits).toHaveLength(3 * MODEL.vocabSize);
      cached.lastLogits.forEach((v, i) => {
        expect(v).toBeCloseTo(uncached.lastLogits[i] as number, 4);
      });
      const viaAsync = await generateCachedAsync(net, 3);
      expect(viaAsync.tokens).toEqual(cached.tokens);
      expect(viaAsync.lastLogits).toEqual(cached.lastLogits);
      const before = memory().numTensors;
      generateCached(net, 3);
      expect(memory().numTensors).toBe(before);
      net.dispose();
      const row = langGenerationRow(GENERATE, primitives);
      expect(row.tokensPerRun).toBe(15);
      expect(row.cacheSpeedup).toBeCloseTo(row.uncachedMs / row.cachedMs, 10);
      expect(row.cachedTokens).toBeCloseTo((15 * 1000) / row.cachedMs, 6);
      expect(row.cachedProfile.byPrimitive.length).toBeGreaterThan(0);
    });
  }

  it('refuses to time a tfjs GPT built from other initial weights', async () => {
    await use('cpu');
    const data = wordBatch(TRAIN);
    const eager = mindtsGptParts(TRAIN, false, data);
    const other = mindtsGptParts(TRAIN, false, data, 8);
    const sides = { eager, forJit: mindtsGptParts(TRAIN, false, data), tfjs: tfjsGptParts(TRAIN, other.net, data) };
    other.dispose();
    expect(() => checkAgreement('tiny GPT', sides, () => sides.forJit.step())).toThrow(/tiny GPT: step 1 losses disagree/);
    for (const s of Object.values(sides)) s.dispose();
  });
});
