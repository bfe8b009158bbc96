import * as ops from '@mindts/ops';
import { type Tensor, tidy } from '@mindts/tensor';
import { float16Bits, float16Value } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { onBoth, rng, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

/** Runs the wasm conversion over `count` elements between two scratch blocks. */
async function convert(dir: 'f16ToF32' | 'f32ToF16', input: Uint16Array | Float32Array): Promise<Float32Array | Uint16Array> {
  const b = await wasmBackend();
  const n = input.length;
  const src = b.scratch(n * 4);
  const dst = b.scratch(n * 4);
  try {
    if (dir === 'f16ToF32') {
      b.view(src, n, 'float16').set(input as Uint16Array);
      b.kernels.f16ToF32(src, dst, n);
      return b.view(dst, n, 'float32').slice();
    }
    b.view(src, n, 'float32').set(input as Float32Array);
    b.kernels.f32ToF16(src, dst, n);
    return b.view(dst, n, 'float16').slice();
  } finally {
    b.free(src);
    b.free(dst);
  }
}

describe('float16 ↔ float32 conversion (assembly/half.ts)', () => {
  it('decodes every one of the 65536 float16 bit patterns exactly as the CPU backend does', async () => {
    const bits = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const got = (await convert('f16ToF32', bits)) as Float32Array;
    const want = Float32Array.from(bits, (h) => float16Value(h));
    const bad: string[] = [];
    for (let i = 0; i < bits.length; i++) {
      if (!Object.is(got[i], want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i])))
        bad.push(`0x${i.toString(16)}: ${got[i]} vs ${want[i]}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('rounds float32 to nearest even like the CPU backend: ties, subnormals, overflow, ±∞, NaN with its sign', async () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      65504,
      65519.996,
      65520,
      -65520,
      1e6,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      -Number.NaN,
      2 ** -24,
      2 ** -25,
      3 * 2 ** -25,
      5 * 2 ** -25,
      2 ** -26,
      -(2 ** -25),
      2 ** -14,
      2 ** -14 - 2 ** -25,
      1 + 2 ** -11,
      1 + 3 * 2 ** -11,
      2049,
      2051,
      2 ** -149,
      6.1e-5,
      1 / 3,
      0.1,
    ];
    const next = rng(7);
    const u32 = new Uint32Array(20000);
    for (let i = 0; i < u32.length; i++) u32[i] = Math.floor(next() * 2 ** 32);
    // Around float16's range: every exponent from 2^-26 to 2^17, random mantissas (ties included by chance and by the edges).
    const ranged = Float32Array.from({ length: 20000 }, () => (next() < 0.5 ? -1 : 1) * 2 ** (-26 + next() * 43));
    const values = new Float32Array([...edges, ...new Float32Array(u32.buffer), ...ranged]);
    // A negative NaN keeps its sign in float32 storage.
    new Uint32Array(values.buffer, 13 * 4, 1)[0] = 0xffc00001;
    const got = (await convert('f32ToF16', values)) as Uint16Array;
    const bad: string[] = [];
    for (let i = 0; i < values.length; i++) {
      const want =
        float16Bits(values[i] as number) | (Number.isNaN(values[i]) && new Uint32Array(values.buffer, i * 4, 1)[0]! >>> 31 ? 0x8000 : 0);
      if (got[i] !== want) bad.push(`${values[i]}: 0x${got[i]!.toString(16)} vs 0x${want.toString(16)}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});

describe('float16 kernels: stored as float16, computed in float32, no CPU fallback', () => {
  const kernelCases: [string, () => Tensor][] = [
    ['matmul', () => ops.matmul(seeded([9, 13], 1, 'float16'), seeded([13, 11], 2, 'float16'))],
    [
      'matmul transposed',
      () => ops.matmul(seeded([13, 9], 3, 'float16'), seeded([11, 13], 4, 'float16'), { transposeA: true, transposeB: true }),
    ],
    ['batched matmul', () => ops.matmul(seeded([2, 5, 7], 5, 'float16'), seeded([7, 3], 6, 'float16'))],
    // 1.2M multiply-adds: split by rows over the threads (A's row offsets in 2-byte elements).
    [
      'large matmul, transposed A',
      () => ops.matmul(seeded([200, 96], 21, 'float16'), seeded([200, 64], 22, 'float16'), { transposeA: true }),
    ],
    ['add with a row bias', () => ops.add(seeded([6, 10], 7, 'float16'), seeded([10], 8, 'float16'))],
    [
      'mul, sub, div, maximum',
      () => ops.maximum(ops.div(ops.sub(ops.mul(seeded([33], 9, 'float16'), 3), 1), 0.7), seeded([33], 10, 'float16')),
    ],
    ['relu and its gradient', () => ops.grad((x: Tensor) => ops.sum(ops.mul(ops.relu(x), x)))(seeded([5, 7], 11, 'float16')) as Tensor],
    ['sum over the batch (a bias gradient)', () => ops.sum(seeded([64, 10], 12, 'float16', -4, 4), 0)],
    ['exp, log, tanh, sigmoid', () => ops.sigmoid(ops.tanh(ops.log(ops.exp(seeded([40], 13, 'float16')))))],
    [
      'softmax and a comparison',
      () => ops.where(ops.greater(seeded([4, 6], 14, 'float16'), 0), ops.softmax(seeded([4, 6], 15, 'float16')), 0),
    ],
    [
      'cast float16 ↔ float32, int32 and bool',
      () =>
        ops.cast(
          ops.add(
            ops.cast(ops.cast(seeded([20], 16, 'int32', -70000, 70000), 'float16'), 'int32'),
            ops.cast(ops.cast(seeded([20], 17), 'float16'), 'int32'),
          ),
          'float16',
        ),
    ],
  ];
  for (const [name, fn] of kernelCases) {
    it(`${name} equals the CPU backend's float16 result`, async () => {
      const b = await wasmBackend();
      const before = b.explain().fallbacks.length;
      const { wasm, cpu } = await onBoth(fn);
      expect(wasm.dtype).toBe(cpu.dtype);
      expect(wasm.shape).toEqual(cpu.shape);
      // One float16 ulp (2^-10 relative) for sums computed in another order; exact elsewhere.
      for (let i = 0; i < cpu.values.length; i++) {
        const [w, c] = [wasm.values[i]!, cpu.values[i]!];
        if (!Object.is(w, c))
          expect(Math.abs(w - c), `${name}[${i}]: ${w} vs ${c}`).toBeLessThanOrEqual(2 ** -10 * Math.max(1, Math.abs(c)));
      }
      expect(b.explain().fallbacks.slice(before)).toEqual([]);
    });
  }

  it('frees its float32 copies', async () => {
    const b = await wasmBackend();
    const x = seeded([16, 16], 20, 'float16');
    tidy(() => ops.relu(ops.matmul(x, x))).dispose();
    const { bytes, buffers } = b.memory();
    tidy(() => ops.sum(ops.relu(ops.matmul(x, x)))).dispose();
    expect(b.memory()).toEqual({ bytes, buffers });
    x.dispose();
  });
});
