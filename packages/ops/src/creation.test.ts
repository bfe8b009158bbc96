import { tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { expectTensor, useCpu } from './test/helpers.js';

beforeAll(useCpu);

describe('creators through ops', () => {
  it("ops.fill takes MindSpore's order (dtype, shape, value) and says so when given tensor's", () => {
    expectTensor(ops.fill('int32', [2], 3), 'int32', [2], [3, 3]);
    expect(() => ops.fill([2, 2] as never, 1 as never, 'float32' as never)).toThrow(
      'fill: the first argument is the dtype (MindSpore ops.fill(type, shape, value)), but got an array of length 2.',
    );
    expect(() => ops.fill('float32', [2], 'a' as never)).toThrow('fill: value must be a number or a boolean, but got string "a".');
  });

  it('the *Like family keeps the shape and dtype unless told, and checks its input', () => {
    expectTensor(ops.zerosLike(tensor([[true, false]])), 'bool', [1, 2], [0, 0]);
    expectTensor(ops.fullLike(tensor([1, 2]), -2.7), 'int32', [2], [-2, -2]);
    expect(() => ops.onesLike([1, 2] as never)).toThrow('onesLike: input must be a Tensor, but got an array of length 2.');
    expect(() => ops.zerosLike(tensor([1]), { dtype: 'float128' as never })).toThrow('dtype');
  });

  it('ones, zeros, arange and full check their arguments', () => {
    expect(() => ops.ones('3' as never)).toThrow('ones: shape must be an integer or an array of integers, but got string "3".');
    expect(() => ops.arange(0, 3, 0)).toThrow('arange: step must be a nonzero finite');
    expect(() => ops.full([2], null as never)).toThrow('full: fillValue must be a number or a boolean, but got null.');
  });
});
