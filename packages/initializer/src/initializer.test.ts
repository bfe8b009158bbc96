import { cpu } from '@mindts/backend-cpu';
import { getBackendName, registerBackend, setBackend, setSeed, type Tensor, tensor, tidy } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Initializer } from './base.js';
import { initializer } from './initializer.js';
import { Normal } from './normal.js';
import { Uniform } from './uniform.js';

beforeAll(() => registerBackend(cpu()));

const read = (t: Tensor) => Array.from(t.dataSync() as ArrayLike<number>);

describe('laziness', () => {
  it('is lazy until first use, then holds its values', () => {
    const t = initializer('normal', [3, 4]);
    expect(t.isLazy).toBe(true);
    expect(t.shape).toEqual([3, 4]);
    expect(t.dtype).toBe('float32');
    expect(t.initData()).toBe(t);
    expect(t.isLazy).toBe(false);
    expect(t.dataSync()).toHaveLength(12);
  });

  it('materialises on a read, and survives a tidy that materialised it', async () => {
    const t = initializer('uniform', [5]);
    expect(t.isLazy).toBe(true);
    await t.data();
    expect(t.isLazy).toBe(false);
    const u = initializer('ones', [2]);
    tidy(() => {
      u.dataSync();
    });
    expect(u.isDisposed).toBe(false);
    expect(read(u)).toEqual([1, 1]);
  });

  it('runs the initializer only when materialised', () => {
    let calls = 0;
    class Counting extends Initializer {
      override draws() {
        return 0;
      }
      initialize(shape: readonly number[]) {
        calls++;
        return new Float64Array(shape.reduce((a, b) => a * b, 1)).fill(calls);
      }
    }
    const t = initializer(new Counting(), [2]);
    expect(calls).toBe(0);
    t.initData();
    t.initData();
    expect(calls).toBe(1);
    expect(read(t)).toEqual([1, 1]);
  });
});

describe('seeding and determinism', () => {
  function draws(seed: number): number[][] {
    setSeed(seed);
    const a = initializer('normal', [50]);
    const b = initializer('he_uniform', [8, 8]);
    const c = initializer('truncatednormal', [20]);
    return [read(a), read(b), read(c)];
  }

  it('gives identical values for the same seed and different ones for another seed', () => {
    const first = draws(5);
    expect(draws(5)).toEqual(first);
    const other = draws(6);
    for (let i = 0; i < first.length; i++) expect(other[i]).not.toEqual(first[i]);
  });

  it('reserves the draws at creation: materialisation order does not matter, creation order does', () => {
    setSeed(11);
    const a1 = initializer('normal', [30]);
    const b1 = initializer('normal', [30]);
    const [b, a] = [read(b1), read(a1)];
    expect(a).not.toEqual(b);
    setSeed(11);
    expect(read(initializer('normal', [30]))).toEqual(a);
    expect(read(initializer('normal', [30]))).toEqual(b);
  });

  it('deterministic initializers do not consume the stream', () => {
    setSeed(3);
    const plain = read(initializer('normal', [10]));
    setSeed(3);
    initializer('zeros', [100]);
    initializer(new Normal({ seed: 99 }), [100]);
    expect(read(initializer('normal', [10]))).toEqual(plain);
  });

  it('an initializer with its own seed ignores the global stream', () => {
    const init = new Uniform({ seed: 42 });
    setSeed(1);
    const x = read(initializer(init, [16]));
    setSeed(2);
    initializer('normal', [7]);
    expect(read(initializer(init, [16]))).toEqual(x);
    expect(read(initializer(new Uniform({ seed: 43 }), [16]))).not.toEqual(x);
    init.seed = 43;
    expect(read(initializer(init, [16]))).not.toEqual(x);
    expect(() => new Normal({ seed: 1.5 })).toThrow("the argument 'seed' must be an integer");
  });

  it('gives the same values on another backend', async () => {
    setSeed(21);
    const here = read(initializer('xavier_normal', [6, 5]));
    registerBackend(cpu({ name: 'cpu-other', priority: 0 }));
    await setBackend('cpu-other');
    try {
      setSeed(21);
      const t = initializer('xavier_normal', [6, 5]);
      expect(t.backendName).toBe('cpu-other');
      expect(read(t)).toEqual(here);
    } finally {
      await setBackend('cpu');
    }
    expect(getBackendName()).toBe('cpu');
  });
});

describe('a Tensor as init', () => {
  it('is copied lazily with its shape, and cast to a requested dtype', async () => {
    const src = tensor([[1, 2, 3]], 'int32');
    const t = initializer(src, [1, 3]);
    expect(t.isLazy).toBe(true);
    expect(t.dtype).toBe('int32');
    expect(await t.array()).toEqual([[1, 2, 3]]);
    expect(src.isDisposed).toBe(false);
    src.setItem(0, 9);
    expect(await t.array()).toEqual([[1, 2, 3]]);
    const f = initializer(src, [1, 3], 'float32');
    expect(f.dtype).toBe('float32');
    expect(await f.array()).toEqual([[9, 9, 9]]);
    expect(await initializer(tensor([4, 5])).array()).toEqual([4, 5]);
  });

  it('must match the shape, with MindSpore’s message', () => {
    expect(() => initializer(tensor([[1, 2, 3]]), [3, 1])).toThrow(
      "For 'initializer', the shape of the 'init' argument should be same as the argument 'shape', but got the 'init' shape [1, 3] and the 'shape' [3, 1].",
    );
    const gone = tensor([1]);
    gone.dispose();
    expect(() => initializer(gone, [1])).toThrow('has been disposed');
  });
});

describe('argument errors', () => {
  it('rejects an init of another type', () => {
    expect(() => initializer({} as unknown as string, [2])).toThrow(
      "For 'initializer', the type of the 'init' argument should be 'Tensor', 'number', 'string' or 'initializer', but got Object.",
    );
    expect(() => initializer(null as unknown as string, [2])).toThrow('but got null.');
  });

  it('names the shape argument for a bad or missing shape', () => {
    const msg = "For 'initializer', the argument 'shape' is invalid, the value of 'shape' must be non-negative integers, but got";
    expect(() => initializer('ones', [2, -1])).toThrow(`${msg} [2, -1].`);
    expect(() => initializer('ones', [2.5])).toThrow(`${msg} [2.5].`);
    expect(() => initializer('ones', ['2'] as unknown as number[])).toThrow(`${msg} ["2"].`);
    expect(() => initializer('ones', 'abc' as unknown as number[])).toThrow(`${msg} abc.`);
    expect(() => initializer('ones', undefined as unknown as number[])).toThrow("the argument 'shape' is required");
    expect(read(initializer('ones', 3))).toEqual([1, 1, 1]);
  });

  it('names the dtype argument for a bad dtype', () => {
    expect(() => initializer('ones', [2], 'float99' as 'float32')).toThrow(
      "For 'initializer', the argument 'dtype' must be one of bool, int8, uint8, int16, int32, int64, float16, float32, float64, but got \"float99\".",
    );
  });

  it('reports a plugin that returns the wrong number of values when materialised', () => {
    class Short extends Initializer {
      initialize() {
        return [1];
      }
    }
    const t = initializer(new Short(), [3]);
    expect(() => t.initData()).toThrow('Short.initialize returned 1 values for shape [3] (3 elements).');
  });
});
