import { arange, eye, fill, fromValues, linspace, ones, rand, randn, setSeed, Tensor, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu, vals } from './testing/harness.js';

beforeAll(useCpu);

describe('tensor() dtype inference', () => {
  it('a JS number is float32, a boolean bool', () => {
    expect(tensor(3).dtype).toBe('float32');
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(true).dtype).toBe('bool');
  });

  it('integer arrays are int32, fractional ones float32, booleans bool', () => {
    expect(tensor([1, 2, 3]).dtype).toBe('int32');
    // Beyond int32's range an integer array is int64 (exact up to 2^53), never wrapped.
    expect(tensor([1, 3e9]).dtype).toBe('int64');
    expect(Array.from(tensor([1, 3e9]).dataSync())).toEqual([1, 3e9]);
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).shape,
    ).toEqual([2, 2]);
    expect(tensor([1, 2.5]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([]).dtype).toBe('float32');
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('typed arrays keep their type', () => {
    expect(tensor(new Float64Array([1])).dtype).toBe('float64');
    expect(tensor(new Float32Array([1])).dtype).toBe('float32');
    expect(tensor(new Int32Array([1])).dtype).toBe('int32');
    expect(tensor(new Int8Array([1])).dtype).toBe('int8');
    expect(tensor(new Uint8Array([1])).dtype).toBe('uint8');
    expect(tensor(new Uint8ClampedArray([1])).dtype).toBe('uint8');
  });

  it('an explicit dtype converts the data', () => {
    expect(vals(tensor([1.7, -1.7], 'int32'))).toEqual([1, -1]);
    expect(() => tensor([1, Number.NaN], 'int32')).toThrow('Tensor: value NaN (element 1) cannot be stored in int32');
    expect(() => tensor([300], 'uint8')).toThrow('Tensor: value 300 is out of bounds for uint8, which holds integers in [0, 255]');
    expect(vals(tensor([0, 2, -1], 'bool'))).toEqual([0, 1, 1]);
    expect(vals(tensor([0.1], 'float16'))).toEqual([0.0999755859375]);
    expect(vals(tensor([1, 2], 'float64'))).toEqual([1, 2]);
    expect(vals(tensor([1, 2, 3, 4], 'int32', [2, 2]))).toEqual([1, 2, 3, 4]);
    expect(tensor([1, 2, 3, 4], undefined, [2, 2]).shape).toEqual([2, 2]);
  });

  it('new Tensor(tensor, dtype) copies or casts', () => {
    const x = tensor([1.5, 2.5]);
    const y = new Tensor(x, 'int32');
    expect(y.dtype).toBe('int32');
    expect(vals(y)).toEqual([1, 2]);
    const z = new Tensor(x);
    x.setItem(0, 9);
    expect(vals(z)).toEqual([1.5, 2.5]);
  });
});

describe('tensor() bad input', () => {
  it('ragged arrays name the offending element and the expected shape', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      'data is ragged: expected data[1] to be an array of length 2 (shape [2, 2]), but got an array of length 1.',
    );
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/expected data\[1\] to be an array of length 2/);
    expect(() => tensor([1, [2]] as never)).toThrow(/data\[1\] must be a number or boolean, but got an array of length 1/);
  });

  it('non-numeric data, mixed kinds, unknown dtypes and bad shapes are errors', () => {
    expect(() => tensor([1, 'a'] as never)).toThrow('data[1] must be a number or boolean, but got string a.');
    expect(() => tensor([1, true])).toThrow(/mixes booleans and numbers/);
    expect(() => tensor({} as never)).toThrow(/data must be a number, boolean, nested array or typed array, but got an object \(Object\)/);
    expect(() => tensor(new Uint16Array(2) as never)).toThrow(/typed array Uint16Array has no matching dtype/);
    expect(() => tensor([1], 'float8' as never)).toThrow(/dtype must be one of .* but got "float8"/);
    expect(() => tensor([1, 2, 3], 'float32', [2, 2])).toThrow('tensor: shape [2, 2] needs 4 values, but data has 3.');
  });
});

