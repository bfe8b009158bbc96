import { memory, tensor, tidy, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { assign, assignAdd, assignSub } from './assign.js';
import { expectClose, useCpu, values } from './test/helpers.js';

beforeAll(useCpu);

describe('assign', () => {
  it('writes a same-shape value in place and returns the variable', () => {
    const v = tensor([1, 2], 'float32');
    const value = tensor([3, 4], 'float32');
    const out = assign(v, value);
    expect(out).toBe(v);
    expect(values(v)).toEqual([3, 4]);
    // The value keeps its own storage.
    assignAdd(value, 10);
    expect(values(v)).toEqual([3, 4]);
    expect(values(value)).toEqual([13, 14]);
    v.dispose();
    value.dispose();
  });

  it('broadcasts a number or a scalar tensor', () => {
    const v = zeros([2, 2]);
    assign(v, 7);
    expect(values(v)).toEqual([7, 7, 7, 7]);
    assign(v, tensor(2, 'int32'));
    expect(values(v)).toEqual([2, 2, 2, 2]);
    v.dispose();
  });

  it('takes nested arrays and typed arrays', () => {
    const v = zeros([2, 2]);
    assign(v, [
      [1, 2.5],
      [3, 4],
    ]);
    expect(values(v)).toEqual([1, 2.5, 3, 4]);
    v.dispose();
    const flat = zeros([4], 'int32');
    assign(flat, new Int8Array([1, -2, 3, 4]));
    expect(values(flat)).toEqual([1, -2, 3, 4]);
    flat.dispose();
    const iv = tensor([0, 0]);
    assign(iv, [true, false]);
    expect(values(iv)).toEqual([1, 0]);
    iv.dispose();
  });

  it('casts a narrower dtype up to the variable dtype', () => {
    const v = tensor([0.5, 0.5], 'float32');
    assign(v, tensor([1, 2], 'int32'));
    expect(v.dtype).toBe('float32');
    expect(values(v)).toEqual([1, 2]);
    const h = tensor([0], 'float16');
    assign(h, tensor([3], 'int8'));
    expect(h.dtype).toBe('float16');
    expect(values(h)).toEqual([3]);
    v.dispose();
    h.dispose();
  });

  it('refuses a wider dtype with MindSpore wording', () => {
    const v = tensor([1, 2], 'int32');
    expect(() => assign(v, tensor([1.5, 2], 'float32'))).toThrow(
      "Data type conversion of 'Parameter' is not supported, so data type int32 cannot be converted to data type float32 automatically.",
    );
    expect(() => assign(v, 0.5)).toThrow(
      "Data type conversion of 'Parameter' is not supported, so data type int32 cannot be converted to data type float32 automatically.",
    );
    expect(() => assign(v, [0.5, 1])).toThrow('so data type int32 cannot be converted to data type float32 automatically.');
    expect(() => assign(tensor([1], 'float16'), tensor([1], 'float32'))).toThrow(
      'so data type float16 cannot be converted to data type float32 automatically.',
    );
    expect(() => assign(tensor([true]), 1)).toThrow('so data type bool cannot be converted to data type int32 automatically.');
    expect(() => assign(tensor([1], 'float32'), new Float64Array([1]))).toThrow(
      'so data type float32 cannot be converted to data type float64 automatically.',
    );
    expect(values(v)).toEqual([1, 2]);
    v.dispose();
  });

  it('requires the same shape, with MindSpore wording', () => {
    const v = zeros([3, 2]);
    expect(() => assign(v, zeros([2, 3]))).toThrow(
      "For 'assign', the shape of value is [2, 3]. It should be same with variable's shape [3, 2].",
    );
    expect(() => assignAdd(v, zeros([2]))).toThrow(
      "For 'assignAdd', the shape of value is [2]. It should be same with variable's shape [3, 2].",
    );
    expect(() => assign(v, zeros([1, 1]))).toThrow("For 'assign', the shape of value is [1, 1].");
    expect(() => assign(1 as never, 2)).toThrow("For 'assign', variable must be a Tensor or Parameter, but got number 1.");
    v.dispose();
  });

  it('accepts a [1] value for a [] variable and the reverse (as MindSpore Assign)', () => {
    const s = tensor(0, 'float32');
    assign(s, tensor([5], 'float32'));
    expect(s.shape).toEqual([]);
    expect(values(s)).toEqual([5]);
    const one = zeros([1]);
    assign(one, tensor(6, 'float32'));
    expect(values(one)).toEqual([6]);
    expect(() => assign(s, zeros([1, 1]))).toThrow(
      "For 'assign', the shape of value is [1, 1]. It should be same with variable's shape [].",
    );
    s.dispose();
    one.dispose();
  });

  it('assign(x, x) is a no-op that keeps x usable', () => {
    const x = tensor([1, 2]);
    assign(x, x);
    expect(values(x)).toEqual([1, 2]);
    x.dispose();
  });
});

describe('assignAdd and assignSub', () => {
  it('update in place', () => {
    const v = tensor([1, 2], 'float32');
    expect(assignAdd(v, tensor([0.5, 0.5]))).toBe(v);
    expectClose(values(v), [1.5, 2.5]);
    assignSub(v, 1);
    expectClose(values(v), [0.5, 1.5]);
    const step = tensor(0, 'int32');
    assignAdd(step, 1);
    assignAdd(step, 1);
    expect(values(step)).toEqual([2]);
    expect(() => assignSub(step, 0.5)).toThrow('so data type int32 cannot be converted to data type float32 automatically.');
    v.dispose();
    step.dispose();
  });
});

describe('memory', () => {
  it('creates no tensors: the variable adopts the new buffer', () => {
    const v = zeros([4]);
    const value = tensor([1, 2, 3, 4], 'int32');
    const before = memory().numTensors;
    const bytes = memory().numBytes;
    assign(v, value);
    assignAdd(v, value);
    assignSub(v, 1);
    assign(v, [1, 2, 3, 4]);
    expect(memory().numTensors).toBe(before);
    expect(memory().numBytes).toBe(bytes);
    tidy(() => assignAdd(v, 1));
    expect(v.isDisposed).toBe(false);
    expect(values(v)).toEqual([2, 3, 4, 5]);
    expect(memory().numTensors).toBe(before);
    v.dispose();
    value.dispose();
  });
});

describe('a value that is not tensor data', () => {
  it('is refused before anything is written, naming the op and the value', () => {
    const w = tensor([1, 2]);
    for (const [f, name] of [
      [assign, 'assign'],
      [assignAdd, 'assignAdd'],
      [assignSub, 'assignSub'],
    ] as const) {
      expect(() => f(w, undefined as never)).toThrow(
        `For '${name}', value must be a Tensor, a number, a boolean or an array of numbers, but got undefined.`,
      );
      expect(() => f(w, 'abc' as never)).toThrow(/but got string "abc"\./);
    }
    expect(values(w)).toEqual([1, 2]);
    w.dispose();
  });
});
