/**
 * The calling conventions every op shares: options objects go through checkOptions, extra
 * positional arguments are refused, and MindSpore's positional forms mean what they mean there.
 */
import { ones, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { expectTensor, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

const call = (f: unknown, ...args: unknown[]) => (f as (...a: unknown[]) => unknown)(...args);

describe('options objects are checked', () => {
  it('a string, an array or an unknown key is a TypeError naming the op', () => {
    const m = ones([2, 2]);
    expect(() => call(ops.matmul, m, m, 'abc')).toThrow(`For 'matmul', the options must be an object or undefined, but got "abc".`);
    expect(() => call(ops.matmul, m, m, { transpose_b: true })).toThrow(
      "unknown option 'transpose_b' for matmul; did you mean 'transposeB'?",
    );
    expect(() => call(ops.conv2d, zeros([1, 1, 3, 3]), zeros([1, 1, 1, 1]), { strides: 2 })).toThrow(
      "unknown option 'strides' for conv2d; did you mean 'stride'?",
    );
    expect(() => call(ops.maxPool2d, zeros([1, 1, 2, 2]), 2, { pad: 1 })).toThrow("unknown option 'pad' for maxPool2d");
    expect(() => call(ops.gelu, m, { approx: 'tanh' })).toThrow("unknown option 'approx' for gelu");
    expect(() => call(ops.dropout, m, 0.5, { train: false })).toThrow("unknown option 'train' for dropout");
    expect(() => call(ops.flatten, m, { start_dim: 0 })).toThrow("unknown option 'start_dim' for flatten; did you mean 'startDim'?");
    expect(() => call(ops.mseLoss, m, m, { reduce: 'sum' })).toThrow("unknown option 'reduce' for mseLoss");
    expect(() => call(ops.crossEntropy, m, tensor([0, 1]), { ignore_index: 1 })).toThrow("did you mean 'ignoreIndex'?");
    expect(() => call(ops.onesLike, m, { dtyp: 'int32' })).toThrow("unknown option 'dtyp' for onesLike; did you mean 'dtype'?");
    expect(() => call(ops.norm, m, 2, null, false, { type: 'float32' })).toThrow("unknown option 'type' for norm");
  });

  it('extra positional arguments are refused', () => {
    const m = ones([2, 2]);
    expect(() => call(ops.matmul, m, m, {}, 1)).toThrow('matmul takes at most 3 arguments, but got 4.');
    expect(() => call(ops.sum, m, 0, false, 1)).toThrow('sum takes at most 3 arguments, but got 4.');
    expect(() => call(ops.max, m, 0, false, 1)).toThrow('max takes at most 3 arguments, but got 4.');
    expect(() => call(ops.relu, m, 1)).toThrow('relu takes at most 1 argument, but got 2.');
    expect(() => call(ops.permute, m, [1, 0], 1)).toThrow('permute takes at most 2 arguments, but got 3.');
    expect(() => call(ops.std, m, 0, 0, false, 1)).toThrow('std takes at most 4 arguments, but got 5.');
    expect(() => call(ops.bmm, m, m, m)).toThrow('bmm takes at most 2 arguments, but got 3.');
    expect(() => call(ops.dropout, m, 0.5, {}, 1)).toThrow('dropout takes at most 3 arguments, but got 4.');
  });
});

describe('dropout(input, p, training, seed)', () => {
  it('training false returns an equal copy; true drops as with the options form', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], 'float32');
    const evalOut = ops.dropout(x, 0.9, false);
    expect(evalOut).not.toBe(x);
    expectTensor(evalOut, 'float32', [8], [1, 2, 3, 4, 5, 6, 7, 8]);
    expect(values(ops.dropout(x, 0.5, true, 3))).toEqual(values(ops.dropout(x, 0.5, { seed: 3 })));
    expect(values(ops.dropout(x, 0.5, false, 3))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('flatten(input, order, { startDim, endDim })', () => {
  it("a number where MindSpore's order goes is an error that shows the options form", () => {
    expect(() => call(ops.flatten, zeros([2, 3]), 0)).toThrow(
      "flatten: the second argument is the order 'C' or 'F' or the options { startDim, endDim }, but got number 0; for MindSpore's start_dim=0 pass { startDim: 0 }.",
    );
    expect(() => call(ops.flatten, zeros([2, 3]), 'A')).toThrow(`flatten: order must be 'C' or 'F', but got string "A".`);
  });

  it("order 'F' reads column-major", () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectTensor(ops.flatten(x, 'F', { startDim: 0 }), 'int32', [6], [1, 4, 2, 5, 3, 6]);
    expectTensor(ops.flatten(x, 'C', { startDim: 0 }), 'int32', [6], [1, 2, 3, 4, 5, 6]);
    expectTensor(ops.flatten(x, 'F'), 'int32', [3, 2], [1, 4, 2, 5, 3, 6]);
  });
});

describe('max/min with an axis give [values, indices]', () => {
  it('and the value alone without one; several axes are amax/amin', () => {
    const x = tensor([
      [1, 5],
      [7, 4],
    ]);
    const [v, i] = ops.max(x, 1);
    expectTensor(v, 'int32', [2], [5, 7]);
    expectTensor(i, 'int32', [2], [1, 0]);
    const [mv, mi] = ops.min(x, 0, true);
    expectTensor(mv, 'int32', [1, 2], [1, 4]);
    expectTensor(mi, 'int32', [1, 2], [0, 1]);
    expectTensor(ops.max(x), 'int32', [], [7]);
    expectTensor(ops.min(x, null, true), 'int32', [1, 1], [1]);
    expect(() => call(ops.max, x, [0, 1])).toThrow(
      'max: axis must be a single integer or null, but got an array of length 2; for the maximum over several axes use ops.amax(input, axis).',
    );
  });
});
