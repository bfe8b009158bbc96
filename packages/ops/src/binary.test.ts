import { memory, type Tensor, tensor, tidy, zeros } from '@mindts/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { add, atan2, div, floorDiv, maximum, minimum, mod, mul, pow, sub } from './binary.js';
import { expectClose, expectTensor, leakedBy, useCpu, values } from './test/helpers.js';
import { broadcastPairArb, dataArb, naiveBinary } from './test/reference.js';

beforeAll(useCpu);

describe('arithmetic values', () => {
  it('add, sub, mul on int32 and float32', () => {
    expectTensor(add(tensor([1, 2, 3]), tensor([10, 20, 30])), 'int32', [3], [11, 22, 33]);
    expectTensor(sub(tensor([1.5, 2]), tensor([0.5, 4])), 'float32', [2], [1, -2]);
    expectTensor(
      mul(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([
          [2, 0],
          [-1, 3],
        ]),
      ),
      'int32',
      [2, 2],
      [2, 0, -3, 12],
    );
  });

  it('div is true division; integer operands divide in float32', () => {
    expectTensor(div(tensor([1, 3, -7]), tensor([2, 2, 2])), 'float32', [3], [0.5, 1.5, -3.5]);
    expectTensor(div(tensor([1, -1, 0], 'float64'), 0), 'float64', [3], [Infinity, -Infinity, NaN]);
    expectTensor(div(tensor([1, 2], 'int8'), tensor([4, 4], 'int8')), 'float32', [2], [0.25, 0.5]);
  });

  it('floorDiv and mod follow the sign of the divisor', () => {
    expectTensor(floorDiv(tensor([7, -7, 7, -7]), tensor([2, 2, -2, -2])), 'int32', [4], [3, -4, -4, 3]);
    expectTensor(mod(tensor([7, -7, 7, -7]), tensor([3, 3, -3, -3])), 'int32', [4], [1, 2, -2, -1]);
    expectTensor(mod(tensor([5.5, -5.5]), 2), 'float32', [2], [1.5, 0.5]);
    expectTensor(floorDiv(tensor([5.5, -5.5]), 2), 'float32', [2], [2, -3]);
  });

  it('pow, maximum, minimum, atan2', () => {
    expectTensor(pow(tensor([1, 2, 3]), 2), 'int32', [3], [1, 4, 9]);
    expectTensor(pow(tensor([4, 9], 'float32'), 0.5), 'float32', [2], [2, 3]);
    expectTensor(pow(2, tensor([0, 1, 3])), 'int32', [3], [1, 2, 8]);
    expectTensor(maximum(tensor([1, 5, NaN]), tensor([3, 2, 0])), 'float32', [3], [3, 5, NaN]);
    expectTensor(minimum(tensor([1, 5]), 3), 'int32', [2], [1, 3]);
    expectTensor(atan2(tensor([1, 0]), tensor([1, -1])), 'float32', [2], [Math.PI / 4, Math.PI]);
  });

  it('takes a number on either side', () => {
    expectTensor(sub(10, tensor([1, 2])), 'int32', [2], [9, 8]);
    expectTensor(div(1, tensor([4])), 'float32', [1], [0.25]);
    expectTensor(mul(tensor([1.5]), true), 'float32', [1], [1.5]);
  });
});

describe('dtype inference', () => {
  const cases: [string, () => Tensor, string][] = [
    ['int32 + float32 tensor', () => add(tensor([1]), tensor([1.5])), 'float32'],
    ['int8 + uint8 tensor (MindSpore order: uint8 ranks higher)', () => add(tensor([1], 'int8'), tensor([1], 'uint8')), 'uint8'],
    ['float16 + int32 tensor', () => add(tensor([1], 'float16'), tensor([1], 'int32')), 'float16'],
    ['float16 + float64 tensor', () => add(tensor([1], 'float16'), tensor([1], 'float64')), 'float64'],
    ['int8 tensor + integer number keeps int8', () => add(tensor([1], 'int8'), 2), 'int8'],
    ['int32 tensor + fractional number is float32', () => add(tensor([1]), 0.5), 'float32'],
    ['float16 tensor + fractional number keeps float16', () => add(tensor([1], 'float16'), 0.5), 'float16'],
    ['float64 tensor + integer number keeps float64', () => add(tensor([1], 'float64'), 2), 'float64'],
    ['bool tensor + integer number is int32', () => add(tensor([true]), 2), 'int32'],
    ['bool tensor + fractional number is float32', () => add(tensor([true]), 0.5), 'float32'],
    ['bool tensor + boolean stays bool', () => add(tensor([true, false]), false), 'bool'],
    ['number first: 1 - int8 tensor', () => sub(1, tensor([1], 'int8')), 'int8'],
  ];
  it.each(cases)('%s', (_, run, dtype) => {
    const t = run();
    expect(t.dtype).toBe(dtype);
    t.dispose();
  });

  it('computes in the promoted dtype (int8 + uint8 wraps in uint8)', () => {
    expectTensor(add(tensor([-1], 'int8'), tensor([0], 'uint8')), 'uint8', [1], [255]);
  });

  it('two bools: add is OR, mul is AND, maximum/minimum too', () => {
    const a = tensor([true, true, false, false]);
    const b = tensor([true, false, true, false]);
    expectTensor(add(a, b), 'bool', [4], [1, 1, 1, 0]);
    expectTensor(mul(a, b), 'bool', [4], [1, 0, 0, 0]);
    expectTensor(maximum(a, b), 'bool', [4], [1, 1, 1, 0]);
    expectTensor(minimum(a, b), 'bool', [4], [1, 0, 0, 0]);
    expectTensor(add(a, 1), 'int32', [4], [2, 2, 1, 1]);
  });
});

