import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { fromValues, getBackend, listBackends, rand, registerBackend, setBackend, setSeed, type Tensor, tensor } from '@mindts/tensor';
import { float16Bits, float16Value } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GpujsBackend, gpujs } from './index.js';

const MODES = ['webasm', 'cpu'] as const;
const half = (v: number) => float16Value(float16Bits(v));

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
  for (const mode of MODES) registerBackend(gpujs({ name: `gpujs-f16-${mode}`, mode, cpuThreshold: 0 }));
});

/** The fallbacks `fn` caused on the active gpu.js backend, as `primitive: reason`. */
function fallbacksOf(fn: () => void): string[] {
  const b = getBackend() as GpujsBackend;
  const before = new Map(b.explain().fallbacks.map((f) => [`${f.primitive}: ${f.reason}`, f.count]));
  fn();
  return b
    .explain()
    .fallbacks.filter((f) => f.count > (before.get(`${f.primitive}: ${f.reason}`) ?? 0))
    .map((f) => `${f.primitive}: ${f.reason}`);
}

describe.each(MODES)('float16 on gpu.js (%s mode)', (mode) => {
  beforeAll(async () => {
    await setBackend(`gpujs-f16-${mode}`);
  });

  it('rounds on the device: casts, float16 data written, Fill values; nothing falls back', () => {
    const values = [0.1, -1 / 3, 1 + 2 ** -11, 65519, 65520, 2 ** -25, 3 * 2 ** -25, -0, Number.NaN, Number.NEGATIVE_INFINITY];
    let got: number[][] = [];
    const fallbacks = fallbacksOf(() => {
      const h = ops.cast(tensor(values, 'float32'), 'float16');
      got = [
        Array.from(h.dataSync()),
        Array.from(ops.cast(h, 'float32').dataSync()),
        Array.from(fromValues(Float32Array.from(values), [values.length], 'float16').dataSync()),
        Array.from(ops.full([3], 0.1, { dtype: 'float16' }).dataSync()),
      ];
    });
    const want = values.map((v) => half(Math.fround(v)));
    expect(got.slice(0, 3)).toEqual([want, want, want]);
    expect(Object.is(got[0]![7], -0)).toBe(true);
    expect(got[3]).toEqual([half(0.1), half(0.1), half(0.1)]);
    expect(fallbacks).toEqual([]);
  });

  it("computes float16 ops in float32 on the device, rounded once: the CPU backend's values, no fallback", async () => {
    setSeed(7);
    const a = ops.cast(ops.mul(ops.sub(rand([6, 9]), 0.5), 4), 'float16');
    const w = ops.cast(ops.sub(rand([5, 9]), 0.5), 'float16');
    const img = ops.cast(rand([1, 2, 6, 6]), 'float16');
    const k = ops.cast(ops.sub(rand([3, 2, 3, 3]), 0.5), 'float16');
    const run = (x: Tensor, y: Tensor, i: Tensor, f: Tensor): Tensor[] => [
      ops.matmul(x, y, { transposeB: true }),
      ops.relu(ops.add(ops.mul(x, 3), 1)),
      ops.div(ops.exp(x), 3),
      ops.sum(x, 1),
      ops.mean(x),
      ops.softmax(x),
      ops.transpose(x, [1, 0]),
      ops.concat([x, x], 0),
      ops.conv2d(i, f, { padding: 1 }),
      ops.maxPool2d(i, 2, { stride: 2 }),
      ops.avgPool2d(i, 2, { stride: 2 }),
      ops.cumsum(x, 1),
      ops.greater(x, ops.zerosLike(x)),
    ];
    let outs: Tensor[] = [];
    const fallbacks = fallbacksOf(() => {
      outs = run(a, w, img, k);
    });
    expect(fallbacks).toEqual([]);
    const got = outs.map((t) => ({ dtype: t.dtype, values: Array.from(t.dataSync()) }));
    const host = [a, w, img, k].map((t) => ({ values: Float32Array.from(t.dataSync()), shape: t.shape }));
    await setBackend('cpu');
    const [ca, cw, ci, ck] = host.map((t) => fromValues(t.values, t.shape, 'float16')) as [Tensor, Tensor, Tensor, Tensor];
    const want = run(ca, cw, ci, ck).map((t) => ({ dtype: t.dtype, values: Array.from(t.dataSync()) }));
    await setBackend(`gpujs-f16-${mode}`);
    expect(got.map((g) => g.dtype)).toEqual(want.map((g) => g.dtype));
    for (const [i, g] of got.entries()) {
      const ref = want[i]!.values;
      // Sums may round to the neighbouring float16 where the order of addition differs.
      for (const [j, v] of g.values.entries()) expect(Math.abs(v - ref[j]!)).toBeLessThanOrEqual(2 ** -10 * Math.max(1, Math.abs(ref[j]!)));
      if (g.dtype === 'float16') for (const v of g.values) expect(half(v)).toBe(v);
    }
  });
});
