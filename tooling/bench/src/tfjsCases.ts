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
  const seeded = (dims: readonly number[], seed: number) =>
    tf.tensor(
      seededValues(
        dims.reduce((x, y) => x * y, 1),
        seed,
      ),
      [...dims],
      'float32',
    );
  // conv2d: the same NCHW / OIHW values as mindts, laid out once (untimed) as tfjs's NHWC / HWIO.
  const a = w.conv ? tf.tidy(() => tf.transpose(seeded(w.conv?.x ?? [], 1), [0, 2, 3, 1])) : seeded(shape, 1);
  const b = w.conv ? tf.tidy(() => tf.transpose(seeded(w.conv?.w ?? [], 2), [2, 3, 1, 0])) : seeded(shape, 2);
  const kernels: Record<Workload['kind'], () => tf.Tensor> = {
    matmul: () => tf.matMul(a, b),
    addRelu: () => tf.relu(tf.add(a, b)),
    sum: () => tf.sum(a),
    conv2d: () => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'valid'),
  };
  const compute = kernels[w.kind];
  return {
    run() {
      const y = tf.tidy(compute);
      y.dataSync();
      y.dispose();
    },
    values() {
      // Compared in mindts's layout: conv2d's NHWC result transposed back to NCHW (untimed).
      const y = tf.tidy(() => (w.kind === 'conv2d' ? tf.transpose(compute(), [0, 3, 1, 2]) : compute()));
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
