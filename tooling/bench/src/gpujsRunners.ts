/**
 * Asynchronous runners for the gpu.js rows: every result is read back with `await data()`, the
 * only read WebGPU allows (on mindts's gpu.js backend and on tfjs-webgpu alike), so one code path
 * times every backend in Node and in the browser. Imports nothing Node-only, so the browser
 * harness bundles it. The MLP step is `trainStep.ts`'s, with its reads made asynchronous.
 */
import { nn } from '@mindts/cell';
import * as ops from '@mindts/ops';
import { fromValues, type Tensor, tidy } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
import { initialValues, MLP_STEP } from './trainStep.js';
import { seededValues, type Workload } from './workloads.js';

/**
 * A prepared workload whose runs read their result back asynchronously.
 * @example
 * const r = mindtsAsyncRunner(GPUJS_WORKLOADS[0]); await r.run(); r.dispose();
 */
export interface AsyncRunner {
  run(): Promise<void>;
  /** One run's result values (the loss then the updated output weights for the MLP step). */
  values(): Promise<ArrayLike<number>>;
  dispose(): void;
}

/**
 * Median and minimum of `runs` timed runs after `warmup` untimed ones, in milliseconds.
 * @example
 * const t = await measureAsync(() => r.run(), 1, 5);
 */
export async function measureAsync(fn: () => Promise<void>, warmup: number, runs: number): Promise<{ medianMs: number; minMs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const medianMs = samples.length % 2 ? (samples[mid] as number) : ((samples[mid - 1] as number) + (samples[mid] as number)) / 2;
  return { medianMs, minMs: samples[0] as number };
}

const shapeOf = (w: Workload) => (w.kind === 'matmul' ? [w.n, w.n] : [w.n]);
const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * `w` (matmul, add+relu or sum) on mindts's active backend.
 * @example
 * await setBackend('gpujs'); const r = mindtsAsyncRunner(w);
 */
export function mindtsAsyncRunner(w: Workload): AsyncRunner {
  const shape = shapeOf(w);
  const [a, b] = [1, 2].map((seed) => fromValues(seededValues(sizeOf(shape), seed), shape, 'float32')) as [Tensor, Tensor];
  const kernels: Partial<Record<Workload['kind'], () => Tensor>> = {
    matmul: () => ops.matmul(a, b),
    addRelu: () => ops.relu(ops.add(a, b)),
    sum: () => ops.sum(a),
  };
  const compute = kernels[w.kind];
  if (!compute) throw new RangeError(`the gpu.js rows have no '${w.kind}' runner`);
  const values = async () => {
    const y = tidy(compute);
    try {
      return await y.data();
    } finally {
      y.dispose();
    }
  };
  return {
    run: async () => void (await values()),
    values,
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}

/**
 * `w` on tfjs's active backend.
 * @example
 * await tf.setBackend('webgl'); const r = tfjsAsyncRunner(w);
 */
export function tfjsAsyncRunner(w: Workload): AsyncRunner {
  const shape = shapeOf(w);
  const [a, b] = [1, 2].map((seed) => tf.tensor(seededValues(sizeOf(shape), seed), shape, 'float32'));
  const kernels: Partial<Record<Workload['kind'], () => tf.Tensor>> = {
    matmul: () => tf.matMul(a as tf.Tensor, b as tf.Tensor),
    addRelu: () => tf.relu(tf.add(a as tf.Tensor, b as tf.Tensor)),
    sum: () => tf.sum(a as tf.Tensor),
  };
  const compute = kernels[w.kind];
  if (!compute) throw new RangeError(`the gpu.js rows have no '${w.kind}' runner`);
  const values = async () => {
    const y = tf.tidy(compute);
    try {
      return await y.data();
    } finally {
      y.dispose();
    }
  };
  return { run: async () => void (await values()), values, dispose: () => tf.dispose([a, b] as tf.Tensor[]) };
}

/**
 * `trainStep.ts`'s MLP SGD step on mindts's active backend, reading the loss with `await data()`.
 * @example
 * const r = mindtsAsyncTrainStep(); await r.run(); r.dispose();
 */
export function mindtsAsyncTrainStep(): AsyncRunner {
  const [i, h, o] = MLP_STEP.sizes;
  const v = initialValues();
  const t = (values: Float32Array, shape: number[]) => fromValues(values, shape, 'float32');
  const inits = [t(v.w1, [h, i]), t(v.b1, [h]), t(v.w2, [o, h]), t(v.b2, [o])] as const;
  const dense1 = new nn.Dense(i, h, { weightInit: inits[0], biasInit: inits[1], activation: 'relu' });
  const dense2 = new nn.Dense(h, o, { weightInit: inits[2], biasInit: inits[3] });
  const net = new nn.SequentialCell([dense1, dense2]);
  const loss = new nn.SoftmaxCrossEntropyWithLogits({ reduction: 'mean' });
  const opt = new nn.SGD(net.trainableParams(), { learningRate: MLP_STEP.lr });
  const x = t(v.x, [MLP_STEP.batch, i]);
  const y = t(v.y, [MLP_STEP.batch, o]);
  const gradFn = ops.valueAndGrad((a: Tensor, b: Tensor) => loss.call(net.call(a) as Tensor, b), null, opt.parameters);
  const step = async (): Promise<number> => {
    const [l, grads] = gradFn(x, y);
    opt.call(grads as Tensor[]);
    for (const g of grads as Tensor[]) g.dispose();
    try {
      return (await (l as Tensor).data())[0] as number;
    } finally {
      (l as Tensor).dispose();
    }
  };
  return {
    run: async () => void (await step()),
    values: async () => [await step(), ...(await dense2.weight.data())],
    dispose() {
      const own = new Set(net.getParameters());
      for (const p of opt.getParameters()) if (!own.has(p)) p.dispose();
      net.dispose();
      for (const z of [...inits, x, y]) z.dispose();
    },
  };
}

/**
 * `trainStep.ts`'s tfjs step (variables, softmaxCrossEntropy, sgd.minimize) on tfjs's active
 * backend, reading the loss with `await data()`. Needs tfjs's gradients registered (`@tensorflow/tfjs`).
 * @example
 * const r = tfjsAsyncTrainStep(); await r.run(); r.dispose();
 */
export function tfjsAsyncTrainStep(): AsyncRunner {
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
  const step = async (): Promise<number> => {
    const cost = opt.minimize(lossFn, true, [w1, b1, w2, b2]) as tf.Scalar;
    try {
      return (await cost.data())[0] as number;
    } finally {
      cost.dispose();
    }
  };
  return {
    run: async () => void (await step()),
    values: async () => [await step(), ...(await w2.data())],
    dispose() {
      tf.dispose([w1, b1, w2, b2, x, y]);
      opt.dispose();
    },
  };
}
