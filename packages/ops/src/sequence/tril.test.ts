import { memory, ones, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { tril, triu } from './tril.js';

beforeAll(useCpu);

describe('tril, triu', () => {
  it('keep a triangle of the last two dimensions, any diagonal, batched', () => {
    const x = ones([2, 3]);
    expectTensor(tril(x), 'float32', [2, 3], [1, 0, 0, 1, 1, 0]);
    expectTensor(tril(x, 1), 'float32', [2, 3], [1, 1, 0, 1, 1, 1]);
    expectTensor(tril(x, -1), 'float32', [2, 3], [0, 0, 0, 1, 0, 0]);
    expectTensor(triu(x), 'float32', [2, 3], [1, 1, 1, 0, 1, 1]);
    expectTensor(triu(x, 2), 'float32', [2, 3], [0, 0, 1, 0, 0, 0]);
    expectTensor(
      triu(
        tensor([
          [
            [true, true],
            [true, true],
          ],
        ]),
      ),
      'bool',
      [1, 2, 2],
      [1, 1, 0, 1],
    );
    expectTensor(
      tril(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          'int32',
          [1, 2, 2],
        ),
      ),
      'int32',
      [1, 2, 2],
      [1, 0, 3, 4],
    );
    x.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const v = tensor([1, 2], 'float32');
    const m = ones([2, 2]);
    const before = memory().numTensors;
    expect(() => tril(v)).toThrow('tril: input must have at least 2 dimensions, but got shape [2].');
    expect(() => triu(m, 0.5)).toThrow('triu: diagonal must be an integer, but got number 0.5.');
    expect(memory().numTensors).toBe(before);
    v.dispose();
    m.dispose();
  });

  it('gradients flow to the kept triangle only', () => {
    expect(checkGradients((x) => tril(x, 1), [f64([2, 3, 4])])).toEqual([]);
    expect(checkGradients((x) => triu(x, -1), [f64([4, 3])])).toEqual([]);
  });
});
