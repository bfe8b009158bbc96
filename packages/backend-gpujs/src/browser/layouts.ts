/**
 * Results kept in another device form (WebGL2: a blocked product before its unpack, a matrix in
 * packed rows) against the CPU oracle, in a browser page: a few steps of `y = x·wᵀ`,
 * `w ← w − lr·(dyᵀ·x)` for a weight updated into packed rows that the next product reads, and for
 * a small one updated in place from its blocked gradient (10 rows: its product packs it), with `y`
 * used by an elementwise op, then
 * three products of one kernel held blocked side by side (none may overwrite another's textures),
 * everything read back. Also checks which paths ran (`explain().kernels`: results kept, products
 * reading packed rows; none outside WebGL2), that every tensor's storage is freed after, and that
 * repeating the steps creates no more WebGL textures than it deletes.
 */
import * as ops from '@mindts/ops';
import { uniform } from '@mindts/ops/testing';
import { setBackend, type Tensor, tensor } from '@mindts/tensor';
import type { GpujsBackend, GpujsMode } from '../index.js';
import { onModeBackend } from './onModeBackend.js';

const STEPS = 4;

/** The steps on the active backend; returns each step's `y + 1` for both weights, then the weights. */
function steps(): Tensor[] {
  const x = uniform([8, 256], 1);
  const dy = uniform([8, 256], 2);
  const dy2 = uniform([8, 10], 3);
  const lr = tensor(0.25, 'float32');
  // [256, 256]: updated into packed rows (65536 elements), which the product x·wᵀ reads; [10,
  // 256]: updated in place from its blocked gradient, flat, and 10 rows, so its product packs it.
  const w = uniform([256, 256], 4);
  const w2 = uniform([10, 256], 5);
  const out: Tensor[] = [];
  try {
    for (let s = 0; s < STEPS; s++) {
      for (const [weight, grad] of [
        [w, dy],
        [w2, dy2],
      ] as const) {
        const y = ops.matmul(x, weight, { transposeB: true });
        out.push(ops.add(y, 1));
        const g = ops.matmul(grad, x, { transposeA: true });
        ops.applyGradientDescent(weight, lr, g);
        y.dispose();
        g.dispose();
      }
    }
    // Products of one kernel held blocked side by side, then read: none may overwrite another.
    const inputs = [1, 2, 3].map((s) => uniform([8, 256], 10 + s));
    const side = inputs.map((xs) => ops.matmul(xs, w, { transposeB: true }));
    for (const t of inputs) t.dispose();
    return [...out, ...side, w, w2];
  } finally {
    for (const t of [x, dy, dy2, lr]) t.dispose();
  }
}

/**
 * Live WebGL textures (created, not deleted) after a third run of `run` minus after the second:
 * above 0, results kept in another form leak their textures. 0 outside the GL modes.
 */
async function textureGrowth(backend: GpujsBackend, run: () => Promise<unknown>): Promise<number> {
  const gl = (backend.gpu as { context?: { createTexture?: () => unknown; deleteTexture?: (t: unknown) => void } | null }).context;
  if (!gl?.createTexture || !gl.deleteTexture) return 0;
  const [create, remove] = [gl.createTexture, gl.deleteTexture];
  let live = 0;
  gl.createTexture = () => {
    live++;
    return create.call(gl);
  };
  gl.deleteTexture = (t) => {
    if (t) live--;
    remove.call(gl, t);
  };
  try {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await run();
      counts.push(live);
    }
    return (counts[2] as number) - (counts[1] as number);
  } finally {
    gl.createTexture = create;
    gl.deleteTexture = remove;
  }
}

async function read(backend: string): Promise<Float32Array[]> {
  await setBackend(backend);
  const results = steps();
  try {
    return (await Promise.all(results.map((t) => t.data()))) as Float32Array[];
  } finally {
    for (const t of results) t.dispose();
  }
}

/**
 * Runs the steps on `gpujs({ mode, cpuThreshold: 0 })` and on the CPU backend; returns the
 * problems (empty when all agree within 1e-5 + 1e-5·|x| and the paths are as expected).
 * @example
 * const problems = await checkLayouts('webgl2');
 */
export function checkLayouts(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'layouts', async (backend, name) => {
    const problems: string[] = [];
    const buffers = backend.memory().buffers;
    const before = backend.explain().kernels;
    const mine = await read(name);
    const after = backend.explain().kernels;
    const left = backend.memory().buffers - buffers;
    const growth = await textureGrowth(backend, () => read(name));
    if (growth > 0) problems.push(`${growth} more live WebGL textures after a third run of the steps than after the second`);
    const oracle = await read('cpu');
    mine.forEach((got, r) => {
      const want = oracle[r] as Float32Array;
      const bad = [...got].findIndex((v, i) => !(Math.abs(v - want[i]!) <= 1e-5 + 1e-5 * Math.abs(want[i]!)));
      if (got.length !== want.length || bad >= 0) problems.push(`result ${r}: [${bad}] = ${got[bad]}, expected ${want[bad]}`);
    });
    const kept = after.layouts - before.layouts;
    const rows = after.rowsOperands - before.rowsOperands;
    if (backend.layouts) {
      // From the second step on: both products kept blocked, the [256, 256] update written in
      // packed rows and read so by the next product (and the three side by side); the [10, 256]
      // weight's update reads its blocked gradient in place, and its product packs it.
      if (kept < 2 * (STEPS - 1)) problems.push(`${kept} results kept in another form, expected at least ${2 * (STEPS - 1)}`);
      if (rows !== STEPS - 2 + 3) problems.push(`${rows} products read packed rows, expected ${STEPS - 2 + 3}`);
      if (after.flattened - before.flattened < 1) problems.push('no result kept in another form was flattened for a read');
    } else if (kept !== 0 || rows !== 0) problems.push(`${kept} results kept in another form, ${rows} packed-rows operands, on ${mode}`);
    if (left !== 0) problems.push(`${left} tensors' storage left after disposing every result`);
    return problems;
  });
}
