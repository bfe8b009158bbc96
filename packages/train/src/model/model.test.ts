import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from '@mindts/backend-cpu';
import { nn } from '@mindts/cell';
import { loadCheckpoint } from '@mindts/checkpoint';
import { batches, loadMnist } from '@mindts/datasets';
import * as ops from '@mindts/ops';
import { listBackends, memory, registerBackend, setSeed, type Tensor } from '@mindts/tensor';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Callback } from '../callback/callback.js';
import { CheckpointConfig } from '../callback/checkpointConfig.js';
import { LossMonitor } from '../callback/lossMonitor.js';
import { ModelCheckpoint } from '../callback/modelCheckpoint.js';
import type { RunContext } from '../callback/runContext.js';
import { Accuracy } from '../metrics/accuracy.js';
import { Model } from './model.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const dir = mkdtempSync(join(tmpdir(), 'mindts-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The example app's MLP (apps/example/src/train/models.ts), smaller. */
function mlp(): nn.SequentialCell {
  return new nn.SequentialCell([new nn.Dense(784, 32, { activation: 'relu' }), new nn.Dense(32, 10)]);
}

/** Live tensors at the end of each training epoch. */
class MemoryProbe extends Callback {
  readonly counts: number[] = [];
  override onTrainEpochEnd(_ctx: RunContext): void {
    this.counts.push(memory().numTensors);
  }
}

describe('Model on MNIST', () => {
  it('trains an MLP with LossMonitor, ModelCheckpoint and Accuracy; eval matches a hand loop; memory stays flat', async () => {
    setSeed(1);
    const train = loadMnist({ limit: 320 });
    const test = loadMnist({ split: 'test', limit: 200 });
    const net = mlp();
    const opt = new nn.Adam(net.trainableParams(), { learningRate: 5e-3 });
    const model = new Model(net, { lossFn: new nn.CrossEntropyLoss(), optimizer: opt, metrics: { accuracy: new Accuracy() } });
    const data = (epoch: number) => batches(train.images, train.labels, 32, { shuffle: true, seed: epoch });

    const before = await model.eval(batches(test.images, test.labels, 50));
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const probe = new MemoryProbe();
    const ckpt = new ModelCheckpoint(
      'mlp',
      dir,
      new CheckpointConfig({ saveCheckpointSteps: 5, keepCheckpointMax: 2, appendInfo: ['epochNum'] }),
    );
    try {
      await model.train(3, data, { callbacks: [new LossMonitor(5), ckpt, probe] });
    } finally {
      log.mockRestore();
    }
    // Flat: the same live tensors after each epoch; after training only the last loss goes
    // (a first step also frees what lazy initialization held, so counts are compared after it).
    expect(probe.counts).toHaveLength(3);
    expect(new Set(probe.counts).size).toBe(1);
    const after = memory().numTensors;
    expect(after).toBe((probe.counts[0] as number) - 1);

    // LossMonitor: every 5 steps, MindSpore's line; the loss went down.
    expect(printed).toHaveLength(6);
    expect(printed[0]).toMatch(/^epoch: 1 step: 5, loss is \d+\.\d+/);
    expect(printed[5]).toMatch(/^epoch: 3 step: 10, loss is /);
    const losses = printed.map((l) => Number(l.split('loss is ')[1]));
    expect(losses[5]).toBeLessThan(losses[0] as number);

    // ModelCheckpoint: the two newest files, with the network and the optimizer state.
    expect(readdirSync(dir).sort()).toEqual(['mlp-3_10.ckpt', 'mlp-3_5.ckpt']);
    expect(ckpt.latestCkptFileName).toBe(join(dir, 'mlp-3_10.ckpt'));
    const saved = await loadCheckpoint(ckpt.latestCkptFileName);
    expect(Object.keys(saved)).toEqual(expect.arrayContaining(['0.weight', '1.bias', 'global_step', 'learning_rate', 'epoch_num']));
    expect(Array.from((saved['0.weight'] as Tensor).dataSync())).toEqual(Array.from(net.trainableParams()[0]!.dataSync()));
    expect((saved.global_step as Tensor).dataSync()[0]).toBe(30);
    for (const t of Object.values(saved)) if (typeof t !== 'string') t.dispose();

    // Model.eval reports what a hand loop over the same data computes.
    const result = await model.eval(batches(test.images, test.labels, 50));
    net.setTrain(false);
    let correct = 0;
    for (const { images, labels } of batches(test.images, test.labels, 50)) {
      const logits = net.call(images) as Tensor;
      const [values, predicted] = ops.max(logits, 1);
      const p = predicted.dataSync();
      const y = labels.dataSync();
      for (let i = 0; i < y.length; i++) if (p[i] === y[i]) correct++;
      for (const t of [logits, values, predicted]) t.dispose();
    }
    expect(result.accuracy).toBe(correct / 200);
    expect(result.accuracy).toBeGreaterThan((before.accuracy as number) + 0.2);
    expect(memory().numTensors).toBe(after);
    await model.train(1, data);
    expect(memory().numTensors).toBe(after);

    // predict: the network's outputs in evaluation mode.
    const out = model.predict(test.images) as Tensor;
    expect(out.shape).toEqual([200, 10]);
    out.dispose();
  }, 60_000);
});

