import * as ops from '@mindts/ops';
import { type DType, fromValues, type Tensor } from '@mindts/tensor';
import { type BinaryOp, runKernel, type UnaryOp } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeMismatches, onBoth, seeded, useBackends, wasmBackend } from '../testing/harness.js';

beforeAll(useBackends);

// Single float32 operations are exact in float32 (the oracle's float64 result rounds to the
// same value), so wasm must agree bit for bit, signed zeros included (toEqual uses Object.is).
const SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  2.5,
  -2.5,
  3.7,
  -3.7,
  1e30,
  -1e-30,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  7,
  -7,
];

/** Every pair of special values, in a shape whose size is not a multiple of the vector width. */
function pairs(): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  for (const x of SPECIAL) {
    for (const y of SPECIAL) {
      a.push(x);
      b.push(y);
    }
  }
  return [a, b];
}

const binary = (op: BinaryOp, a: Tensor, b: Tensor) => runKernel('Binary', [a, b], { op });
const unary = (op: UnaryOp, x: Tensor) => runKernel('Unary', [x], { op });

describe('Binary on wasm', () => {
  for (const op of ['add', 'sub', 'mul', 'div', 'maximum', 'minimum'] as const) {
    it(`float32 ${op}: every pair of special values, exactly`, async () => {
      const [a, b] = pairs();
      const r = await onBoth(() => binary(op, fromValues(a, [a.length], 'float32'), fromValues(b, [b.length], 'float32')));
      expect(r.wasm.values).toEqual(r.cpu.values);
    });
  }

  for (const op of ['add', 'sub', 'mul', 'maximum', 'minimum'] as const) {
    it(`int32 ${op} wraps at 32 bits like the oracle`, async () => {
      const v = [2147483647, -2147483648, 65536, -65537, 3, -3, 0, 1, 46341];
      const a = v.flatMap((x) => v.map(() => x));
      const b = v.flatMap(() => v);
      const r = await onBoth(() => binary(op, fromValues(a, [a.length], 'int32'), fromValues(b, [b.length], 'int32')));
      expect(r.wasm.values).toEqual(r.cpu.values);
    });
  }

  for (const op of ['logicalAnd', 'logicalOr', 'logicalXor', 'add', 'mul', 'maximum', 'minimum'] as const) {
    it(`bool ${op} over 16-lane vectors and a tail, with broadcasting`, async () => {
      const r = await onBoth(() => binary(op, seeded([3, 37], 1, 'bool'), seeded([37], 2, 'bool')));
      expect(r.wasm.values).toEqual(r.cpu.values);
      const s = await onBoth(() => binary(op, seeded([], 3, 'bool'), seeded([2, 19], 4, 'bool')));
      expect(s.wasm.values).toEqual(s.cpu.values);
    });
  }

  for (const op of ['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'] as const) {
    it(`float32 ${op}: every pair of special values (NaN, ±0, ±∞), 16 lanes and a tail`, async () => {
      const [a, b] = pairs();
      const r = await onBoth(() => binary(op, fromValues(a, [a.length], 'float32'), fromValues(b, [b.length], 'float32')));
      expect(r.wasm).toEqual(r.cpu);
    });

    it(`int32 ${op} with row, column and scalar broadcasts`, async () => {
      for (const [as, bs] of [
        [[5, 37], [37]],
        [
          [5, 1],
          [5, 37],
        ],
        [[], [5, 37]],
        [
          [5, 37],
          [5, 37],
        ],
      ]) {
        const r = await onBoth(() => binary(op, seeded(as!, 1, 'int32', -3, 3), seeded(bs!, 2, 'int32', -3, 3)));
        expect(r.wasm, `[${as}] with [${bs}]`).toEqual(r.cpu);
      }
    });
  }

  const BROADCASTS: [number[], number[]][] = [
    [[33], [33]],
    [[33], []],
    [[], [33]],
    [[], []],
    [[7, 13], [13]],
    [[13], [7, 13]],
    [
      [7, 1],
      [7, 13],
    ],
    [
      [7, 13],
      [7, 1],
    ],
    [
      [1, 13],
      [7, 1],
    ],
    [
      [2, 3, 5],
      [1, 5],
    ],
    [
      [2, 3, 5],
      [2, 3, 1],
    ],
    [[4, 0], [0]],
  ];
  for (const [as, bs] of BROADCASTS) {
    for (const dtype of ['float32', 'int32'] as DType[]) {
      it(`${dtype} [${as}] with [${bs}] (a row plan)`, async () => {
        const r = await onBoth(() => ops.sub(seeded(as, 5, dtype, -50, 50), seeded(bs, 6, dtype, -50, 50)));
        expect(r.wasm.shape).toEqual(r.cpu.shape);
        expect(r.wasm.values).toEqual(r.cpu.values);
      });
    }
  }

  it('runs a broadcast with no row plan blocked in wasm (broadcastBlocks.test.ts has more)', async () => {
    const r = await onBoth(() => ops.add(seeded([2, 1, 3], 7), seeded([4, 1], 8)));
    expect(r.wasm.values).toEqual(r.cpu.values);
    const b = await wasmBackend();
    expect(b.explain().fallbacks.filter((f) => f.primitive === 'Binary')).toEqual([]);
  });
});

