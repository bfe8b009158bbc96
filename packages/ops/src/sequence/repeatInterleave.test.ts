import { memory, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { repeatInterleave } from './repeatInterleave.js';

beforeAll(useCpu);

describe('repeatInterleave', () => {
  it('repeats each element along an axis, or of the flattened input', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expectTensor(repeatInterleave(x, 2, 0), 'int32', [4, 2], [1, 2, 1, 2, 3, 4, 3, 4]);
    expectTensor(repeatInterleave(x, [0, 3], -1), 'int32', [2, 3], [2, 2, 2, 4, 4, 4]);
    expectTensor(repeatInterleave(x, 2), 'int32', [8], [1, 1, 2, 2, 3, 3, 4, 4]);
    expectTensor(repeatInterleave(x, 0, 1), 'int32', [2, 0], []);
    x.dispose();
  });

  it('refuses bad arguments, naming them', () => {
    const x = tensor([1, 2, 3]);
    const before = memory().numTensors;
    expect(() => repeatInterleave(x, -1)).toThrow(
      'repeatInterleave: repeats must be a non-negative integer or an array of them, but got number -1.',
    );
    expect(() => repeatInterleave(x, [1, 2])).toThrow(
      'repeatInterleave: repeats must have one count per element of the axis (3), but has 2.',
    );
    expect(() => repeatInterleave(x, 1, 1)).toThrow(/repeatInterleave: axis 1 is out of range/);
    expect(memory().numTensors).toBe(before);
    x.dispose();
  });

  it('gradient sums the copies', () => {
    expect(checkGradients((x) => repeatInterleave(x, [2, 0, 3], 1), [f64([2, 3])])).toEqual([]);
  });
});
