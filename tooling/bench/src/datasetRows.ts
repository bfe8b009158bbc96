/**
 * The dataset rows (`--only dataset`): the step time of an MNIST training loop (the example app's
 * 784-128-10 MLP, and its LeNet CNN; SGD, on the active backend) fed three ways, one epoch of each
 * in turn:
 * (a) pre-made tensors, made before the clock starts; (b) the `@mindts/dataset` pipeline
 * (MnistDataset → shuffle → map Rescale/Normalize → batch) with `numParallelWorkers: 1`, a
 * worker thread preparing the batches while the step runs; (c) the same pipeline on the main
 * thread. The step time is an epoch's wall time over its steps, so waiting for data counts.
 */
import { performance } from 'node:perf_hooks';
import { nn } from '@mindts/cell';
import { config, type Dataset, MnistDataset, transforms } from '@mindts/dataset';
import * as ops from '@mindts/ops';
import { createModel, type ModelName } from '@mindts/example/train/models';
import { keep, type Tensor } from '@mindts/tensor';
import { median } from './timing.js';

/**
 * The row's sizes and repetitions.
 * @example
 * DATASET_ROW.batch; // 64
 */
export const DATASET_ROW = {
  labels: {
    mlp: 'MNIST MLP 784-128-10 train step, batch 64 (SGD)',
    cnn: 'MNIST LeNet CNN train step, batch 64 (SGD)',
  } satisfies Record<ModelName, string>,
  batch: 64,
  /** Training images per epoch (of the 8,000 of the train split). */
  images: 4096,
  /** Rounds of one epoch of each feeding (a, b, c, then c, b, a in the next). */
  rounds: 12,
  /** The first rounds only warm up: the step keeps getting faster for about 300 steps (JIT tiers). */
  warmupRounds: 3,
};

/** What {@link datasetRow} measures: the median step time of each feeding, in milliseconds. */
export interface DatasetRow {
  readonly label: string;
  readonly premadeMs: number;
  readonly workerMs: number;
  readonly mainMs: number;
  /**
   * The median over rounds of each round's worker/pre-made step time ratio (goal ≤ 1.05), and the
   * same for the main thread: epochs next to each other in time are compared, so a machine whose
   * speed drifts over the run (a shared host) moves both sides of a ratio alike.
   */
  readonly workerRatio: number;
  readonly mainRatio: number;
  /** Of the step times, the median time the loop spent getting each batch (worker, main thread). */
  readonly workerFetchMs: number;
  readonly mainFetchMs: number;
  /** Why the pipeline did or did not run in a worker (the iterator's `explain()`). */
  readonly worker: string;
}

/**
 * The pipeline a MindSpore user writes for MNIST, in the order MindSpore advises (shuffle, then
 * map, then batch: the shuffle buffer holds raw rows and the map work is spread over the epoch);
 * seeded, so every epoch's order repeats run to run.
 */
function pipeline(): Dataset {
  config.setSeed(1);
  return new MnistDataset({ usage: 'train', numSamples: DATASET_ROW.images, shuffle: false })
    .shuffle(DATASET_ROW.images)
    .map([new transforms.Rescale(1 / 255, 0), new transforms.Normalize([0.1307], [0.3081])], 'image')
    .batch(DATASET_ROW.batch, { dropRemainder: true });
}

/** A training step of a fresh example-app model: forward, loss, backward and update; reads the loss back. */
function trainer(model: ModelName): (x: Tensor, y: Tensor) => number {
  const net = createModel(model);
  const loss = new nn.CrossEntropyLoss();
  const opt = new nn.SGD(net.trainableParams(), { learningRate: 0.05 });
  const gradFn = ops.valueAndGrad(
    (x: Tensor, y: Tensor) => loss.call(net.call(x.reshape([x.shape[0] as number, 784])) as Tensor, y),
    null,
    opt.parameters,
  );
  return (x, y) => {
    const [l, grads] = gradFn(x, y);
    opt.call(grads);
    return Number(l.item());
  };
}

/** One epoch's wall time per step, and the part of it spent getting the batch. */
interface Epoch {
  readonly total: number;
  readonly fetch: number;
}

/** One epoch's wall time per step, and the part of it spent getting the batch (waiting, making tensors). */
function epochMs(batches: Iterable<Tensor[]>, step: (x: Tensor, y: Tensor) => number): Epoch {
  let steps = 0;
  let fetch = 0;
  const it = batches[Symbol.iterator]();
  const start = performance.now();
  for (;;) {
    const t = performance.now();
    const r = it.next();
    fetch += performance.now() - t;
    if (r.done) break;
    step(r.value[0] as Tensor, r.value[1] as Tensor);
    steps++;
  }
  return { total: (performance.now() - start) / steps, fetch: fetch / steps };
}

/**
 * Measures the row on the active backend.
 * @example
 * const row = datasetRow(); console.log(row.workerRatio.toFixed(2));
 */
export function datasetRow(model: ModelName = 'mlp'): DatasetRow {
  // (a) every batch made into tensors ahead, as a hand-written loop over pre-made tensors does.
  const premade = Array.from(pipeline().createTupleIterator({ numEpochs: 1 }), (row) => row.map((t) => keep(t)));
  const withWorker = pipeline().createTupleIterator({ numParallelWorkers: 1 });
  const onMain = pipeline().createTupleIterator({ numParallelWorkers: 0 });
  const step = trainer(model);
  const times = {
    premade: [] as number[],
    worker: [] as number[],
    main: [] as number[],
    workerFetch: [] as number[],
    mainFetch: [] as number[],
    workerRatio: [] as number[],
    mainRatio: [] as number[],
  };
  try {
    for (let round = 0; round < DATASET_ROW.rounds; round++) {
      // a, b, c, then c, b, a: a steady drift of the machine's speed favours no side.
      const feeds = [premade, withWorker, onMain] as const;
      const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
      const epochs = new Map(order.map((i) => [i, epochMs(feeds[i] as Iterable<Tensor[]>, step)] as const));
      const [a, b, c] = [0, 1, 2].map((i) => epochs.get(i) as Epoch) as [Epoch, Epoch, Epoch];
      if (round < DATASET_ROW.warmupRounds) continue;
      times.premade.push(a.total);
      times.worker.push(b.total);
      times.main.push(c.total);
      times.workerFetch.push(b.fetch);
      times.mainFetch.push(c.fetch);
      times.workerRatio.push(b.total / a.total);
      times.mainRatio.push(c.total / a.total);
    }
  } finally {
    withWorker.stop();
    onMain.stop();
    for (const row of premade) for (const t of row) t.dispose();
  }
  const premadeMs = median(times.premade);
  const workerMs = median(times.worker);
  const mainMs = median(times.main);
  return {
    label: DATASET_ROW.labels[model],
    premadeMs,
    workerMs,
    mainMs,
    workerRatio: median(times.workerRatio),
    mainRatio: median(times.mainRatio),
    workerFetchMs: median(times.workerFetch),
    mainFetchMs: median(times.mainFetch),
    worker: withWorker.explain().reason,
  };
}
