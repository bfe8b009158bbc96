import type { DType } from '@mindts/tensor';
import { type BinaryOp, runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomArray, ravelBroadcast, rng, sizeOfShape, t, unravel, useCpu, vals } from '../testing/harness.js';
import { floatDivmod, powFloat } from './binaryOps.js';

beforeAll(useCpu);

const bin = (op: BinaryOp, a: number[], b: number[], dtype: DType = 'float32', aShape = [a.length], bShape = [b.length]) =>
  runKernel('Binary', [t(a, aShape, dtype), t(b, bShape, dtype)], { op });

/** Naive NumPy-broadcasting reference: every output index maps back into each input. */
function reference(f: (x: number, y: number) => number, a: number[], aShape: number[], b: number[], bShape: number[]) {
  const rank = Math.max(aShape.length, bShape.length);
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s];
  const [pa, pb] = [pad(aShape), pad(bShape)];
  const outShape = pa.map((d, i) => (d === 1 ? pb[i]! : d));
  const out: number[] = [];
  for (let i = 0; i < sizeOfShape(outShape); i++) {
    const idx = unravel(i, outShape);
    out.push(f(a[ravelBroadcast(idx, pa)]!, b[ravelBroadcast(idx, pb)]!));
  }
  return { outShape, out };
}

describe('Binary broadcasting', () => {
  const cases: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[2, 3], [3]],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [4, 1, 5],
      [3, 1],
    ],
    [[1], [2, 2, 2]],
    [[], [3, 2]],
    [
      [3, 1, 2, 1],
      [1, 4, 1, 5],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [[0, 3], [3]],
    [
      [2, 0],
      [1, 1],
    ],
  ];
  const next = rng(1);
  for (const [aShape, bShape] of cases) {
    it(`[${aShape}] with [${bShape}] matches a naive reference for add, sub, mul and greater`, () => {
      const a = randomArray(next, sizeOfShape(aShape), -5, 5, true);
      const b = randomArray(next, sizeOfShape(bShape), -5, 5, true);
      for (const [op, f] of [
        ['add', (x: number, y: number) => x + y],
        ['sub', (x: number, y: number) => x - y],
        ['mul', (x: number, y: number) => x * y],
        ['greater', (x: number, y: number) => (x > y ? 1 : 0)],
      ] as const) {
        const r = reference(f, a, aShape, b, bShape);
        const y = bin(op, a, b, 'float32', aShape, bShape);
        expect(y.shape).toEqual(r.outShape);
        expect(vals(y)).toEqual(r.out);
        const yr = bin(op, b, a, 'int32', bShape, aShape);
        expect(yr.shape).toEqual(r.outShape);
      }
    });
  }

  it('rejects shapes that do not broadcast, naming both', () => {
    expect(() => bin('add', [1, 2, 3], [1, 2])).toThrow(/Shapes \[3\] and \[2\] cannot be broadcast/);
  });

  it('rejects mixed dtypes', () => {
    expect(() => runKernel('Binary', [t([1], [1], 'float32'), t([1], [1], 'int32')], { op: 'add' })).toThrow(
      /Binary 'add': a and b must have the same dtype, but got float32 and int32/,
    );
  });

  it('rejects an unknown op', () => {
    expect(() => bin('frob' as BinaryOp, [1], [1])).toThrow(/unknown op "frob"/);
  });
});

describe('Binary float semantics', () => {
  it('computes in float64 and rounds once to float32', () => {
    expect(vals(bin('add', [0.1], [0.2]))).toEqual([Math.fround(0.1 + 0.2)]);
    expect(vals(bin('div', [1, 1, -1, 0], [3, 0, 0, 0]))).toEqual([Math.fround(1 / 3), Infinity, -Infinity, Number.NaN]);
    expect(vals(bin('add', [0.1], [0.2], 'float64'))).toEqual([0.1 + 0.2]);
  });

  it('floorDiv and mod follow NumPy (reference values from numpy 2.4)', () => {
    const a = [7, -7, 7, -7, 1, -1, 0.5, 5.5, -0, 0, 1e308, 3, Infinity, 3];
    const b = [2, 2, -2, -2, 0.1, 0.1, -0.3, 1.5, 3, -3, 1e-308, 0, 2, Infinity];
    const q = vals(bin('floorDiv', a, b, 'float64'));
    expect(q).toEqual([3, -4, -4, 3, 9, -10, -2, 3, -0, -0, Infinity, Infinity, Number.NaN, 0]);
    expect(Object.is(q[8], -0) && Object.is(q[9], -0)).toBe(true);
    const r = vals(bin('mod', a, b, 'float64'));
    expect(r).toEqual([
      1,
      1,
      -1,
      -1,
      0.09999999999999995,
      5.551115123125783e-17,
      -0.09999999999999998,
      1,
      0,
      -0,
      3.498445546245627e-309,
      Number.NaN,
      Number.NaN,
      3,
    ]);
    expect(Object.is(r[9], -0)).toBe(true);
    expect(floatDivmod(-7.5, 2)).toEqual([-4, 0.5]);
  });

  it('pow has C semantics for the special cases', () => {
    expect(vals(bin('pow', [2, 2, 4, -8, 1, Number.NaN, -1], [10, -1, 0.5, 1 / 3, Number.NaN, 0, Infinity], 'float64'))).toEqual([
      1024,
      0.5,
      2,
      Number.NaN,
      1,
      1,
      1,
    ]);
    expect(powFloat(0, -1)).toBe(Infinity);
  });

  it('maximum/minimum propagate NaN; atan2 uses both signs', () => {
    expect(vals(bin('maximum', [1, Number.NaN, 3], [2, 1, Number.NaN]))).toEqual([2, Number.NaN, Number.NaN]);
    expect(vals(bin('minimum', [1, 5], [2, -5]))).toEqual([1, -5]);
    expectClose(vals(bin('atan2', [1, 1, -1], [1, -1, -1], 'float64')), [Math.PI / 4, (3 * Math.PI) / 4, (-3 * Math.PI) / 4], 1e-15);
  });

  it('comparisons and logical ops produce bool and treat NaN as unordered but truthy', () => {
    const a = [1, 2, Number.NaN, 0];
    const b = [2, 2, Number.NaN, 0];
    const expected: Record<string, number[]> = {
      equal: [0, 1, 0, 1],
      notEqual: [1, 0, 1, 0],
      less: [1, 0, 0, 0],
      lessEqual: [1, 1, 0, 1],
      greater: [0, 0, 0, 0],
      greaterEqual: [0, 1, 0, 1],
      logicalAnd: [1, 1, 1, 0],
      logicalOr: [1, 1, 1, 0],
      logicalXor: [0, 0, 0, 0],
    };
    for (const [op, want] of Object.entries(expected)) {
      const y = bin(op as BinaryOp, a, b);
      expect(y.dtype, op).toBe('bool');
      expect(vals(y), op).toEqual(want);
    }
  });

  it('float16 rounds every result to half precision', () => {
    const y = bin('div', [1, 60000], [3, 0.5], 'float16');
    expect(y.dtype).toBe('float16');
    expect(vals(y)).toEqual([0.333251953125, Infinity]);
  });
});

