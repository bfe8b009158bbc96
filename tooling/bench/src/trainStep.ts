/**
 * The MLP training-step row: one SGD step of a 784-256-10 perceptron (ReLU hidden layer) with
 * softmax cross-entropy on a batch of 64, from the same seeded weights, inputs and one-hot labels
 * on both sides. mindts runs it as a user would (nn.Dense, nn.SoftmaxCrossEntropyWithLogits,
 * valueAndGrad, nn.SGD); tfjs as its users would (variables, tf.losses.softmaxCrossEntropy,
 * tf.train.sgd().minimize). Each run reads the loss back, so all the work is counted.
 */
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients (its register_all_gradients module is not loadable from
// Node's ESM); the union package `@tensorflow/tfjs`, what a tfjs user trains with, registers them.
import '@tensorflow/tfjs';
import { type Runner, seededValues } from './workloads.js';

/**
 * The row's sizes, learning rate and repetitions.
 * @example
 * MLP_STEP.label; // 'MLP 784-256-10 train step, batch 64 (SGD)'
 */
export const MLP_STEP = {
  label: 'MLP 784-256-10 train step, batch 64 (SGD)',
  batch: 64,
  sizes: [784, 256, 10] as const,
  lr: 0.1,
  warmup: 3,
  runs: 21,
};

/**
 * Weights `[out, in]` uniform in ±1/√in and biases, as both libraries' Dense layers draw them.
 * @example
 * const { w1, x, y } = initialValues();
 */
export function initialValues() {
  const [i, h, o] = MLP_STEP.sizes;
  const scale = (v: Float32Array, s: number) => v.map((x) => x * s);
  return {
    w1: scale(seededValues(h * i, 11), 1 / Math.sqrt(i)),
    b1: scale(seededValues(h, 12), 1 / Math.sqrt(i)),
    w2: scale(seededValues(o * h, 13), 1 / Math.sqrt(h)),
    b2: scale(seededValues(o, 14), 1 / Math.sqrt(h)),
    // Images in [0, 1) like MNIST pixels, and one-hot labels cycling through the classes.
    x: seededValues(MLP_STEP.batch * i, 15).map((v) => (v + 1) / 2),
    y: Float32Array.from({ length: MLP_STEP.batch * o }, (_, k) => (Math.floor(k / o) % o === k % o ? 1 : 0)),
  };
}

/** One training step's pieces, shared by the sync runners here and the async ones (gpujsRunners.ts). */
export interface StepParts<T> {
  /** Takes one step; returns the loss (the caller reads and disposes it). */
  step(): T;
  /** The output layer's weights, to compare the updated values. */
  readonly w2: T;
  dispose(): void;
}

/**
 * The MLP of the step on mindts's active backend, from the seeded weights: the network (`net`,
 * with `dense2` its last layer), loss, optimizer, batch and gradient function, and `dispose`.
 * `prepare` may change the network before the optimizer takes its parameters (ampRows.ts makes
 * it mixed precision).
 * @example
 * const m = mindtsMlp(); const [l, grads] = m.gradFn(m.x, m.y); m.opt.call(grads);
 */
export function mindtsMlp(prepare: (net: nn.SequentialCell) => nn.SequentialCell = (net) => net) {
  const [i, h, o] = MLP_STEP.sizes;
  const v = initialValues();
  const t = (values: Float32Array, shape: number[]) => fromValues(values, shape, 'float32');
  const inits = [t(v.w1, [h, i]), t(v.b1, [h]), t(v.w2, [o, h]), t(v.b2, [o])] as const;
  const dense1 = new nn.Dense(i, h, { weightInit: inits[0], biasInit: inits[1], activation: 'relu' });
  const dense2 = new nn.Dense(h, o, { weightInit: inits[2], biasInit: inits[3] });
  const net = prepare(new nn.SequentialCell([dense1, dense2]));
  const loss = new nn.SoftmaxCrossEntropyWithLogits({ reduction: 'mean' });
  const opt = new nn.SGD(net.trainableParams(), { learningRate: MLP_STEP.lr });
  const x = t(v.x, [MLP_STEP.batch, i]);
  const y = t(v.y, [MLP_STEP.batch, o]);
  const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => loss.call(net.call(a) as Tensor, b), null, opt.parameters);
  return {
    net,
    dense2,
    opt,
    x,
    y,
    gradFn,
    dispose() {
      const own = new Set(net.getParameters());
      for (const p of opt.getParameters()) if (!own.has(p)) p.dispose();
      net.dispose();
      for (const z of [...inits, x, y]) z.dispose();
    },
  };
}

/**
 * The step on mindts's active backend, as a user writes it.
 * @example
 * const parts = mindtsStepParts(); parts.step().dispose(); parts.dispose();
 */