describe('broadcasting', () => {
  it('broadcasts rows against columns and scalars', () => {
    expectTensor(sub(tensor([1, 2]), tensor([[1], [2]])), 'int32', [2, 2], [0, 1, -1, 0]);
    expectTensor(add(tensor(5, 'int32'), tensor([[1, 2, 3]])), 'int32', [1, 3], [6, 7, 8]);
  });

  it('broadcasts empty tensors', () => {
    expectTensor(add(zeros([0, 3]), zeros([3])), 'float32', [0, 3], []);
    expectTensor(mul(zeros([2, 0]), 2), 'float32', [2, 0], []);
  });

  it('matches a naive reference on random broadcast-compatible shapes', () => {
    fc.assert(
      fc.property(
        broadcastPairArb().chain(([as, bs]) => fc.tuple(fc.constant(as), fc.constant(bs), dataArb(as), dataArb(bs, 1, 9))),
        ([as, bs, a, b]) => {
          const ta = tensor(a, 'float32', as);
          const tb = tensor(b, 'int32', bs);
          for (const [fn, ref] of [
            [add, (x: number, y: number) => x + y],
            [sub, (x: number, y: number) => x - y],
            [mul, (x: number, y: number) => x * y],
            [div, (x: number, y: number) => x / y],
            [maximum, Math.max],
          ] as const) {
            const out = fn(ta, tb);
            const expected = naiveBinary(a, as, b, bs, ref);
            expect(out.shape).toEqual(expected.shape);
            expectClose(values(out), expected.values);
            out.dispose();
          }
          ta.dispose();
          tb.dispose();
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('errors', () => {
  it('names the op and both shapes when shapes do not broadcast', () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow('add: Shapes [2, 3] and [4] cannot be broadcast together (dimension 1: 3 vs 4).');
  });

  it('needs a Tensor or a number, naming the argument', () => {
    expect(() => mul(zeros([1]), 'x' as unknown as number)).toThrow('mul: other must be a Tensor or a number, but got string "x".');
    expect(() => sub(null as unknown as number, zeros([1]))).toThrow('sub: input must be a Tensor or a number, but got null.');
    expect(() => pow(zeros([1]), [2] as unknown as number)).toThrow(
      'pow: exponent must be a Tensor or a number, but got an array of length 1.',
    );
  });

  it('refuses two numbers, as MindSpore does', () => {
    expect(() => add(1, 2)).toThrow('add: at least one of input and other must be a Tensor, but got number 1 and number 2.');
  });

  it('refuses arithmetic that has no meaning on two bools', () => {
    expect(() => sub(tensor([true]), tensor([false]))).toThrow(
      'sub: bool operands are not supported; cast input or other to a numeric dtype first.',
    );
    expect(() => mod(tensor([true]), true)).toThrow('mod: bool operands are not supported');
  });

  it('refuses a disposed tensor', () => {
    const t = zeros([2]);
    t.dispose();
    expect(() => add(t, 1)).toThrow('Tensor has been disposed');
  });
});

describe('memory', () => {
  it('frees the cast and scalar temporaries', () => {
    const a = tensor([1, 2], 'int8');
    const b = tensor([0.5, 1.5], 'float32');
    expect(leakedBy(() => add(a, b))).toBe(0);
    expect(leakedBy(() => mul(a, 2.5))).toBe(0);
    expect(leakedBy(() => div(a, a))).toBe(0);
    expect(() => add(a, zeros([3]))).toThrow();
    const before = memory().numTensors;
    tidy(() => {
      add(mul(a, 2), sub(b, 1));
    });
    expect(memory().numTensors).toBe(before);
    a.dispose();
    b.dispose();
  });
});