describe('Model arguments', () => {
  let net: nn.SequentialCell;
  let opt: nn.SGD;
  let lossFn: nn.CrossEntropyLoss;
  let x: Tensor;
  let y: Tensor;
  beforeAll(() => {
    net = mlp();
    opt = new nn.SGD(net.trainableParams(), { learningRate: 0.1 });
    lossFn = new nn.CrossEntropyLoss();
    x = ops.ones([4, 784]);
    y = ops.zeros([4], 'int32');
  });

  it("refuses amp level 'auto' and unknown levels, unknown options, non-Cells and metrics without an eval network", () => {
    expect(() => new Model(net, { ampLevel: 'auto' })).toThrow(/ampLevel 'auto' picks O2 on a GPU.*pass 'O0', 'O1', 'O2' or 'O3'/);
    expect(() => new Model(net, { ampLevel: 'O4' as never })).toThrow(/'ampLevel' must be one of 'O0', 'O1', 'O2', 'O3', 'auto', but got/);
    expect(() => new Model(net, { loss_fn: lossFn } as never)).toThrow(/unknown option 'loss_fn' for Model; did you mean 'lossFn'/);
    expect(() => new Model({} as never)).toThrow(/'network' must be a Cell/);
    expect(() => new Model(net, { optimizer: lossFn as never })).toThrow(/'optimizer' must be an nn.Optimizer/);
    expect(() => new Model(net, { metrics: new Set(['acc']) })).toThrow(/'evalNetwork' or 'lossFn' must be set/);
  });

  it('refuses sink mode, bad epochs, a spent generator and eval without metrics', async () => {
    const model = new Model(net, { lossFn, optimizer: opt });
    await expect(model.train(1, [[x, y]], { datasetSinkMode: true })).rejects.toThrow(/datasetSinkMode: true' is not supported/);
    await expect(model.train(0, [[x, y]])).rejects.toThrow(/'epoch' must be a positive int/);
    function* once() {
      yield [x, y];
    }
    await expect(model.train(2, once())).rejects.toThrow(/no batch in epoch 2\. A generator or iterator can be iterated only once/);
    await expect(model.eval([[x, y]])).rejects.toThrow(/has no metrics/);
    await expect(model.train(1, [[1, 2]] as never)).rejects.toThrow(/must be an array or an object of Tensors/);
  });

  it('accepts createTupleIterator() datasets, async iterables and { images, labels } objects', async () => {
    const model = new Model(net, { lossFn, optimizer: opt, metrics: new Set(['acc', 'loss']) });
    const seen: number[] = [];
    class Steps extends Callback {
      override onTrainStepEnd(ctx: RunContext) {
        seen.push(ctx.originalArgs().batchNum ?? -1);
      }
    }
    const tupleDataset = { createTupleIterator: () => [[x, y]][Symbol.iterator](), getDatasetSize: () => 1 };
    await model.train(2, tupleDataset, { callbacks: new Steps() });
    async function* asyncBatches() {
      yield { images: x, labels: y };
      yield { images: x, labels: y };
    }
    await model.train(1, asyncBatches(), { callbacks: [new Steps()] });
    expect(seen).toEqual([1, 1, -1, -1]);
    const result = await model.eval(asyncBatches());
    expect(result.acc).toBe(1);
    expect(result.loss).toBeGreaterThan(0);
  });

  it('trains a network that updates itself (nn.TrainOneStepCell, no optimizer), memory flat', async () => {
    const inner = mlp();
    const trainNet = new nn.TrainOneStepCell(
      new nn.WithLossCell(inner, lossFn),
      new nn.SGD(inner.trainableParams(), { learningRate: 0.1 }),
    );
    const model = new Model(trainNet);
    const w0 = Array.from(inner.trainableParams()[0]!.dataSync());
    await model.train(1, [[x, y]]);
    const counts: number[] = [];
    class Count extends Callback {
      override onTrainEpochEnd() {
        counts.push(memory().numTensors);
      }
    }
    await model.train(3, [[x, y]], { callbacks: [new Count()], initialEpoch: 1 });
    expect(counts).toHaveLength(2);
    expect(counts[0]).toBe(counts[1]);
    expect(Array.from(inner.trainableParams()[0]!.dataSync())).not.toEqual(w0);
  });
});
