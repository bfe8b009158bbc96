import { cpu } from '@mindts/backend-cpu';
import { registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Constant, One, Zero } from './constant.js';
import { Dirac } from './dirac.js';
import { Identity } from './identity.js';
import { initializer } from './initializer.js';
import { Uniform } from './uniform.js';

beforeAll(() => registerBackend(cpu()));

describe('constant fills', () => {
  it('zeros and ones, by name and by class, in the requested dtype', async () => {
    expect(await initializer('zeros', [1, 2, 3]).array()).toEqual([
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
    ]);
    expect(await initializer('Zero', [2]).array()).toEqual([0, 0]);
    expect(await initializer(new Zero(), [2], 'int32').array()).toEqual([0, 0]);
    const ones = initializer('ones', [2, 2], 'int8');
    expect(ones.dtype).toBe('int8');
    expect(await ones.array()).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(await initializer(new One(), [3], 'bool').array()).toEqual([true, true, true]);
  });

  it('Constant and a plain number fill with the value', async () => {
    expect(await initializer(new Constant(3), [1, 2, 3]).data()).toEqual(new Float32Array(6).fill(3));
    expect(await initializer(-2.5, [4], 'float64').data()).toEqual(Float64Array.of(-2.5, -2.5, -2.5, -2.5));
    expect(await initializer(7, [], 'int32').array()).toBe(7);
    expect(await initializer(true, [2], 'bool').array()).toEqual([true, true]);
    expect(() => new Constant(Number.NaN)).toThrow("For Constant initializer, the argument 'value' must be a finite number, but got NaN.");
  });

  it('a zero-size shape gives an empty tensor', async () => {
    const t = initializer('ones', [3, 0]);
    expect(t.shape).toEqual([3, 0]);
    expect((await t.data()).length).toBe(0);
  });
});

describe('Identity', () => {
  it('is eye(rows, cols) for square and rectangular shapes', async () => {
    expect(await initializer('identity', [2, 3]).array()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(await initializer(new Identity(), [3, 2], 'int32').array()).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
  });

  it('needs exactly 2 dimensions', () => {
    expect(() => initializer('identity', [2, 2, 2])).toThrow(
      'For Identity initializer, the dimension of the initialized tensor should be 2, but got 3.',
    );
  });
});

describe('Dirac', () => {
  /** The positions of the ones, as index tuples. */
  function ones(values: ArrayLike<number>, shape: number[]): number[][] {
    const out: number[][] = [];
    for (let flat = 0; flat < values.length; flat++) {
      if (values[flat] === 0) continue;
      expect(values[flat]).toBe(1);
      const idx: number[] = [];
      let rest = flat;
      for (let axis = shape.length - 1; axis >= 0; axis--) {
        idx.unshift(rest % (shape[axis] as number));
        rest = Math.floor(rest / (shape[axis] as number));
      }
      out.push(idx);
    }
    return out;
  }

  it('puts a 1 at the kernel centre of channel pairs (d, d), per group', async () => {
    const shape = [6, 4, 3, 3];
    const v = await initializer(new Dirac({ groups: 2 }), shape).data();
    // 3 output channels per group, min(3, 4) = 3 deltas per group.
    expect(ones(v, shape)).toEqual([
      [0, 0, 1, 1],
      [1, 1, 1, 1],
      [2, 2, 1, 1],
      [3, 0, 1, 1],
      [4, 1, 1, 1],
      [5, 2, 1, 1],
    ]);
  });

  it('handles 3-D and 5-D weights and even kernels (centre = size // 2)', async () => {
    expect(ones(await initializer('dirac', [2, 3, 4]).data(), [2, 3, 4])).toEqual([
      [0, 0, 2],
      [1, 1, 2],
    ]);
    expect(ones(await initializer('dirac', [3, 2, 3, 2, 5]).data(), [3, 2, 3, 2, 5])).toEqual([
      [0, 0, 1, 1, 2],
      [1, 1, 1, 1, 2],
    ]);
  });

  it('refuses other ranks and group counts that do not divide the output channels', () => {
    expect(() => initializer('dirac', [3, 3])).toThrow(
      'For Dirac initializer, only support to initialize tensor with dimension of 3, 4 or 5, but got 2.',
    );
    expect(() => initializer(new Dirac({ groups: 4 }), [6, 4, 3, 3])).toThrow(
      'For Dirac initializer, the first dimension of the initialized tensor must be divisible by groups, but got first dimension 6, groups 4.',
    );
    expect(() => new Dirac({ groups: 0 })).toThrow("'groups' must be a positive integer");
  });
});

it('random values are converted to an integer dtype on write', async () => {
  const v = await initializer(new Uniform({ scale: 10 }), [1000], 'int32').data();
  expect(v).toBeInstanceOf(Int32Array);
  expect(v.every((x) => x > -10 && x < 10)).toBe(true);
  expect(new Set(v).size).toBeGreaterThan(15);
});
