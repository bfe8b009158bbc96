/**
 * Elementwise indexing along one axis (gatherElements, scatter, sort's values) lowered to the
 * flat `Gather`/`ScatterAdd` primitives: index i at coordinates (…, j, …) becomes the flat
 * offset of (…, i, …).
 */
import { isInt, type NestedArray, type Tensor, tensor } from '@mindts/tensor';
import { runKernel, shapeString, sizeOf, stridesOf } from '@mindts/tensor/backend';
import { checkTensor, describe, scalar } from '../operand.js';

/**
 * `index` (a Tensor or nested array of integers) as an int32 Tensor, checked: same rank as a
 * tensor of `shape`, each dimension but `axis` no larger than `shape`'s; array values also
 * range-checked. The caller owns the result when it is not `index` itself.
 */
export function indexTensor(index: Tensor | NestedArray, shape: readonly number[], axis: number, op: string, arg: string): Tensor {
  let t: Tensor;
  if (Array.isArray(index)) {
    const n = shape[axis] as number;
    const check = (v: unknown): void => {
      if (Array.isArray(v)) {
        v.forEach(check);
        return;
      }
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -n || v >= n) {
        throw new RangeError(`${op}: ${arg} value ${describe(v)} is out of range for axis ${axis} of size ${n}.`);
      }
    };
    check(index);
    t = tensor(index, 'int32');
  } else {
    t = checkTensor<Tensor>(index, op, arg);
    if (!isInt(t.dtype)) throw new TypeError(`${op}: ${arg} must be an integer Tensor, but got ${t.dtype}.`);
  }
  const ok = t.rank === shape.length && t.shape.every((d, i) => (i === axis ? true : d <= (shape[i] as number)));
  if (!ok) {
    if (t !== index) t.dispose();
    throw new RangeError(
      `${op}: ${arg} must have the rank of input (${shape.length}) and no dimension but axis ${axis} larger than input's ${shapeString(shape)}, but got ${shapeString(t.shape)}.`,
    );
  }
  return t;
}

/**
 * Flat int32 offsets into a tensor of `shape` for an int index tensor along `axis` (call inside
 * `tidy`). Negative indices count from the end; an index still out of range maps to the flat
 * size, so the `Gather`/`ScatterAdd` kernel refuses it instead of reading a neighbour.
 */
export function flatOffsets(index: Tensor, shape: readonly number[], axis: number): Tensor {
  const strides = stridesOf(shape);
  const outStrides = stridesOf(index.shape);
  const n = shape[axis] as number;
  const base = new Int32Array(index.size);
  for (let f = 0; f < base.length; f++) {
    let rest = f;
    let off = 0;
    index.shape.forEach((_, d) => {
      const c = Math.floor(rest / (outStrides[d] as number));
      rest -= c * (outStrides[d] as number);
      if (d !== axis) off += c * (strides[d] as number);
    });
    base[f] = off;
  }
  const i32 = (v: number) => scalar(v, 'int32');
  const idx = index.dtype === 'int32' ? index : runKernel('Cast', [index], { dtype: 'int32' });
  const wrapped = runKernel(
    'Where',
    [runKernel('Binary', [idx, i32(0)], { op: 'less' }), runKernel('Binary', [idx, i32(n)], { op: 'add' }), idx],
    {},
  );
  const bad = runKernel(
    'Binary',
    [runKernel('Binary', [wrapped, i32(0)], { op: 'less' }), runKernel('Binary', [wrapped, i32(n)], { op: 'greaterEqual' })],
    { op: 'logicalOr' },
  );
  const flat = runKernel(
    'Binary',
    [runKernel('Binary', [wrapped, i32(strides[axis] as number)], { op: 'mul' }), tensor(base, 'int32', index.shape)],
    {
      op: 'add',
    },
  );
  return runKernel('Where', [bad, i32(sizeOf(shape)), flat], {});
}

/** `x` flattened to one axis (a new tensor; call inside `tidy`). */
export function flatten1d(x: Tensor): Tensor {
  return runKernel('Reshape', [x], { shape: [x.size] });
}
