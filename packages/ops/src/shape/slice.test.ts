import { arange, type Slice, slice as sl, tensor, zeros } from '@mindts/tensor';
import { resolveIndex } from '@mindts/tensor/backend';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTensor, leakedBy, useCpu, values } from '../test/helpers.js';
import { dataArb, naiveStridedSlice, shapeArb } from '../test/reference.js';
import { gather } from './gather.js';
import { reshape } from './reshape.js';
import { slice } from './slice.js';

beforeAll(useCpu);

const m = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ]);

describe('slice', () => {
  it('takes a block; -1 runs to the end', () => {
    expectTensor(slice(m(), [0, 1], [2, 2]), 'int32', [2, 2], [2, 3, 5, 6]);
    expectTensor(slice(m(), [1, 0], [1, -1]), 'int32', [1, 3], [4, 5, 6]);
    expectTensor(slice(m(), [0, 3], [2, 0]), 'int32', [2, 0], []);
    expectTensor(slice(tensor(4, 'int32'), [], []), 'int32', [], [4]);
  });

  it('errors', () => {
    expect(() => slice(m(), [0], [1])).toThrow('slice: begin [0] must have one entry per axis of the input of shape [2, 3], but has 1.');
    expect(() => slice(m(), [0, 4], [1, 0])).toThrow('slice: begin[1] must be an integer in [0, 3] for shape [2, 3], but got 4.');
    expect(() => slice(m(), [-1, 0], [1, 1])).toThrow('slice: begin[0] must be an integer in [0, 2] for shape [2, 3], but got -1.');
    expect(() => slice(m(), [1, 1], [2, 1])).toThrow(
      "slice: size[0] = 2 with begin[0] = 1 runs past axis 0 of shape [2, 3] (size 2); use -1 for 'to the end'.",
    );
    expect(() => slice(m(), [0, 0], [1, -2])).toThrow('slice: size[1] = -2 with begin[1] = 0 runs past axis 1');
    expect(() => slice(m(), 0 as never, [1, 1])).toThrow('slice: begin must be an array of integers, but got number 0.');
  });

  it('matches a naive reference on random blocks', () => {
    const arb = shapeArb(4, 0, 4).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        dataArb(shape),
        fc.tuple(
          ...shape.map((d) => fc.integer({ min: 0, max: d }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: -1, max: d - b })))),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, ([shape, data, blocks]) => {
        const begin = blocks.map(([b]) => b);
        const size = blocks.map(([b, s], i) => (s === -1 ? (shape[i] as number) - b : s));
        const x = tensor(data, 'int32', shape);
        const out = slice(
          x,
          begin,
          blocks.map(([, s]) => s),
        );
        expect(out.shape).toEqual(size);
        expect(values(out)).toEqual(
          naiveStridedSlice(
            data,
            shape,
            begin,
            size,
            size.map(() => 1),
          ),
        );
        out.dispose();
        x.dispose();
      }),
      { numRuns: 50 },
    );
  });
});

describe('getItem (the tensor core indexing ops build on)', () => {
  it('matches a naive strided reference on random integer/slice indices', () => {
    const item = (d: number) =>
      fc.oneof(
        ...(d > 0 ? [fc.integer({ min: -d, max: d - 1 })] : []),
        fc
          .tuple(
            fc.option(fc.integer({ min: -d - 2, max: d + 2 })),
            fc.option(fc.integer({ min: -d - 2, max: d + 2 })),
            fc.option(fc.integer({ min: -3, max: 3 }).filter((s) => s !== 0)),
          )
          .map(([a, b, c]) => sl(a, b, c)),
      );
    const arb = shapeArb(3, 0, 4).chain((shape) => fc.tuple(fc.constant(shape), dataArb(shape), fc.tuple(...shape.map(item))));
    fc.assert(
      fc.property(arb, ([shape, data, index]) => {
        const x = tensor(data, 'int32', shape);
        const out = x.getItem(index as (number | Slice)[]);
        // Reference: walk each axis with Python's slice semantics.
        const begin: number[] = [];
        const size: number[] = [];
        const step: number[] = [];
        const outShape: number[] = [];
        index.forEach((it, i) => {
          const n = shape[i] as number;
          if (typeof it === 'number') {
            begin.push(it < 0 ? it + n : it);
            size.push(1);
            step.push(1);
            return;
          }
          const st = it.step ?? 1;
          const picked: number[] = [];
          const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
          const norm = (v: number | null, dflt: number) =>
            v === null ? dflt : clamp(v < 0 ? v + n : v, st > 0 ? 0 : -1, st > 0 ? n : n - 1);
          const start = norm(it.start, st > 0 ? 0 : n - 1);
          const stop = norm(it.stop, st > 0 ? n : -1);
          for (let k = start; st > 0 ? k < stop : k > stop; k += st) picked.push(k);
          begin.push(picked[0] ?? 0);
          size.push(picked.length);
          step.push(st);
          outShape.push(picked.length);
        });
        expect(out.shape).toEqual(outShape);
        expect(values(out)).toEqual(naiveStridedSlice(data, shape, begin, size, step));
        expect(resolveIndex(shape, index as (number | Slice)[]).shape).toEqual(outShape);
        out.dispose();
        x.dispose();
      }),
      { numRuns: 50 },
    );
  });
});

describe('gather', () => {
  it('picks rows or columns with array or Tensor indices', () => {
    expectTensor(
      gather(
        tensor([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        [2, 0],
      ),
      'int32',
      [2, 2],
      [5, 6, 1, 2],
    );
    expectTensor(
      gather(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([1]),
        1,
      ),
      'int32',
      [2, 1],
      [2, 4],
    );
    expectTensor(
      gather(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([1, 0], 'int8'),
        -1,
      ),
      'int32',
      [2, 2],
      [2, 1, 4, 3],
    );
  });

  it('indices of any shape; negatives count from the end in arrays', () => {
    expectTensor(
      gather(tensor([10, 20, 30]), [
        [0, -1],
        [1, 1],
      ]),
      'int32',
      [2, 2],
      [10, 30, 20, 20],
    );
    expectTensor(gather(reshape(arange(6), [3, 2]), tensor(1, 'int32')), 'int32', [2], [2, 3]);
    expectTensor(gather(tensor([1.5, 2.5]), []), 'float32', [0], []);
  });

  it('errors', () => {
    expect(() => gather(tensor([1, 2]), [2])).toThrow('gather: index 2 is out of range for axis 0 of shape [2] (size 2).');
    expect(() => gather(tensor([1, 2]), [0.5])).toThrow('gather: index 0.5 is out of range');
    expect(() => gather(tensor([1, 2]), tensor([0.5]))).toThrow('gather: indices must be an integer Tensor, but got float32.');
    expect(() => gather(tensor([1, 2]), 1 as never)).toThrow('gather: indices must be a Tensor, but got number 1.');
    expect(() => gather(tensor(1), [0])).toThrow('gather: input is a scalar (shape []); it has no axis to gather from.');
    expect(() => gather(zeros([2, 2]), [0], 2)).toThrow('gather: axis 2 is out of range for rank 2; it must be an integer in [-2, 1].');
  });

  it('leaves no temporaries', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const idx = tensor([1, 0], 'int8');
    expect(leakedBy(() => gather(x, idx))).toBe(0);
    expect(leakedBy(() => gather(x, [0, -1], 1))).toBe(0);
    x.dispose();
    idx.dispose();
  });
});
