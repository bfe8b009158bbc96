import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckpoint, loadParamIntoNet } from '@mindts/checkpoint';
import { nn } from '@mindts/cell';
import { memory } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBackend } from '../cli/backends.js';
import { createModel } from '../train/models.js';
import { runModel, trainWithModel } from './modelCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'mindts-model-'));

beforeAll(async () => {
  await useBackend('wasm');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model command (MindSpore Model API)', () => {
  it('trains the MNIST CNN through Model.train with LossMonitor, TimeMonitor and ModelCheckpoint; Model.eval equals the hand loop', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(String(line)));
    const before = memory().numTensors;
    let result: Awaited<ReturnType<typeof trainWithModel>>;
    try {
      result = await trainWithModel({ model: 'cnn', epochs: 2, batchSize: 32, limit: 640, amp: 'O0', out: dir, testLimit: 500 });
    } finally {
      log.mockRestore();
    }
    // LossMonitor every 5 of the 20 steps of each epoch (MindSpore's line), TimeMonitor per epoch.
    const losses = printed.filter((l) => /^epoch: \d step: \d+, loss is /.test(l));
    expect(losses).toHaveLength(8);
    expect(losses[0]).toMatch(/^epoch: 1 step: 5, loss is \d+\.\d+/);
    expect(printed.filter((l) => /^epoch time: [\d.]+ ms, per step time: [\d.]+ ms$/.test(l))).toHaveLength(2);
    const values = losses.map((l) => Number(l.split('loss is ')[1]));
    expect(values.at(-1) as number).toBeLessThan(values[0] as number);
    // The two newest checkpoints, one per epoch; the last holds the trained weights.
    expect(readdirSync(join(dir, 'model')).sort()).toEqual(['mnist-cnn-1_20.ckpt', 'mnist-cnn-2_20.ckpt']);
    expect(result.checkpoint).toBe(join(dir, 'model', 'mnist-cnn-2_20.ckpt'));
    const saved = await loadCheckpoint(result.checkpoint);
    const fresh = new nn.SequentialCell([new nn.Flatten(), createModel('cnn')]);
    const [notLoaded, , mismatched] = loadParamIntoNet(fresh, saved);
    expect([notLoaded, mismatched]).toEqual([[], []]);
    const weight = result.net.trainableParams()[0];
    expect(Array.from(fresh.trainableParams()[0]!.dataSync())).toEqual(Array.from(weight!.dataSync()));
    for (const t of Object.values(saved)) if (typeof t !== 'string' && !t.isDisposed) t.dispose();
    fresh.dispose();
    // Model.eval's accuracy is the hand loop's, and the CNN learned.
    expect(result.modelAccuracy).toBe(result.handAccuracy);
    expect(result.modelAccuracy).toBeGreaterThan(0.7);
    result.net.dispose();
    expect(memory().numTensors).toBeLessThanOrEqual(before + 2);
  }, 120_000);

  it('runs from the command line at amp level O2 (a dynamic loss scale) and reports both accuracies', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await runModel(['--model', 'mlp', '--limit', '320', '--amp', 'O2', '--out', dir], {
        stdout: { isTTY: false, write: (t: string) => out.push(t) },
        stderr: { write: (t: string) => err.push(t) },
      });
      expect(code, err.join('')).toBe(0);
    } finally {
      log.mockRestore();
    }
    const text = out.join('');
    expect(text).toMatch(/Model\.train: mlp on 320 MNIST digits, 1 epoch\(s\) of batches of 32, amp level O2/);
    const [modelAcc, handAcc] = [...text.matchAll(/([\d.]+) %/g)].map((m) => m[1]);
    expect(modelAcc).toBe(handAcc);
    expect(text).toContain(join(dir, 'model', 'mnist-mlp-1_10.ckpt'));
  }, 120_000);

  it('refuses an unknown option with the help', async () => {
    const err: string[] = [];
    const code = await runModel(['--model', 'resnet'], {
      stdout: { isTTY: false, write: () => {} },
      stderr: { write: (t: string) => err.push(t) },
    });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^model: --model must be one of mlp, cnn, but got 'resnet'\.\n\nUsage: pnpm start -- model/);
  });
});
