/**
 * The workloads on mindts's CPU and wasm backends, through the public ops.
 */
import { cpu } from '@mindts/backend-cpu';
import { type WasmBackend, wasm } from '@mindts/backend-wasm';
import * as ops from '@mindts/ops';
import { fromValues, getBackend, listBackends, registerBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { type Runner, seededValues, type Workload } from './workloads.js';

/**
 * Registers mindts's CPU backend and its wasm backend twice: `wasm` on one thread (as tfjs-wasm
 * runs in Node) and `wasm-2t` on two worker threads.
 * @example
 * await setupMindts();
 */
export async function setupMindts(): Promise<void> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm({ threads: 1 }));
  if (!listBackends().includes('wasm-2t')) registerBackend(wasm({ name: 'wasm-2t', threads: 2 }));
}

/**
 * Activates backend `name` for the runners made next; returns a short description of it.
 * @example
 * await useMindtsBackend('wasm'); // 'simd128, 1 thread'
 */
export async function useMindtsBackend(name: 'cpu' | 'wasm' | 'wasm-2t'): Promise<string> {
  await setBackend(name);
  if (name === 'cpu') return 'TypeScript';
  const { simd, threads } = (getBackend() as WasmBackend).explain();
  return `${simd}, ${threads} thread${threads > 1 ? 's' : ''}`;
}

const input = (shape: number[], seed: number): Tensor =>
  fromValues(
    seededValues(
      shape.reduce((a, b) => a * b, 1),
      seed,
    ),
    shape,
    'float32',
  );

/**
 * A runner for `w` on mindts: inputs are made once; each run computes, reads back with
 * `dataSync` and frees the result.
 * @example
 * const r = mindtsRunner(CPU_WORKLOADS[0]); r.run(); r.dispose();
 */
export function mindtsRunner(w: Workload): Runner {
  const shape = w.kind === 'matmul' ? [w.n, w.n] : [w.n];
  const a = input(w.conv ? [...w.conv.x] : shape, 1);
  const b = input(w.conv ? [...w.conv.w] : shape, 2);
  const kernels: Record<Workload['kind'], () => Tensor> = {
    matmul: () => ops.matmul(a, b),
    addRelu: () => ops.relu(ops.add(a, b)),
    sum: () => ops.sum(a),
    conv2d: () => ops.conv2d(a, b),
  };
  const compute = kernels[w.kind];
  return {
    run() {
      const y = tidy(compute);
      y.dataSync();
      y.dispose();
    },
    values() {
      const y = tidy(compute);
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
