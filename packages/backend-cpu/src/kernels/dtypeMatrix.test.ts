/**
 * Every primitive on every storage dtype, on small values that every dtype holds exactly, checked
 * against plain JavaScript arithmetic. Catches a dtype path that is missing or stores wrongly.
 */
import type { DType } from '@mindts/tensor';
import { runKernel } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { t, useCpu, vals } from '../testing/harness.js';

beforeAll(useCpu);

const DTYPES: DType[] = ['float32', 'float16', 'float64', 'int32', 'int8', 'uint8', 'bool'];

describe.each(DTYPES)('%s', (dtype) => {
  const bool = dtype === 'bool';
  // A 2×3 input and a second operand; for bool both are 0/1.
  const A = bool ? [1, 0, 1, 1, 0, 0] : [1, 2, 0, 3, 2, 1];
  const B = bool ? [0, 1, 1] : [2, 1, 3];
  const x = () => t(A, [2, 3], dtype);
  const b = () => t(B, [3], dtype);
  const as = (v: number[]) => (bool ? v.map((e) => (e !== 0 ? 1 : 0)) : v);

  it('Unary keeps the dtype (abs, relu, sign) and isNaN gives bool', () => {
    for (const op of ['abs', 'relu', 'sign'] as const) {
      const y = runKernel('Unary', [x()], { op });
      expect(y.dtype).toBe(dtype);
      expect(vals(y), op).toEqual(op === 'sign' ? A.map(Math.sign) : A);
    }
    const n = runKernel('Unary', [x()], { op: 'isNaN' });
    expect(n.dtype).toBe('bool');
    expect(vals(n)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('Binary broadcasts add, mul, maximum and equal', () => {
    const bAt = (i: number) => B[i % 3]!;
    expect(vals(runKernel('Binary', [x(), b()], { op: 'add' }))).toEqual(as(A.map((v, i) => v + bAt(i))));
    expect(vals(runKernel('Binary', [x(), b()], { op: 'mul' }))).toEqual(A.map((v, i) => v * bAt(i)));
    expect(vals(runKernel('Binary', [x(), b()], { op: 'maximum' }))).toEqual(A.map((v, i) => Math.max(v, bAt(i))));
    const eq = runKernel('Binary', [x(), b()], { op: 'equal' });
    expect(eq.dtype).toBe('bool');
    expect(vals(eq)).toEqual(A.map((v, i) => (v === bAt(i) ? 1 : 0)));
  });

  it('Reduce sum, max, argmax and any over each axis', () => {
    const sum = runKernel('Reduce', [x()], { op: 'sum', axes: [1] });
    expect(sum.dtype).toBe(bool ? 'int32' : dtype);
    expect(vals(sum)).toEqual([A[0]! + A[1]! + A[2]!, A[3]! + A[4]! + A[5]!]);
    expect(vals(runKernel('Reduce', [x()], { op: 'max', axes: [0] }))).toEqual([0, 1, 2].map((j) => Math.max(A[j]!, A[j + 3]!)));
    const am = runKernel('Reduce', [x()], { op: 'argmax', axes: [1] });
    expect(am.dtype).toBe('int32');
    const row = (r: number) => A.slice(3 * r, 3 * r + 3);
    expect(vals(am)).toEqual([0, 1].map((r) => row(r).indexOf(Math.max(...row(r)))));
    expect(vals(runKernel('Reduce', [x()], { op: 'any', axes: [0, 1] }))).toEqual([1]);
  });

  it('MatMul and Conv2D', () => {
    const wv = bool ? [1, 0, 1] : [1, 0, 2];
    const w = t(wv, [3, 1], dtype);
    const expected = [0, 1].map((r) => A[3 * r]! * wv[0]! + A[3 * r + 1]! * wv[1]! + A[3 * r + 2]! * wv[2]!);
    const y = runKernel('MatMul', [x(), w], { transposeA: false, transposeB: false });
    expect(y.dtype).toBe(dtype);
    expect(vals(y)).toEqual(as(expected));
    const c = runKernel('Conv2D', [t(A, [1, 1, 2, 3], dtype), t(bool ? [1, 1] : [1, 2], [1, 1, 1, 2], dtype)], {
      strides: [1, 1],
      pads: [0, 0, 0, 0],
      dilations: [1, 1],
      groups: 1,
    });
    const k = bool ? [1, 1] : [1, 2];
    expect(vals(c)).toEqual(as([0, 1, 3, 4].map((i) => A[i]! * k[0]! + A[i + 1]! * k[1]!)));
  });

  it('Pool2D max (and avg for floats)', () => {
    const attrs = {
      kernel: [2, 2] as [number, number],
      strides: [1, 1] as [number, number],
      pads: [0, 0, 0, 0] as [number, number, number, number],
    };
    const m = runKernel('Pool2D', [t(A, [1, 1, 2, 3], dtype)], { mode: 'max', ...attrs });
    expect(vals(m)).toEqual([0, 1].map((j) => Math.max(A[j]!, A[j + 1]!, A[j + 3]!, A[j + 4]!)));
    if (dtype.startsWith('float')) {
      const a = runKernel('Pool2D', [t(A, [1, 1, 2, 3], dtype)], { mode: 'avg', ...attrs });
      expect(vals(a)).toEqual([0, 1].map((j) => (A[j]! + A[j + 1]! + A[j + 3]! + A[j + 4]!) / 4));
    }
  });

  it('shape primitives move values unchanged', () => {
    expect(vals(runKernel('Reshape', [x()], { shape: [3, 2] }))).toEqual(A);
    expect(vals(runKernel('Transpose', [x()], { perm: [1, 0] }))).toEqual([0, 3, 1, 4, 2, 5].map((i) => A[i]!));
    expect(vals(runKernel('StridedSlice', [x()], { begin: [1, 2], size: [2, 2], step: [-1, -2] }))).toEqual([5, 3, 2, 0].map((i) => A[i]!));
    const upd = runKernel('SliceUpdate', [x(), t(B.slice(0, 2), [1, 2], dtype)], { begin: [1, 0], size: [1, 2], step: [1, 2] });
    expect(vals(upd)).toEqual([A[0], A[1], A[2], B[0], A[4], B[1]]);
    expect(vals(runKernel('Concat', [x(), t(B, [1, 3], dtype)], { axis: 0 }))).toEqual([...A, ...B]);
    expect(vals(runKernel('BroadcastTo', [b()], { shape: [2, 3] }))).toEqual([...B, ...B]);
    expect(vals(runKernel('Gather', [x(), t([2, 0], [2], 'int32')], { axis: 1 }))).toEqual([A[2], A[0], A[5], A[3]]);
    const sa = runKernel('ScatterAdd', [x(), t([1], [1], 'int32'), t(B.slice(0, 2), [2, 1], dtype)], { axis: 1 });
    expect(vals(sa)).toEqual(as([A[0]!, A[1]! + B[0]!, A[2]!, A[3]!, A[4]! + B[1]!, A[5]!]));
    const w = runKernel('Where', [t([1, 0, 1], [3], 'bool'), x(), b()], {});
    expect(w.dtype).toBe(dtype);
    expect(vals(w)).toEqual(A.map((v, i) => (i % 3 === 1 ? B[1]! : v)));
  });

  it('Cast round-trips through float32 and Fill makes the dtype', () => {
    const f = runKernel('Cast', [x()], { dtype: 'float32' });
    expect(vals(f)).toEqual(A);
    const back = runKernel('Cast', [f], { dtype });
    expect(back.dtype).toBe(dtype);
    expect(vals(back)).toEqual(A);
    const filled = runKernel('Fill', [], { shape: [2], dtype, value: 1 });
    expect(filled.dtype).toBe(dtype);
    expect(vals(filled)).toEqual([1, 1]);
  });
});
