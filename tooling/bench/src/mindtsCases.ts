/**
 * The workloads on mindts's CPU backend, through the public ops.
 */
import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { fromValues, listBackends, registerBackend, setBackend, type Tensor, tidy } from '@mindts/tensor';
import { type Runner, seededValues, type Workload } from './workloads.js';

/**
 * Registers and activates mindts's CPU backend.
 * @example
 * await setupMindts();
 */
export async function setupMindts(): Promise<void> {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  await setBackend('cpu');
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
 * const r = mindtsRunner(WORKLOADS[0]); r.run(); r.dispose();
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