describe('Where on wasm', () => {
  const SHAPES: [number[], number[], number[]][] = [
    [[37], [37], [37]],
    [[], [37], [37]],
    [[37], [], []],
    [[3, 19], [19], [3, 1]],
    [[3, 1], [3, 19], []],
    [[2, 3, 5], [2, 3, 5], [5]],
  ];
  for (const dtype of ['float32', 'int32'] as DType[]) {
    for (const [cs, as, bs] of SHAPES) {
      it(`${dtype}: cond [${cs}], a [${as}], b [${bs}]`, async () => {
        const r = await onBoth(() => ops.where(seeded(cs, 1, 'bool'), seeded(as, 2, dtype, -9, 9), seeded(bs, 3, dtype, -9, 9)));
        expect(r.wasm).toEqual(r.cpu);
      });
    }
  }

  it('keeps NaN and signed zeros of the selected side', async () => {
    const r = await onBoth(() =>
      ops.where(
        fromValues([1, 0, 1, 0, 1], [5], 'bool'),
        fromValues([Number.NaN, 1, -0, 2, 3], [5], 'float32'),
        fromValues([4, -0, 5, Number.NaN, 6], [5], 'float32'),
      ),
    );
    expect(r.wasm).toEqual(r.cpu);
  });
});

describe('Unary on wasm', () => {
  for (const op of ['neg', 'abs', 'sqrt', 'square', 'relu', 'reciprocal', 'floor', 'ceil', 'round', 'sign'] as const) {
    it(`float32 ${op}: special values and a seeded run, exactly`, async () => {
      const values = [...SPECIAL, ...Array.from({ length: 37 }, (_, i) => (i - 18) * 0.25)];
      const r = await onBoth(() => unary(op, fromValues(values, [values.length], 'float32')));
      expect(r.wasm.values).toEqual(r.cpu.values);
      const s = await onBoth(() => unary(op, seeded([5, 41], 9, 'float32', -10, 10)));
      expect(s.wasm.values).toEqual(s.cpu.values);
    });
  }

  // Polynomial approximations: a dense sweep, the range-reduction seams and the edges of the
  // float32 range (overflow, underflow, subnormals), within a few ulp of the float64 oracle.
  const SWEEP = [
    ...SPECIAL,
    ...Array.from({ length: 2001 }, (_, i) => (i - 1000) / 37),
    ...[
      88.7,
      88.73,
      89,
      -87.3,
      -103,
      -104,
      -110,
      0.625,
      -0.625,
      0.6249,
      1e-7,
      -1e-7,
      1e-38,
      1e-45,
      3e-39,
      3.4e38,
      Math.SQRT1_2 * (1 - 1e-7),
      Math.SQRT1_2 * (1 + 1e-7),
      Math.SQRT2,
    ],
  ];
  for (const op of ['exp', 'log', 'tanh', 'sigmoid', 'rsqrt'] as const) {
    it(`float32 ${op}: within 3 ulp of the oracle across the range`, async () => {
      const r = await onBoth(() => unary(op, fromValues(SWEEP, [SWEEP.length], 'float32')));
      expect(r.wasm.values.map(Number.isNaN)).toEqual(r.cpu.values.map(Number.isNaN));
      expect(closeMismatches(r.wasm.values, r.cpu.values, 3.6e-7, 1e-44)).toEqual([]);
      const b = await wasmBackend();
      expect(b.explain().fallbacks.filter((f) => f.reason.startsWith(`Unary '${op}' on float32`))).toEqual([]);
    });
  }

  for (const op of ['isNaN', 'isFinite'] as const) {
    it(`float32 ${op} on special values, 16 lanes and a tail`, async () => {
      const r = await onBoth(() => unary(op, fromValues([...SPECIAL, ...SPECIAL], [2 * SPECIAL.length], 'float32')));
      expect(r.wasm).toEqual(r.cpu);
    });
  }

  it('bool logicalNot over 16 lanes and a tail', async () => {
    const r = await onBoth(() => unary('logicalNot', seeded([37], 1, 'bool')));
    expect(r.wasm).toEqual(r.cpu);
  });

  for (const op of ['neg', 'abs', 'square', 'relu', 'sign'] as const) {
    it(`int32 ${op} wraps like the oracle`, async () => {
      const values = [0, 1, -1, 46341, -46341, 2147483647, -2147483648, 12345];
      const r = await onBoth(() => unary(op, fromValues(values, [values.length], 'int32')));
      expect(r.wasm.values).toEqual(r.cpu.values);
    });
  }
});

