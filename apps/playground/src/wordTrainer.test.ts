import { memoryIO } from '@mindts/checkpoint';
import { englishWords } from '@mindts/datasets';
import { memory, setBackend } from '@mindts/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activateBackend, releaseBackendsExcept } from './backendChoice.js';
import { WORD_TRAINER_DEFAULTS, WordTrainer, type WordTrainerOptions } from './wordTrainer.js';

let wordList: readonly string[];
const small: WordTrainerOptions = { ...WORD_TRAINER_DEFAULTS, trainWords: 600, testWords: 100, learningRate: 1e-2 };
const trainers: WordTrainer[] = [];
const make = (o: Partial<WordTrainerOptions> = {}) => {
  const t = new WordTrainer(wordList, { ...small, ...o });
  trainers.push(t);
  return t;
};
const sampling = { count: 6, temperature: 1, topK: null, seed: 3, prefix: 'st' };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  await activateBackend('cpu');
  wordList = englishWords();
});

afterEach(async () => {
  for (const t of trainers.splice(0)) t.dispose();
  await setBackend('cpu');
  releaseBackendsExcept('cpu');
});

describe('WordTrainer', () => {
  it('learns: the loss falls and the held-out loss moves towards the bigram baseline', async () => {
    // On wasm: thirty GPT steps on the reference CPU kernels take half a minute.
    await activateBackend('wasm');
    const trainer = make();
    const start = await trainer.evaluate();
    expect(start).toBeGreaterThan(3); // about ln 28 = 3.33 nats untrained
    for (let i = 0; i < 30; i++) await trainer.trainStep();
    expect(mean(trainer.losses.slice(-5))).toBeLessThan(mean(trainer.losses.slice(0, 5)) - 0.3);
    const after = await trainer.evaluate();
    expect(after).toBeLessThan(start - 0.3);
    expect(trainer.heldOut.map(([s]) => s)).toEqual([0, 30]);
    const baseline = await trainer.bigramBaseline();
    expect(baseline).toBeGreaterThan(2);
    expect(baseline).toBeLessThan(2.8);
    expect(trainer.trainWords).toHaveLength(600);
  });

  it('samples words that start with the prefix, the same for a seed, leaving no tensors behind', async () => {
    const trainer = make({ model: 'lstm' });
    const words = await trainer.sample(sampling);
    const before = memory().numTensors;
    expect(words).toHaveLength(6);
    for (const w of words) expect(w).toMatch(/^st[a-z]*$/);
    expect(await trainer.sample(sampling)).toEqual(words);
    expect(memory().numTensors).toBe(before);
  });

  it('restores weights, AdamW state and history; a new trainer loaded on wasm samples the same words', async () => {
    const trainer = make();
    for (let i = 0; i < 4; i++) await trainer.trainStep();
    await trainer.evaluate();
    const io = memoryIO();
    await trainer.save(io);
    const saved = await trainer.sample(sampling);
    const next = await trainer.trainStep();
    await trainer.load(io);
    expect(trainer.steps).toBe(4);
    expect(trainer.heldOut).toHaveLength(1);
    expect(await trainer.sample(sampling)).toEqual(saved);
    expect(await trainer.trainStep()).toBeCloseTo(next, 6);
    await activateBackend('wasm');
    const moved = make();
    await moved.load(io);
    expect(await moved.sample(sampling)).toEqual(saved);
  });

  it('refuses a checkpoint of the other model, and its options, naming them', async () => {
    const gpt = make();
    const io = memoryIO();
    await gpt.save(io);
    await expect(make({ model: 'lstm' }).load(io)).rejects.toThrow(
      'This checkpoint holds the gpt, not the lstm: pick gpt as the model first.',
    );
    expect(() => make({ model: 'rnn' as never })).toThrow('model must be one of gpt, lstm, but got "rnn"');
    expect(() => make({ batchSize: 0 })).toThrow('batchSize must be an integer in [1, 1024], but got 0');
    expect(() => make({ learningRate: 2 })).toThrow('learningRate must be a number in (0, 1], but got 2');
  });
});