describe('creation functions', () => {
  it('zeros, ones and fill', () => {
    const z = zeros([2, 3]);
    expect(z.dtype).toBe('float32');
    expect(vals(z)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(vals(ones([2], 'int32'))).toEqual([1, 1]);
    expect(ones([2], 'int8').dtype).toBe('int8');
    expect(vals(fill([2, 2], 7))).toEqual([7, 7, 7, 7]);
    expect(fill([1], true).dtype).toBe('bool');
    expect(vals(fill([2], 2.5, 'int32'))).toEqual([2, 2]);
    expect(zeros([0]).size).toBe(0);
    expect(() => zeros([2, -1])).toThrow(/shape must contain non-negative integers, but got \[2, -1\]/);
    expect(() => fill([2], 'x' as never)).toThrow('fill: value must be a number or boolean, but got "x".');
  });

  it('arange: int32 for integer arguments, float32 otherwise', () => {
    const a = arange(5);
    expect(a.dtype).toBe('int32');
    expect(vals(a)).toEqual([0, 1, 2, 3, 4]);
    expect(vals(arange(2, 8, 3))).toEqual([2, 5]);
    expect(vals(arange(5, 0, -2))).toEqual([5, 3, 1]);
    const f = arange(0, 1, 0.25);
    expect(f.dtype).toBe('float32');
    expect(vals(f)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(3, 1).size).toBe(0);
    expect(arange(3, undefined, 1, 'float64').dtype).toBe('float64');
    expect(() => arange(0, 5, 0)).toThrow('arange: step must be a nonzero finite number, but got 0.');
    expect(() => arange(0, Infinity)).toThrow(/arange: stop must be a finite number, but got Infinity/);
  });

  it('linspace includes both ends', () => {
    expect(vals(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(vals(linspace(3, 3, 1))).toEqual([3]);
    expect(linspace(0, 1, 0).size).toBe(0);
    expect(vals(linspace(0, 1, 3, 'float64'))).toEqual([0, 0.5, 1]);
    expect(() => linspace(0, 1, -1)).toThrow('linspace: num must be an integer in [0, 2147483647], but got -1.');
  });

  it('eye is square or rectangular', () => {
    expect(vals(eye(2))).toEqual([1, 0, 0, 1]);
    const r = eye(2, 3, 'int32');
    expect(r.shape).toEqual([2, 3]);
    expect(vals(r)).toEqual([1, 0, 0, 0, 1, 0]);
  });

  it('fromValues writes flat values with a shape', () => {
    const x = fromValues([1, 2, 3, 4, 5, 6], [3, 2], 'int8');
    expect(x.shape).toEqual([3, 2]);
    expect(x.dtype).toBe('int8');
    expect(vals(x)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('seeded random', () => {
  it('the same global seed gives the same values; the stream advances between draws', () => {
    setSeed(42);
    const a = vals(randn([5]));
    const b = vals(randn([5]));
    setSeed(42);
    expect(vals(randn([5]))).toEqual(a);
    expect(vals(randn([5]))).toEqual(b);
    expect(a).not.toEqual(b);
  });

  it('an explicit seed ignores the global stream', () => {
    setSeed(1);
    const a = vals(rand([4], { seed: 7 }));
    setSeed(2);
    randn([3]);
    expect(vals(rand([4], { seed: 7 }))).toEqual(a);
  });

  it('honours range, mean/stddev and dtype options', () => {
    const u = vals(rand([1000], { seed: 3, minval: -2, maxval: -1 }));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(-1);
    const n = randn([2000], { seed: 3, mean: 10, stddev: 0.5, dtype: 'float64' });
    expect(n.dtype).toBe('float64');
    const m = vals(n).reduce((s, v) => s + v, 0) / 2000;
    expect(m).toBeCloseTo(10, 1);
    expect(randn([2], { dtype: 'float16' }).dtype).toBe('float16');
    expect(() => randn([2], { dtype: 'int32' })).toThrow(
      'randn: options.dtype must be a float dtype (float16, float32, float64), but got "int32".',
    );
    expect(() => setSeed(1.5)).toThrow(/seed must be an integer, but got 1.5/);
    expect(() => rand([2], { seed: 0.5 })).toThrow(/seed must be an integer, but got 0.5/);
  });
});

describe('reading values', () => {
  it('data() and dataSync() return typed arrays in compute form', async () => {
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      'float32',
    );
    expect(x.dataSync()).toBeInstanceOf(Float32Array);
    expect(Array.from(await x.data())).toEqual([1, 2, 3, 4]);
    expect(tensor([1], 'float16').dataSync()).toBeInstanceOf(Float32Array);
    expect(tensor([1], 'bool').dataSync()).toBeInstanceOf(Uint8Array);
    expect(tensor([1], 'int8').dataSync()).toBeInstanceOf(Int8Array);
    expect(tensor([1], 'float64').dataSync()).toBeInstanceOf(Float64Array);
  });

  it('shares storage like asnumpy(), but in-place ops never write into a handed-out array', () => {
    const x = tensor([1, 2, 3]);
    const d = x.dataSync();
    expect(x.dataSync()).toBe(d); // no copy per read
    x.setItem(0, 100); // swaps in a new buffer
    expect(Array.from(d)).toEqual([1, 2, 3]);
    expect(vals(x)).toEqual([100, 2, 3]);
    x.dispose();
    expect(Array.from(d)).toEqual([1, 2, 3]); // never reused for another tensor
  });

  it('array() and arraySync() nest values; bools read as booleans; scalars as numbers', async () => {
    expect(
      await tensor([
        [1, 2],
        [3, 4],
      ]).array(),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor([true, false]).arraySync()).toEqual([true, false]);
    expect(tensor(2.5).arraySync()).toBe(2.5);
    expect(tensor([[], []]).arraySync()).toEqual([[], []]);
    expect(tensor([1, 2, 3, 4, 5, 6], 'int32', [3, 1, 2]).arraySync()).toEqual([[[1, 2]], [[3, 4]], [[5, 6]]]);
  });

  it('array(rank) and arraySync(rank) check the rank the caller expects (it types the result)', async () => {
    const m = tensor([1, 2, 3, 4], 'float32', [2, 2]);
    const rows: number[][] = await m.array(2);
    expect(rows).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const s: number = tensor(3, 'float32').arraySync(0);
    expect(s).toBe(3);
    await expect(m.array(1)).rejects.toThrow("For 'Tensor.array', rank must be the tensor's rank 2 (shape [2, 2]), but got 1.");
    expect(() => m.arraySync(3)).toThrow("For 'Tensor.arraySync', rank must be the tensor's rank 2 (shape [2, 2]), but got 3.");
    expect(() => m.arraySync('2' as never)).toThrow('but got string');
    expect(() => (m.arraySync as (...a: unknown[]) => unknown)(2, 3)).toThrow(/Tensor\.arraySync/);
  });

  it('shape, size, rank and dtype describe the tensor', () => {
    const x = zeros([2, 3, 4], 'uint8');
    expect([x.shape, x.size, x.rank, x.dtype]).toEqual([[2, 3, 4], 24, 3, 'uint8']);
  });
});
