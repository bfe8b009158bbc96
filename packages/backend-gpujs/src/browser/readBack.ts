/**
 * Reading tensors back from the device, in a browser page: float32 and bool tensors of sizes
 * around and above the packed read-back's minimum (16384 floats, WebGL2 only), with sizes that
 * leave a partial last texel and values a copy must keep bit for bit (NaN, ±∞, −0, the smallest normal).
 * Also checks which path ran: packed exactly on WebGL2 at 16384 floats and more.
 */
import * as ops from '@mindts/ops';
import { type Tensor, tensor } from '@mindts/tensor';
import type { GpujsMode } from '../index.js';
import { onModeBackend } from './onModeBackend.js';

/** Seeded values with the special ones at the start. */
function values(size: number): Float32Array {
  const out = new Float32Array(size);
  let s = size;
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = (s / 2147483648 - 0.5) * 1e3;
  }
  // Not subnormals: GPUs may flush them to zero in any kernel (SwiftShader does).
  out.set([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1.2e-38, -3.4e38].slice(0, size));
  return out;
}

/**
 * Reads back `-(-x)` (float32, computed on the device) and `x > 0` (bool) for each size and
 * compares them with the host values; returns the problems.
 * @example
 * const problems = await checkReadBack('webgl2');
 */
export function checkReadBack(mode: GpujsMode): Promise<string[]> {
  return onModeBackend(mode, 'read', async (backend) => {
    const problems: string[] = [];
    for (const size of [16383, 16384, 16387, 301 * 301]) {
      const host = values(size);
      const x = tensor(host, 'float32');
      const before = backend.explain().kernels.packedReads;
      const kept = ops.neg(ops.neg(x)) as Tensor;
      const positive = ops.greater(x, 0) as Tensor;
      try {
        const got = (await kept.data()) as Float32Array;
        const bad = host.findIndex((v, i) => !Object.is(v, got[i]));
        if (got.length !== size || bad >= 0) problems.push(`float32 [${size}]: [${bad}] = ${got[bad]}, expected ${host[bad]}`);
        const flags = await positive.data();
        const wrong = host.findIndex((v, i) => Number(flags[i]) !== (v > 0 ? 1 : 0));
        if (flags.length !== size || wrong >= 0)
          problems.push(`bool [${size}]: [${wrong}] = ${flags[wrong]}, expected ${host[wrong]! > 0}`);
      } finally {
        for (const t of [x, kept, positive]) t.dispose();
      }
      const packed = backend.explain().kernels.packedReads - before;
      const expected = mode === 'webgl2' && size >= 16384 ? 2 : 0;
      if (packed !== expected) problems.push(`[${size}]: ${packed} packed read-backs, expected ${expected}`);
    }
    return problems;
  });
}
