import * as ops from '@mindts/ops';
import { fromValues, type Tensor } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

// A dense sweep, the seam of the two erf branches (|x| = 0.5), the tails GELU keeps relative
// precision in (x·Φ(x) for x down to −13, where it is about 1e-38), and IEEE special values.
const SWEEP = [
  0,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  0.5,
  -0.5,
  0.49999997,
  0.50000006,
  1e-7,
  -1e-30,
  1e-45,
  9.9,
  10,
  10.1,
  27,
  3.4e38,
  -3.4e38,
  ...Array.from({ length: 2001 }, (_, i) => (i - 1000) / 77),
  ...Array.from({ length: 131 }, (_, i) => -i / 10),
];

describe('erf and the exact gelu on wasm (assembly/erf.ts)', () => {
  for (const op of ['erf', 'gelu'] as const) {
    it(`float32 ${op}: within 1e-6 relative of the float64 oracle across the range, no fallback`, async () => {
      const r = await onBoth(() => runKernel('Unary', [fromValues(SWEEP, [SWEEP.length], 'float32')], { op }));
      expect(r.wasm.values.map(Number.isNaN)).toEqual(r.cpu.values.map(Number.isNaN));
      expect(closeMismatches(r.wasm.values, r.cpu.values, 1e-6, 1e-37)).toEqual([]);
      const b = await wasmBackend();
      expect(b.explain().fallbacks.filter((f) => f.primitive === 'Unary')).toEqual([]);
    });
  }

  it('erf is odd on both branches, and gelu trains through its gradient as on the oracle', async () => {
    const r = await onBoth(() => ops.erf(fromValues([-2, 2, -0.25, 0.25, -0.5, 0.5], [6], 'float32')));
    expect(r.wasm.values.filter((_, i) => i % 2 === 0).map((v) => -v)).toEqual(r.wasm.values.filter((_, i) => i % 2 === 1));
    const gradGelu = ops.grad((x: Tensor) => ops.sum(ops.gelu(x)));
    const g = await onBoth(() => gradGelu(seeded([7, 9], 3, 'float32', -4, 4)) as Tensor);
    expect(closeMismatches(g.wasm.values, g.cpu.values, 1e-6, 1e-7)).toEqual([]);
  });
});
