import { arange, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectTensor, leakedBy, useCpu } from '../test/helpers.js';
import { broadcastTo } from './broadcastTo.js';
import { expandDims, squeeze } from './expandDims.js';
import { flatten } from './flatten.js';
import { reshape } from './reshape.js';
import { tile } from './tile.js';
import { transpose } from './transpose.js';

beforeAll(useCpu);

describe('reshape', () => {
  it('keeps the row-major order and infers one -1', () => {
    expectTensor(reshape(arange(6), [2, 3]), 'int32', [2, 3], [0, 1, 2, 3, 4, 5]);
    expectTensor(reshape(arange(6), [-1, 2]), 'int32', [3, 2], [0, 1, 2, 3, 4, 5]);
    expectTensor(reshape(tensor([7]), []), 'int32', [], [7]);
    expectTensor(reshape(zeros([0, 3]), [3, -1, 2]), 'float32', [3, 0, 2], []);
  });

  it('errors name both shapes', () => {
    expect(() => reshape(arange(6), [4])).toThrow('reshape: cannot reshape a tensor of shape [6] (6 elements) into shape [4].');
    expect(() => reshape(arange(6), [4, -1])).toThrow('reshape: cannot reshape a tensor of shape [6] (6 elements) into shape [4, -1].');
    expect(() => reshape(zeros([0]), [0, -1])).toThrow('reshape: cannot reshape a tensor of shape [0] (0 elements) into shape [0, -1].');
    expect(() => reshape(arange(6), [-1, -1])).toThrow('reshape: shape [-1, -1] can contain at most one -1, but got 2.');
    expect(() => reshape(arange(6), [2, -3])).toThrow('reshape: shape [2, -3] must hold integers >= 0 or a single -1, but got number -3.');
    expect(() => reshape(arange(6), 6 as never)).toThrow('reshape: shape must be an array of integers, but got number 6.');
  });
});

