/**
 * Reshapes sharing their input's texture (GL modes) against the CPU oracle, in a browser page: a
 * kernel's result reshaped, the input disposed and the same kernel run again (gpu.js must draw
 * into a new texture, not the shared one), a reshape of a reshape outliving both, and a reshape of
 * a product kept blocked (converted first); bias adds reading a product held blocked in place. Also checks that the path ran (`explain().kernels.shared`;
 * none outside the GL modes), that every tensor's storage is freed after, and that repeating the
 * steps creates no more WebGL textures than it deletes.
 */
import * as ops from '@mindts/ops';
import { uniform } from '@mindts/ops/testing';
import { setBackend, type Tensor } from '@mindts/tensor';
import type { GpujsMode } from '../index.js';
import { onModeBackend } from './onModeBackend.js';

/** The steps on the active backend; every tensor they return is read, then disposed. */
function steps(): Tensor[] {
  const a = uniform([8, 64], 1);
  const b = uniform([8, 64], 2);
  const w = uniform([64, 64], 3);
  try {
    const x = ops.add(a, 1);
    const r = ops.reshape(x, [4, 128]);
    x.dispose();
    // The kernel that made x runs again: its new result must not land in r's texture.
    const x2 = ops.add(b, 1);
    const r2 = ops.reshape(r, [512]);
    const r3 = ops.reshape(r2, [2, 256]);
    r2.dispose();
    const y = ops.matmul(a, w);
    const flat = ops.reshape(y, [8, 8, 8]);
    const z = ops.mul(r3, 2);
    // Products held blocked read in place by a bias add: a matrix, and a batch of rows ([2, 4, 64]).
    const [b0, b1] = [a.getItem(0), a.getItem(1)];
    const rows = ops.reshape(a, [2, 4, 64]);
    const [p, q] = [ops.matmul(b, w), ops.matmul(rows, w)];
    const biased = ops.add(p, b0);
    const batched = ops.add(q, b1);
    for (const t of [b0, b1, rows, p, q]) t.dispose();
    return [r, x2, r3, y, flat, z, biased, batched];
  } finally {
    for (const t of [a, b, w]) t.dispose();
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

/** Live WebGL textures after a third run of `run` minus after the second (0 outside the GL modes). */
async function textureGrowth(gl: unknown, run: () => Promise<unknown>): Promise<number> {
  const context = gl as { createTexture?: () => unknown; deleteTexture?: (t: unknown) => void } | null | undefined;
  if (!context?.createTexture || !context.deleteTexture) return 0;
  const [create, remove] = [context.createTexture, context.deleteTexture];
  let live = 0;
  context.createTexture = () => {
    live++;
    return create.call(context);
  };
  context.deleteTexture = (t) => {
    if (t) live--;
    remove.call(context, t);
  };
  try {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await run();
      counts.push(live);
    }
    return (counts[2] as number) - (counts[1] as number);
  } finally {
    context.createTexture = create;
    context.deleteTexture = remove;
  }
}

/**
 * Runs the steps on `gpujs({ mode, cpuThreshold: 0 })` and on the CPU backend; returns the
 * problems (empty when all agree within 1e-5 + 1e-5·|x| and the paths are as expected).
 * @example
 * const problems = await checkSharedReshape('webgl2');
 */
export function checkSharedReshape(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'share', async (backend, name) => {
    const problems: string[] = [];
    const buffers = backend.memory().buffers;
    const before = backend.explain().kernels.shared;
    const mine = await read(name);
    const shared = backend.explain().kernels.shared - before;
    const left = backend.memory().buffers - buffers;
    const growth = await textureGrowth((backend.gpu as { context?: unknown }).context, () => read(name));
    if (growth > 0) problems.push(`${growth} more live WebGL textures after a third run of the steps than after the second`);
    const oracle = await read('cpu');
    mine.forEach((got, r) => {
      const want = oracle[r] as Float32Array;
      const bad = [...got].findIndex((v, i) => !(Math.abs(v - want[i]!) <= 1e-5 + 1e-5 * Math.abs(want[i]!)));
      if (got.length !== want.length || bad >= 0) problems.push(`result ${r}: [${bad}] = ${got[bad]}, expected ${want[bad]}`);
    });
    const gl = mode === 'webgl2' || mode === 'webgl';
    if (gl && shared < 5) problems.push(`${shared} reshapes shared their input's texture, expected at least 5`);
    if (!gl && shared !== 0) problems.push(`${shared} reshapes shared their input's texture on ${mode}, expected none`);
    if (left !== 0) problems.push(`${left} tensors' storage left after disposing every result`);
    return problems;
  });
}
