import { memory, ones, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { gatherElements, scatter, tensorScatterElements } from './gatherElements.js';

beforeAll(useCpu);

describe('gatherElements', () => {
  it('picks along dim at index, with negative indices and a smaller index shape', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectTensor(
      gatherElements(x, 1, [
        [0, 0],
        [1, 0],
      ]),
      'int32',
      [2, 2],
      [1, 1, 5, 4],
    );
    expectTensor(gatherElements(x, 0, [[1, 0, 1]]), 'int32', [1, 3], [4, 2, 6]);
    expectTensor(gatherElements(x, -1, tensor([[-1], [-3]])), 'int32', [2, 1], [3, 4]);
    x.dispose();
  });

  it('refuses bad arguments, naming them', () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    const idx = tensor([[0, 5]]);
    const before = memory().numTensors;
    expect(() => gatherElements(x, 1, [[0, 2]])).toThrow('gatherElements: index value number 2 is out of range for axis 1 of size 2.');
    expect(() => gatherElements(x, 1, [0, 1])).toThrow(/gatherElements: index must have the rank of input \(2\)/);
    expect(() => gatherElements(x, 1, [[0], [1], [0]])).toThrow(/no dimension but axis 1 larger than input's \[2, 2\], but got \[3, 1\]/);
    expect(() => gatherElements(x, 2, [[0]])).toThrow(/gatherElements: dim 2 is out of range/);
    expect(() => gatherElements(x, 1, x)).toThrow('gatherElements: index must be an integer Tensor, but got float32.');
    // A Tensor index is range-checked by the kernel, without reading it back here.
    expect(() => gatherElements(x, 1, idx)).toThrow(/out of range/);
    expect(memory().numTensors).toBe(before);
    for (const t of [x, idx]) t.dispose();
  });

  it('gradient scatters back', () => {
    const idx = tensor([
      [0, 2, 2],
      [1, 1, 0],
    ]);
    expect(checkGradients((x) => gatherElements(x, 1, idx), [f64([2, 3])])).toEqual([]);
    expect(checkGradients((x) => gatherElements(x, 0, [[1, 0, 1]]), [f64([2, 3])])).toEqual([]);
    idx.dispose();
  });
});

describe('tensorScatterElements, scatter', () => {
  it("writes ('none') or adds ('add') updates along an axis", () => {
    const x = zeros([2, 3]);
    const u = tensor([[1, 2, 3]], 'float32');
    expectTensor(tensorScatterElements(x, [[1, 0, 1]], u), 'float32', [2, 3], [0, 2, 0, 1, 0, 3]);
    expectTensor(tensorScatterElements(x, [[2, 0, 2]], u, { axis: 1, reduction: 'add' }), 'float32', [2, 3], [2, 0, 4, 0, 0, 0]);
    expectTensor(tensorScatterElements(ones([3]), [0, 2], tensor([5, 7], 'float32')), 'float32', [3], [5, 1, 7]);
    expectTensor(scatter(zeros([3]), 0, [2, 0], tensor([5, 7], 'float32')), 'float32', [3], [7, 0, 5]);
    expectTensor(
      scatter(
        tensor([
          [1, 1],
          [1, 1],
        ]),
        1,
        [[1], [0]],
        tensor([[8], [9]]),
      ),
      'int32',
      [2, 2],
      [1, 8, 9, 1],
    );
    x.dispose();
    u.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = zeros([2, 3]);
    const u = ones([1, 2]);
    const before = memory().numTensors;
    expect(() => tensorScatterElements(x, [[0, 1, 0]], u)).toThrow(
      'tensorScatterElements: updates must have the shape of indices [1, 3], but got [1, 2].',
    );
    expect(() => tensorScatterElements(x, [[0, 1]], u, { reduction: 'mul' as never })).toThrow(
      "tensorScatterElements: reduction must be 'none' or 'add', but got string \"mul\".",
    );
    expect(() => tensorScatterElements(x, [[0, 1]], u, { dim: 0 } as never)).toThrow("unknown option 'dim' for tensorScatterElements");
    expect(() => scatter(x, 0, [[3, 0]], u)).toThrow('scatter: index value number 3 is out of range for axis 0 of size 2.');
    expect(memory().numTensors).toBe(before);
    x.dispose();
    u.dispose();
  });

  it('gradients: to input where not written, to updates gathered at the indices', () => {
    const idx = tensor([
      [1, 0, 1],
      [0, 2, 1],
    ]);
    expect(checkGradients((x, u) => tensorScatterElements(x, [[1, 0, 1]], u as never), [f64([2, 3]), f64([1, 3])])).toEqual([]);
    expect(
      checkGradients((x, u) => tensorScatterElements(x, idx, u as never, { axis: 1, reduction: 'add' }), [f64([2, 3]), f64([2, 3])]),
    ).toEqual([]);
    expect(checkGradients((x, u) => scatter(x, 0, [[1, 0, 1]], u as never), [f64([2, 3]), f64([1, 3])])).toEqual([]);
    idx.dispose();
  });
});
