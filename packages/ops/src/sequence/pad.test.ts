import { memory, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { pad } from './pad.js';

beforeAll(useCpu);

describe('pad', () => {
  const x = () =>
    tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'float32',
    );

  it('constant: pairs from the last dimension back, a value, negative amounts crop', () => {
    expectTensor(pad(x(), [1, 2]), 'float32', [2, 6], [0, 1, 2, 3, 0, 0, 0, 4, 5, 6, 0, 0]);
    expectTensor(pad(x(), [0, 0, 1, 0], { value: 7 }), 'float32', [3, 3], [7, 7, 7, 1, 2, 3, 4, 5, 6]);
    expectTensor(pad(x(), [-1, 1, 0, -1]), 'float32', [1, 3], [2, 3, 0]);
    expectTensor(pad(tensor([1, 2]), [1, 0], { value: -1 }), 'int32', [3], [-1, 1, 2]);
    expectTensor(pad(x(), [-3, 0]), 'float32', [2, 0], []);
  });

  it('reflect, replicate and circular', () => {
    expectTensor(pad(x(), [2, 1], { mode: 'reflect' }), 'float32', [2, 6], [3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5]);
    expectTensor(pad(x(), [1, 1, 1, 0], { mode: 'reflect' }), 'float32', [3, 5], [5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5]);
    expectTensor(pad(x(), [2, 1], { mode: 'replicate' }), 'float32', [2, 6], [1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6]);
    expectTensor(pad(x(), [1, 3], { mode: 'circular' }), 'float32', [2, 7], [3, 1, 2, 3, 1, 2, 3, 6, 4, 5, 6, 4, 5, 6]);
    expectTensor(pad(x(), [0, 0], { mode: 'reflect' }), 'float32', [2, 3], [1, 2, 3, 4, 5, 6]);
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const t = x();
    const before = memory().numTensors;
    expect(() => pad(t, [1])).toThrow(/pad: padding must be an array of an even number \(at most 4/);
    expect(() => pad(t, [1, 1, 1, 1, 1, 1])).toThrow(/at most 4/);
    expect(() => pad(t, [1, 1], { mode: 'edge' as never })).toThrow(
      "pad: mode must be one of 'constant', 'reflect', 'replicate', 'circular', but got string \"edge\".",
    );
    expect(() => pad(t, [3, 0], { mode: 'reflect' })).toThrow(
      "pad: mode 'reflect' needs padding in [0, 2] on a non-empty axis, but axis 1 of size 3 got (3, 0).",
    );
    expect(() => pad(t, [-1, 0], { mode: 'replicate' })).toThrow(/mode 'replicate' needs padding in \[0, any\]/);
    expect(() => pad(t, [1, 0], { mode: 'reflect', value: 1 })).toThrow(
      "pad: value is only used by mode 'constant', but mode is 'reflect'.",
    );
    expect(() => pad(t, [-2, -2])).toThrow("pad: padding [-2, -2] crops more than input's shape [2, 3] holds.");
    expect(() => pad(t, [1, 1], { fill: 1 } as never)).toThrow("unknown option 'fill' for pad");
    expect(memory().numTensors).toBe(before);
    t.dispose();
  });

  it('gradients (summed where an element is copied more than once)', () => {
    expect(checkGradients((a) => pad(a, [1, 2, -1, 1], { value: 3 }), [f64([3, 4])])).toEqual([]);
    expect(checkGradients((a) => pad(a, [2, 1, 1, 1], { mode: 'reflect' }), [f64([3, 4])])).toEqual([]);
    expect(checkGradients((a) => pad(a, [2, 1], { mode: 'replicate' }), [f64([2, 3])])).toEqual([]);
    expect(checkGradients((a) => pad(a, [3, 1], { mode: 'circular' }), [f64([2, 3])])).toEqual([]);
  });
});