export function mindtsStepParts(): StepParts<Tensor> {
  const { dense2, opt, x, y, gradFn, dispose } = mindtsMlp();
  return {
    step() {
      const [l, grads] = gradFn(x, y);
      opt.call(grads);
      for (const g of grads) g.dispose();
      return l;
    },
    w2: dense2.weight,
    dispose,
  };
}

/**
 * The same step on tfjs's active backend, as a tfjs user writes it.
 * @example
 * const parts = tfjsStepParts(); parts.step().dispose(); parts.dispose();
 */
export function tfjsStepParts(): StepParts<tf.Tensor> {
  const [i, h, o] = MLP_STEP.sizes;
  const v = initialValues();
  const w1 = tf.variable(tf.tensor2d(v.w1, [h, i]));
  const b1 = tf.variable(tf.tensor1d(v.b1));
  const w2 = tf.variable(tf.tensor2d(v.w2, [o, h]));
  const b2 = tf.variable(tf.tensor1d(v.b2));
  const x = tf.tensor2d(v.x, [MLP_STEP.batch, i]);
  const y = tf.tensor2d(v.y, [MLP_STEP.batch, o]);
  const opt = tf.train.sgd(MLP_STEP.lr);
  const lossFn = (): tf.Scalar => {
    const hidden = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
    return tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(hidden, w2, false, true), b2));
  };
  return {
    step: () => opt.minimize(lossFn, true, [w1, b1, w2, b2]) as tf.Scalar,
    w2,
    dispose() {
      tf.dispose([w1, b1, w2, b2, x, y]);
      opt.dispose();
    },
  };
}

/** A synchronous runner over step parts: reads the loss with `dataSync()`. */
function syncRunner<T extends { dataSync(): ArrayLike<number>; dispose(): void }>(parts: StepParts<T>): Runner {
  const step = (): number => {
    const l = parts.step();
    const value = l.dataSync()[0] as number;
    l.dispose();
    return value;
  };
  return {
    run: () => void step(),
    values: () => [step(), ...Array.from(parts.w2.dataSync())],
    dispose: () => parts.dispose(),
  };
}

/**
 * The step on mindts's active backend. `values()` takes one step and returns its loss followed
 * by the updated output-layer weights, to check both libraries computed the same step.
 * @example
 * const r = mindtsTrainStep(); r.run(); r.dispose();
 */
export function mindtsTrainStep(): Runner {
  return syncRunner(mindtsStepParts());
}

/**
 * The same step on tfjs's active backend.
 * @example
 * const r = tfjsTrainStep(); r.run(); r.dispose();
 */
export function tfjsTrainStep(): Runner {
  return syncRunner(tfjsStepParts());
}

/**
 * The measured row: median ms per step on each side and tfjs's time over mindts's (≥ 1 meets
 * the goal: a mindts step takes no longer than a tfjs-cpu one).
 * @example
 * const { mindtsMs, tfjsMs, speedup } = measureTrainStep(measurePair);
 */
export interface TrainStepRow {
  readonly mindtsMs: number;
  readonly tfjsMs: number;
  readonly speedup: number;
}

/**
 * Checks that both libraries take the same step (loss and updated weights within `tolerance`,
 * relative), then times both with `measure` (alternating runs) on the backends active now.
 * @example
 * await useMindtsBackend('cpu'); await useTfjsBackend('cpu');
 * const row = measureTrainStep(measurePair);
 */
export function measureTrainStep(
  measure: (a: () => void, b: () => void, warmup: number, runs: number) => [{ medianMs: number }, { medianMs: number }],
  tolerance = 1e-4,
): TrainStepRow {
  const mine = mindtsTrainStep();
  const theirs = tfjsTrainStep();
  try {
    const [a, b] = [mine.values(), theirs.values()];
    const lossDiff = Math.abs((a[0] as number) - (b[0] as number)) / Math.abs(b[0] as number);
    let diff = 0;
    let scale = 0;
    for (let k = 1; k < b.length; k++) {
      diff = Math.max(diff, Math.abs((a[k] as number) - (b[k] as number)));
      scale = Math.max(scale, Math.abs(b[k] as number));
    }
    if (a.length !== b.length || !(lossDiff <= tolerance && diff / scale <= tolerance)) {
      throw new Error(
        `${MLP_STEP.label}: mindts and tfjs disagree (loss ${a[0]} vs ${b[0]}, weights ${diff / scale}); not timing a wrong step.`,
      );
    }
    const [m, t] = measure(mine.run, theirs.run, MLP_STEP.warmup, MLP_STEP.runs);
    return { mindtsMs: m.medianMs, tfjsMs: t.medianMs, speedup: t.medianMs / m.medianMs };
  } finally {
    mine.dispose();
    theirs.dispose();
  }
}
