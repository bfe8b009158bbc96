/**
 * The dataset rows (`--only dataset`): the step time of an MNIST training loop (the example app's
 * 784-128-10 MLP, and its LeNet CNN; SGD, on the active backend) fed three ways:
 * (a) pre-made tensors, made before the clock starts; (b) the `@mindts/dataset` pipeline
 * (MnistDataset → shuffle → map Rescale/Normalize → batch) with `numParallelWorkers: 1`, a
 * worker thread preparing the batches while the step runs; (c) the same pipeline on the main
 * thread. (b) and (c) are each timed against (a) in rounds of one epoch each, alternating which
 * goes first. The step time is an epoch's wall time over its steps, so waiting for data counts.
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
  /** Measured rounds of pre-made against the worker pipeline (one epoch each: a b, then b a). */
  rounds: 10,
  /** …and of pre-made against the main-thread pipeline (no goal: fewer). */
  mainRounds: 4,
  /** Rounds before each comparison that only warm up: the step keeps getting faster for about 300 steps (JIT tiers). */
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
  try {
    // Each pipeline is compared with pre-made tensors in its own rounds: epochs of the main-thread
    // pipeline leave garbage that the next epoch collects, so mixing all three in a round would
    // make whichever feed follows them look slower.
    const worker = pairedRounds(premade, withWorker, step, DATASET_ROW.rounds);
    const main = pairedRounds(premade, onMain, step, DATASET_ROW.mainRounds);
    return {
      label: DATASET_ROW.labels[model],
      premadeMs: median(worker.a),
      workerMs: median(worker.b),
      mainMs: median(main.b),
      workerRatio: median(worker.ratio),
      mainRatio: median(main.ratio),
      workerFetchMs: median(worker.fetch),
      mainFetchMs: median(main.fetch),
      worker: withWorker.explain().reason,
    };
  } finally {
    withWorker.stop();
    onMain.stop();
    for (const row of premade) for (const t of row) t.dispose();
  }
}

/**
 * Rounds of one epoch fed by `a` and one by `b`, in the order a b, then b a, and so on (a steady
 * drift of the machine's speed favours neither); after the warm-up rounds, each round's step
 * times, its b/a ratio and b's time getting each batch.
 */
function pairedRounds(
  a: Iterable<Tensor[]>,
  b: Iterable<Tensor[]>,
  step: (x: Tensor, y: Tensor) => number,
  rounds: number,
): { a: number[]; b: number[]; ratio: number[]; fetch: number[] } {
  const out = { a: [] as number[], b: [] as number[], ratio: [] as number[], fetch: [] as number[] };
  for (let round = 0; round < DATASET_ROW.warmupRounds + rounds; round++) {
    let ea: Epoch;
    let eb: Epoch;
    if (round % 2 === 0) {
      ea = epochMs(a, step);
      eb = epochMs(b, step);
    } else {
      eb = epochMs(b, step);
      ea = epochMs(a, step);
    }
    if (round < DATASET_ROW.warmupRounds) continue;
    out.a.push(ea.total);
    out.b.push(eb.total);
    out.ratio.push(eb.total / ea.total);
    out.fetch.push(eb.fetch);
  }
  return out;
}