describe('Binary integer semantics', () => {
  const MAX = 2147483647;
  const MIN = -2147483648;

  it('int32 add/sub/mul wrap around', () => {
    expect(vals(bin('add', [MAX, MIN], [1, -1], 'int32'))).toEqual([MIN, MAX]);
    expect(vals(bin('sub', [MIN], [1], 'int32'))).toEqual([MAX]);
    expect(vals(bin('mul', [65536, 123456789, -7], [65536, 987654321, 6], 'int32'))).toEqual([0, Math.imul(123456789, 987654321), -42]);
  });

  it('int32 div truncates toward zero and gives 0 for division by zero', () => {
    expect(vals(bin('div', [7, -7, 7, -7, 5, 0, MIN], [2, 2, -2, -2, 0, 0, -1], 'int32'))).toEqual([3, -3, -3, 3, 0, 0, MIN]);
  });

  it('floorDiv and mod floor like Python (reference: numpy)', () => {
    const a = [7, -7, 7, -7, 0, 5, MIN];
    const b = [2, 2, -2, -2, 3, 0, -1];
    expect(vals(bin('floorDiv', a, b, 'int32'))).toEqual([3, -4, -4, 3, 0, 0, MIN]);
    expect(vals(bin('mod', a, b, 'int32'))).toEqual([1, 1, -1, -1, 0, 0, 0]);
  });

  it('pow wraps at 32 bits and truncates negative exponents', () => {
    expect(vals(bin('pow', [3, -2, 2, 7, 0], [21, 31, 40, 3, 0], 'int32'))).toEqual([1870418611, MIN, 0, 343, 1]);
    expect(vals(bin('pow', [2, 1, -1, -1, 0], [-1, -5, -2, -3, -1], 'int32'))).toEqual([0, 1, 1, -1, 0]);
  });

  it('int8 and uint8 wrap at their width', () => {
    expect(vals(bin('add', [127, -128], [1, -1], 'int8'))).toEqual([-128, 127]);
    expect(vals(bin('mul', [16], [16], 'int8'))).toEqual([0]);
    expect(vals(bin('sub', [0, 3], [1, 5], 'uint8'))).toEqual([255, 254]);
    expect(vals(bin('mod', [250], [7], 'uint8'))).toEqual([5]);
  });

  it('int64 is exact beyond 32 bits and never yields -0', () => {
    expect(vals(bin('mul', [65536], [65536], 'int64'))).toEqual([4294967296]);
    const q = vals(bin('div', [-1], [2], 'int64'));
    expect(Object.is(q[0], 0)).toBe(true);
  });

  it('atan2 needs floats', () => {
    expect(() => bin('atan2', [1], [1], 'int32')).toThrow(/Binary 'atan2' needs float inputs .* but got int32/);
  });
});

describe('Binary on bool', () => {
  it('add/mul/maximum/minimum are logic and comparisons work', () => {
    const a = [0, 0, 1, 1];
    const b = [0, 1, 0, 1];
    for (const [op, want] of [
      ['add', [0, 1, 1, 1]],
      ['mul', [0, 0, 0, 1]],
      ['maximum', [0, 1, 1, 1]],
      ['minimum', [0, 0, 0, 1]],
      ['logicalXor', [0, 1, 1, 0]],
      ['less', [0, 1, 0, 0]],
    ] as const) {
      const y = bin(op, a, b, 'bool');
      expect(y.dtype).toBe('bool');
      expect(vals(y), op).toEqual(want);
    }
  });

  it('sub, div and friends are errors', () => {
    for (const op of ['sub', 'div', 'floorDiv', 'mod', 'pow'] as const) {
      expect(() => bin(op, [1], [1], 'bool')).toThrow(new RegExp(`Binary '${op}' needs number inputs, but got bool`));
    }
  });
});
