/**
 * The same workloads on TensorFlow.js's `cpu` backend (@tensorflow/tfjs-backend-cpu) and its
 * `wasm` backend (@tensorflow/tfjs-backend-wasm, XNNPACK, its .wasm read from the package).
 */
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { type Runner, seededValues, type Workload } from './workloads.js';

/**
 * Puts tfjs in production mode (no debug checks, no console hint to install tfjs-node), the
 * configuration a tfjs user would ship, with its wasm backend on one thread (the single-threaded
 * SIMD build), as mindts's wasm backend runs. Returns the tfjs version.
 * @example
 * await setupTfjs();
 */
export async function setupTfjs(): Promise<string> {
  tf.env().set('PROD', true);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setThreadsCount(1);
  return tf.version_core;
}

/**
 * Activates tfjs backend `name` for the runners made next; returns a short description of it.
 * @example
 * await useTfjsBackend('wasm'); // 'SIMD, 1 thread'
 */
export async function useTfjsBackend(name: 'cpu' | 'wasm'): Promise<string> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs: the '${name}' backend failed to initialise.`);
  await tf.ready();
  if (name === 'cpu') return 'TypeScript';
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  return `${simd ? 'SIMD' : 'no SIMD'}, 1 thread`;
}

/**
 * A runner for `w` on tfjs: inputs are made once; each run computes inside `tidy`, reads
 * back with `dataSync` and frees the result.
 * @example
 * const r = tfjsRunner(CPU_WORKLOADS[0]); r.run(); r.dispose();
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