describe('Cast, Fill and Reshape on wasm', () => {
  it('casts float32 → int32 as the oracle (truncation, NaN and ±∞ to 0, wrapping)', async () => {
    const values = [1.9, -1.9, 0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3e9, -3e9, 2147483647];
    const r = await onBoth(() => ops.cast(fromValues(values, [values.length], 'float32'), 'int32'));
    expect(r.wasm.values).toEqual(r.cpu.values);
  });

  it('casts float32 and int32 → bool (NaN is true, −0 is false)', async () => {
    const f = await onBoth(() => ops.cast(fromValues([...SPECIAL, ...SPECIAL], [2 * SPECIAL.length], 'float32'), 'bool'));
    expect(f.wasm).toEqual(f.cpu);
    const i = await onBoth(() => ops.cast(seeded([37], 2, 'int32', -2, 2), 'bool'));
    expect(i.wasm).toEqual(i.cpu);
  });

  it('casts int32 → float32 and bool → float32 / int32', async () => {
    const r = await onBoth(() => ops.cast(fromValues([16777217, -2147483648, 7], [3], 'int32'), 'float32'));
    expect(r.wasm.values).toEqual(r.cpu.values);
    for (const to of ['float32', 'int32'] as const) {
      const b = await onBoth(() => ops.cast(seeded([9], 1, 'bool'), to));
      expect(b.wasm).toEqual(b.cpu);
    }
  });

  for (const dtype of ['float32', 'int32', 'bool', 'float16', 'int8', 'uint8', 'int16', 'float64', 'int64'] as DType[]) {
    it(`fills and reshapes ${dtype}, converting the value as the oracle`, async () => {
      const f = await onBoth(() => runKernel('Fill', [], { shape: [3, 5], dtype, value: -2.7 }));
      expect(f.wasm).toEqual(f.cpu);
      const r = await onBoth(() => ops.reshape(seeded([6, 4], 2, dtype, -100, 100), [2, 12]));
      expect(r.wasm).toEqual(r.cpu);
    });
  }
});
