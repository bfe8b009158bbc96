import { type Tensor, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { gelu, relu, sigmoid, softplus } from './activation.js';
import { cos, erf, exp, expm1, log, log1p, reciprocal, rsqrt, sin, sqrt, tan, tanh } from './math.js';
import { abs, ceil, floor, isFinite as isFiniteOp, isNaN as isNaNOp, neg, round, sign, square } from './unary.js';
import { expectTensor, leakedBy, useCpu } from './test/helpers.js';

beforeAll(useCpu);

describe('float functions', () => {
  const cases: [string, (x: Tensor) => Tensor, number[], number[]][] = [
    ['exp', exp, [0, 1, -1], [1, Math.E, 1 / Math.E]],
    ['expm1', expm1, [1e-10, 1], [1e-10, Math.E - 1]],
    ['log', log, [1, Math.E, 0, -1], [0, 1, -Infinity, NaN]],
    ['log1p', log1p, [1e-10, Math.E - 1], [1e-10, 1]],
    ['sqrt', sqrt, [4, 9, 0], [2, 3, 0]],
    ['rsqrt', rsqrt, [4, 0.25], [0.5, 2]],
    ['reciprocal', reciprocal, [4, -0.5], [0.25, -2]],
    ['sin', sin, [0, Math.PI / 2], [0, 1]],
    ['cos', cos, [0, Math.PI], [1, -1]],
    ['tan', tan, [0, Math.PI / 4], [0, 1]],
    ['tanh', tanh, [0, 1, -20], [0, 0.7615941559557649, -1]],
    ['erf', erf, [0, 1, -1], [0, 0.8427007929497149, -0.8427007929497149]],
    ['sigmoid', sigmoid, [0, 2, -100], [0.5, 0.8807970779778823, 3.720075976020836e-44]],
    ['softplus', softplus, [0, 100, -100], [Math.LN2, 100, 0]],
    ['gelu', gelu, [1, -1, 0], [0.8413447460685429, -0.15865525393145707, 0]],
  ];
  it.each(cases)('%s on float32', (_, fn, input, expected) => {
    expectTensor(fn(tensor(input, 'float32')), 'float32', [input.length], expected, 1e-5);
  });

  it.each(cases)('%s of an int32 tensor computes in float32', (_, fn) => {
    const out = fn(tensor([1, 2]));
    expect(out.dtype).toBe('float32');
    out.dispose();
  });

  it('keeps float16 and float64', () => {
    expectTensor(exp(tensor([0], 'float16')), 'float16', [1], [1]);
    expectTensor(sqrt(tensor([2], 'float64')), 'float64', [1], [Math.SQRT2], 1e-12);
  });

  it('exp of a bool tensor is float32', () => {
    expectTensor(exp(tensor([true, false])), 'float32', [2], [Math.E, 1]);
  });

  it('gelu with the tanh approximation', () => {
    expectTensor(gelu(tensor([1, -1, 0]), { approximate: 'tanh' }), 'float32', [3], [0.8411919906082768, -0.15880800939172324, 0]);
    expectTensor(gelu(tensor([2]), { approximate: 'none' }), 'float32', [1], [1.9544997361036416]);
    expectTensor(gelu(tensor([3]), { approximate: 'tanh' }), 'float32', [1], [2.9963625]);
  });

  it('works on empty and scalar tensors', () => {
    expectTensor(exp(zeros([0, 2])), 'float32', [0, 2], []);
    expectTensor(exp(tensor(0)), 'float32', [], [1]);
  });
});

describe('dtype-keeping functions', () => {
  it('neg, abs, sign, square keep numeric dtypes', () => {
    expectTensor(neg(tensor([1, -2])), 'int32', [2], [-1, 2]);
    expectTensor(abs(tensor([-3, 4], 'int8')), 'int8', [2], [3, 4]);
    expectTensor(abs(tensor([-1.5, 2])), 'float32', [2], [1.5, 2]);
    expectTensor(sign(tensor([-3, 0, 2])), 'int32', [3], [-1, 0, 1]);
    expectTensor(square(tensor([2, -3])), 'int32', [2], [4, 9]);
    expectTensor(relu(tensor([-1, 0, 2])), 'int32', [3], [0, 0, 2]);
    expectTensor(relu(tensor([-1.5, 2.5])), 'float32', [2], [0, 2.5]);
  });

  it('bool computes in int32', () => {
    expectTensor(neg(tensor([true, false])), 'int32', [2], [-1, 0]);
    expectTensor(square(tensor([true])), 'int32', [1], [1]);
  });

  it('floor, ceil, round on floats; integers are copied', () => {
    expectTensor(floor(tensor([1.5, -1.5])), 'float32', [2], [1, -2]);
    expectTensor(ceil(tensor([1.5, -1.5])), 'float32', [2], [2, -1]);
    expectTensor(round(tensor([0.5, 1.5, 2.5, 2.4, -0.5])), 'float32', [5], [0, 2, 2, 2, -0]);
    const ints = tensor([3, -4]);
    const f = floor(ints);
    expect(f).not.toBe(ints);
    expectTensor(f, 'int32', [2], [3, -4]);
    expectTensor(round(tensor([true])), 'bool', [1], [1]);
  });

  it('isNaN and isFinite give bool', () => {
    expectTensor(isNaNOp(tensor([1, NaN, Infinity])), 'bool', [3], [0, 1, 0]);
    expectTensor(isFiniteOp(tensor([1, NaN, -Infinity])), 'bool', [3], [1, 0, 0]);
    expectTensor(isFiniteOp(tensor([1, 2])), 'bool', [2], [1, 1]);
  });
});

describe('errors and memory', () => {
  it('needs a Tensor', () => {
    expect(() => exp(3 as unknown as Tensor)).toThrow('exp: input must be a Tensor, but got number 3.');
    expect(() => relu([1] as unknown as Tensor)).toThrow('relu: input must be a Tensor, but got an array of length 1.');
    expect(() => floor(undefined as unknown as Tensor)).toThrow('floor: input must be a Tensor, but got undefined.');
  });

  it('gelu refuses an unknown approximation', () => {
    expect(() => gelu(zeros([1]), { approximate: 'erf' as 'none' })).toThrow(
      "gelu: approximate must be 'none' or 'tanh', but got string \"erf\".",
    );
  });

  it('frees its casts and the gelu intermediates', () => {
    const x = tensor([1, 2]);
    expect(leakedBy(() => exp(x))).toBe(0);
    expect(leakedBy(() => neg(tensor([true])))).toBe(1); // the input tensor itself
    expect(leakedBy(() => gelu(x, { approximate: 'tanh' }))).toBe(0);
    x.dispose();
  });
});
