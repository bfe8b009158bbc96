import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memory } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../cli/backends.js';
import { bigramLoss, bits, fitBigram } from './bigram.js';
import { Progress } from './progress.js';
import { train } from './trainer.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-words-'));

// The app's default backend: the WebAssembly kernels keep these runs to seconds.
beforeAll(async () => {
  await useBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bigram baseline', () => {
  it('counts pairs with add-one smoothing and scores the labelled positions only', () => {
    // Tokens 0..2; pairs (0→2) twice, (2→1) once.
    const bigram = fitBigram([0, 0, 2, 1], [2, 2, 1, -100], 3);
    expect(Math.exp(bigram.logProb[0 * 3 + 2] as number)).toBeCloseTo(3 / 5, 10);
    expect(Math.exp(bigram.logProb[2 * 3 + 1] as number)).toBeCloseTo(2 / 4, 10);
    expect(Math.exp(bigram.logProb[1 * 3 + 0] as number)).toBeCloseTo(1 / 3, 10);
    expect(bigramLoss(bigram, [0, 2, 1], [2, 1, -100])).toBeCloseTo(-(Math.log(3 / 5) + Math.log(2 / 4)) / 2, 10);
    expect(bits(Math.LN2)).toBe(1);
  });
});

describe('training the language models', () => {
  const base = { batchSize: 32, lr: 1e-2, limit: 64, testLimit: 32, seed: 2 };

  it('the LSTM lowers its loss from log 28 and reports the bigram baseline, leaking nothing', async () => {
    const before = memory().numTensors;
    const result = await train({ ...base, limit: 128, testLimit: 64, model: 'lstm', epochs: 2 });
    expect(result.trainImages).toBe(128);
    expect(result.testImages).toBe(64);
    expect(result.baseline).toBeGreaterThan(2);
    expect(result.baseline).toBeLessThan(Math.log(28));
    const [first, second] = result.epochs;
    expect(first?.trainLoss).toBeLessThan(Math.log(28));
    expect(second?.testLoss).toBeLessThan(first?.testLoss ?? 0);
    result.net.dispose();
    expect(memory().numTensors).toBe(before);
  }, 120_000);

  it('--resume after an interrupted GPT run repeats the uninterrupted run: weights, AdamW state and schedule', async () => {
    const whole = await train({ ...base, model: 'gpt', epochs: 2, checkpoint: join(dir, 'whole.ckpt') });
    // Interrupted once the first epoch's checkpoint is written.
    const stop = new Progress({
      write: (t: string) => {
        if (t.startsWith('epoch 1/2:')) throw new Error('interrupted');
      },
    });
    await expect(train({ ...base, model: 'gpt', epochs: 2, checkpoint: join(dir, 'part.ckpt'), progress: stop })).rejects.toThrow(
      'interrupted',
    );
    const resumed = await train({ ...base, model: 'gpt', epochs: 2, checkpoint: join(dir, 'part.ckpt'), resume: true });
    expect(resumed.stepLosses).toEqual(whole.stepLosses);
    expect(resumed.epochs.map((e) => e.testLoss)).toEqual(whole.epochs.map((e) => e.testLoss));
    whole.net.dispose();
    resumed.net.dispose();
    await expect(train({ ...base, model: 'lstm', epochs: 2, checkpoint: join(dir, 'part.ckpt'), resume: true })).rejects.toThrow(
      /should have the same shape/,
    );
  }, 180_000);

  it('--jit trains the GPT with the eager loss curve', async () => {
    const eager = await train({ ...base, model: 'gpt', epochs: 1 });
    const jitted = await train({ ...base, model: 'gpt', epochs: 1, jit: true });
    expect(jitted.stepLosses).toHaveLength(2);
    jitted.stepLosses.forEach(([x, y], i) => {
      expect(x).toBe(eager.stepLosses[i]?.[0]);
      expect(y).toBeCloseTo(eager.stepLosses[i]?.[1] ?? 0, 4);
    });
    eager.net.dispose();
    jitted.net.dispose();
  }, 120_000);
});
