/**
 * The workloads on mindts's CPU and wasm backends, through the public ops.
 */
import { cpu } from '@mindts/backend-cpu';
import { type WasmBackend, wasm } from '@mindts/backend-wasm';
import * as ops from '@mindts/ops';
import { fromValues, getBackend, listBackends, registerBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { type Runner, seededValues, type Workload } from './workloads.js';

/**
 * Registers mindts's CPU and wasm backends.
 * @example
 * await setupMindts();
 */
export async function setupMindts(): Promise<void> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  if (!listBackends().includes('wasm')) registerBackend(wasm());
}

/**
 * Activates backend `name` for the runners made next; returns a short description of it.
 * @example
 * await useMindtsBackend('wasm'); // 'simd128, 1 thread'
 */
export async function useMindtsBackend(name: 'cpu' | 'wasm'): Promise<string> {
  await setBackend(name);
  if (name === 'cpu') return 'TypeScript';
  const b = getBackend() as WasmBackend;
  return `${b.simd}, ${b.explain().threads} thread`;
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
  const a = input(shape, 1);
  const b = input(shape, 2);
  const compute: () => Tensor =
    w.kind === 'matmul' ? () => ops.matmul(a, b) : w.kind === 'addRelu' ? () => ops.relu(ops.add(a, b)) : () => ops.sum(a);
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
