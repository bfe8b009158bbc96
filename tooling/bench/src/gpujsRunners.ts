import * as ops from '@mindts/ops';
import { fromValues, type Tensor, tidy } from '@mindts/tensor';
import * as tf from '@tensorflow/tfjs-core';
import { measure } from './timing.js';
import { mindtsStepParts, type StepParts, tfjsStepParts } from './trainStep.js';
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
 * Median and minimum of `runs` timed runs after `warmup` untimed ones, in milliseconds (tinybench,
 * through {@link measure}).
 * @example
 * const t = await measureAsync(() => r.run(), 1, 5);
 */
export async function measureAsync(fn: () => Promise<void>, warmup: number, runs: number): Promise<{ medianMs: number; minMs: number }> {
  const { medianMs, minMs } = await measure(fn, warmup, runs);
  return { medianMs, minMs };
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

/** An async runner over `trainStep.ts`'s step parts: reads the loss with `await data()`. */
function asyncRunner<T extends { data(): Promise<ArrayLike<number>>; dispose(): void }>(parts: StepParts<T>): AsyncRunner {
  const step = async (): Promise<number> => {
    const l = parts.step();
    try {
      return (await l.data())[0] as number;
    } finally {
      l.dispose();
    }
  };
  return {
    run: async () => void (await step()),
    values: async () => [await step(), ...Array.from(await parts.w2.data())],
    dispose: () => parts.dispose(),
  };
}

/**
 * `trainStep.ts`'s MLP SGD step on mindts's active backend, reading the loss with `await data()`.
 * @example
 * const r = mindtsAsyncTrainStep(); await r.run(); r.dispose();
 */
export function mindtsAsyncTrainStep(): AsyncRunner {
  return asyncRunner(mindtsStepParts());
}

/**
 * `trainStep.ts`'s tfjs step on tfjs's active backend, reading the loss with `await data()`.
 * Needs tfjs's gradients registered (`@tensorflow/tfjs`).
 * @example
 * const r = tfjsAsyncTrainStep(); await r.run(); r.dispose();
 */
export function tfjsAsyncTrainStep(): AsyncRunner {
  return asyncRunner(tfjsStepParts());
}
