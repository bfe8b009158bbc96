/**
 * The same workloads on TensorFlow.js's `cpu` backend (@tensorflow/tfjs-backend-cpu).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { type Runner, seededValues, type Workload } from './workloads.js';

/**
 * Activates tfjs's `cpu` backend in production mode (no debug checks, no console hint to
 * install tfjs-node), the configuration a tfjs user would ship.
 * @example
 * await setupTfjs();
 */
export async function setupTfjs(): Promise<string> {
  tf.env().set('PROD', true);
  if (!(await tf.setBackend('cpu'))) throw new Error("tfjs: the 'cpu' backend failed to initialise.");
  await tf.ready();
  return tf.version_core;
}

/**
 * A runner for `w` on tfjs: inputs are made once; each run computes inside `tidy`, reads
 * back with `dataSync` and frees the result.
 * @example
 * const r = tfjsRunner(WORKLOADS[0]); r.run(); r.dispose();
 */
export function tfjsRunner(w: Workload): Runner {
  const shape = w.kind === 'matmul' ? [w.n, w.n] : [w.n];
  const size = shape.reduce((x, y) => x * y, 1);
  const a = tf.tensor(seededValues(size, 1), shape, 'float32');
  const b = tf.tensor(seededValues(size, 2), shape, 'float32');
  const compute: () => tf.Tensor =
    w.kind === 'matmul' ? () => tf.matMul(a, b) : w.kind === 'addRelu' ? () => tf.relu(tf.add(a, b)) : () => tf.sum(a);
  return {
    run() {
      const y = tf.tidy(compute);
      y.dataSync();
      y.dispose();
    },
    values() {
      const y = tf.tidy(compute);
      const v = y.dataSync();
      y.dispose();
      return v;
    },
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}