describe('transpose', () => {
  it('reverses the axes by default and permutes with negatives', () => {
    expectTensor(
      transpose(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
      'int32',
      [3, 2],
      [1, 4, 2, 5, 3, 6],
    );
    expectTensor(transpose(reshape(arange(8), [2, 2, 2]), [0, -1, 1]), 'int32', [2, 2, 2], [0, 2, 1, 3, 4, 6, 5, 7]);
    expectTensor(transpose(tensor(3)), 'float32', [], [3]);
  });

  it('errors', () => {
    expect(() => transpose(zeros([2, 3]), [0])).toThrow(
      'transpose: perm [0] must have one entry per axis of the input of shape [2, 3] (2), but has 1.',
    );
    expect(() => transpose(zeros([2, 3]), [0, -2])).toThrow('transpose: perm [0, -2] is not a permutation of the 2 axes.');
    expect(() => transpose(zeros([2, 3]), [0, 2])).toThrow(
      'transpose: perm entry 2 is out of range for rank 2; it must be an integer in [-2, 1].',
    );
  });
});

describe('expandDims, squeeze, flatten', () => {
  it('expandDims inserts a size-1 axis anywhere in [-rank-1, rank]', () => {
    expect(expandDims(zeros([2, 3]), 0).shape).toEqual([1, 2, 3]);
    expect(expandDims(zeros([2, 3]), 2).shape).toEqual([2, 3, 1]);
    expect(expandDims(zeros([2, 3]), -1).shape).toEqual([2, 3, 1]);
    expect(expandDims(zeros([2, 3]), -3).shape).toEqual([1, 2, 3]);
    expect(expandDims(tensor(1), 0).shape).toEqual([1]);
    expect(() => expandDims(zeros([2, 3]), 3)).toThrow('expandDims: axis 3 is out of range for rank 3; it must be an integer in [-3, 2].');
  });

  it('squeeze removes all size-1 axes or the named ones', () => {
    expect(squeeze(zeros([1, 3, 1])).shape).toEqual([3]);
    expect(squeeze(zeros([1, 3, 1]), []).shape).toEqual([3]);
    expect(squeeze(zeros([1, 3, 1]), 0).shape).toEqual([3, 1]);
    expect(squeeze(zeros([1, 3, 1]), [0, -1]).shape).toEqual([3]);
    expectTensor(squeeze(tensor([[5]])), 'int32', [], [5]);
    expect(() => squeeze(zeros([1, 3, 1]), 1)).toThrow('squeeze: cannot squeeze axis 1 of shape [1, 3, 1]: its size is 3, not 1.');
    expect(() => squeeze(zeros([1, 3]), [0, 0])).toThrow('squeeze: axis [0, 0] names axis 0 more than once.');
  });

  it('flatten keeps the batch axis by default (MindSpore ops.flatten)', () => {
    expect(flatten(zeros([2, 3, 4])).shape).toEqual([2, 12]);
    expect(flatten(zeros([2, 3, 4]), { startDim: 0 }).shape).toEqual([24]);
    expect(flatten(zeros([2, 3, 4]), { startDim: 0, endDim: 1 }).shape).toEqual([6, 4]);
    expect(flatten(zeros([2, 3, 4]), { startDim: -2, endDim: -2 }).shape).toEqual([2, 3, 4]);
    expect(flatten(zeros([2, 0, 4])).shape).toEqual([2, 0]);
    expectTensor(
      flatten(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
      'int32',
      [2, 2],
      [1, 2, 3, 4],
    );
  });

  it('flatten turns 0-D and 1-D inputs into 1-D', () => {
    expect(flatten(tensor(2)).shape).toEqual([1]);
    expect(flatten(zeros([5])).shape).toEqual([5]);
  });

  it('flatten errors', () => {
    expect(() => flatten(zeros([2, 3, 4]), { startDim: 2, endDim: 1 })).toThrow(
      'flatten: startDim 2 (axis 2) comes after endDim 1 (axis 1) for shape [2, 3, 4].',
    );
    expect(() => flatten(zeros([2, 3]), { startDim: 2 })).toThrow(
      'flatten: startDim 2 is out of range for rank 2; it must be an integer in [-2, 1].',
    );
  });
});

describe('broadcastTo and tile', () => {
  it('broadcastTo repeats with NumPy rules; -1 keeps a dim', () => {
    expectTensor(broadcastTo(tensor([1, 2]), [2, 2]), 'int32', [2, 2], [1, 2, 1, 2]);
    expectTensor(broadcastTo(tensor([[1], [2]]), [2, -1, 3]), 'int32', [2, 2, 3], [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]);
    expectTensor(broadcastTo(tensor(7), [0, 2]), 'float32', [0, 2], []);
  });

  it('broadcastTo errors', () => {
    expect(() => broadcastTo(zeros([2, 3]), [4, 3])).toThrow(
      'broadcastTo: cannot broadcast a tensor of shape [2, 3] to shape [4, 3]: dimension 0 is 2, which is neither 1 nor 4.',
    );
    expect(() => broadcastTo(zeros([2, 3]), [3])).toThrow(
      'broadcastTo: cannot broadcast a tensor of shape [2, 3] to shape [3], which has fewer dimensions.',
    );
    expect(() => broadcastTo(zeros([3]), [-1, 3])).toThrow(
      'broadcastTo: -1 at dimension 0 of shape [-1, 3] is a new dimension; -1 may only keep an existing one.',
    );
    expect(() => broadcastTo(zeros([3]), [1.5, 3])).toThrow(
      'broadcastTo: shape [1.5, 3] must hold integers >= 0 or -1, but got number 1.5.',
    );
  });

  it('tile repeats whole blocks', () => {
    expectTensor(tile(tensor([[1, 2]]), [2, 2]), 'int32', [2, 4], [1, 2, 1, 2, 1, 2, 1, 2]);
    expectTensor(
      tile(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [1, 2],
      ),
      'int32',
      [2, 4],
      [1, 2, 1, 2, 3, 4, 3, 4],
    );
    expectTensor(
      tile(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [2, 1],
      ),
      'int32',
      [4, 2],
      [1, 2, 3, 4, 1, 2, 3, 4],
    );
    expectTensor(tile(tensor([1, 2]), [2, 1, 2]), 'int32', [2, 1, 4], [1, 2, 1, 2, 1, 2, 1, 2]);
    expectTensor(tile(tensor([[1, 2]]), [3]), 'int32', [1, 6], [1, 2, 1, 2, 1, 2]);
    expectTensor(tile(tensor([1, 2]), [0]), 'int32', [0], []);
    expectTensor(tile(tensor([1, 2]), [1]), 'int32', [2], [1, 2]);
  });

  it('tile errors', () => {
    expect(() => tile(zeros([2]), [-1])).toThrow('tile: multiples [-1] must hold integers >= 0, but got number -1.');
    expect(() => tile(zeros([2]), 2 as never)).toThrow('tile: multiples must be an array of integers, but got number 2.');
  });
});

describe('memory', () => {
  it('leaves no temporaries', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(leakedBy(() => tile(x, [2, 3]))).toBe(0);
    expect(leakedBy(() => flatten(x))).toBe(0);
    expect(leakedBy(() => squeeze(expandDims(x, 0)))).toBe(1); // the expandDims result itself
    x.dispose();
  });
});
