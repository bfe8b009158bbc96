import { memory, ones, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { f64 } from '../test/float64.js';
import { expectTensor, useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';
import { layerNorm } from './layerNorm.js';

beforeAll(useCpu);

describe('layerNorm', () => {
  it('normalises the trailing dimensions with the biased variance, then scales and shifts', () => {
    const x = tensor(
      [
        [1, 2, 3],
        [2, 4, 12],
      ],
      'float32',
    );
    const s = Math.sqrt(2 / 3 + 1e-5);
    expectTensor(layerNorm(x, [3]), 'float32', [2, 3], [-1 / s, 0, 1 / s, ...[-4, -2, 6].map((d) => d / Math.sqrt(56 / 3 + 1e-5))], 1e-5);
    const g = tensor([1, 2, 3], 'float32');
    const b = tensor([0, 1, 0], 'float32');
    expectTensor(
      layerNorm(x, 3, g, b, 0),
      'float32',
      [2, 3],
      [-Math.sqrt(1.5), 1, 3 * Math.sqrt(1.5), ...[-4, -2, 6].map((d, i) => (d / Math.sqrt(56 / 3)) * (i + 1) + (i === 1 ? 1 : 0))],
      1e-5,
    );
    const whole = layerNorm(x, [2, 3]);
    expect(whole.shape).toEqual([2, 3]);
    whole.dispose();
    for (const t of [x, g, b]) t.dispose();
  });

  it('refuses bad arguments, naming them, and leaks nothing', () => {
    const x = ones([2, 3]);
    const g = ones([2]);
    const i = tensor([[1, 2]]);
    const before = memory().numTensors;
    expect(() => layerNorm(x, [2])).toThrow("layerNorm: normalizedShape must be input's last dimensions (input [2, 3]), but got [2].");
    expect(() => layerNorm(x, [3], g)).toThrow('layerNorm: weight must have shape normalizedShape [3], but got [2].');
    expect(() => layerNorm(x, [3], null, g)).toThrow('layerNorm: bias must have shape normalizedShape [3], but got [2].');
    expect(() => layerNorm(x, [3], null, null, -1)).toThrow('layerNorm: eps must be a number >= 0, but got number -1.');
    expect(() => layerNorm(i, [2])).toThrow('layerNorm: input must be a float Tensor, but got int32.');
    expect(memory().numTensors).toBe(before);
    for (const t of [x, g, i]) t.dispose();
  });

  it('gradients reach input, weight and bias', () => {
    expect(checkGradients((x, w, b) => layerNorm(x, [4], w, b), [f64([3, 4]), f64([4]), f64([4])], { atol: 1e-5 })).toEqual([]);
    expect(checkGradients((x) => layerNorm(x, [2, 3], null, null, 1e-3), [f64([2, 2, 3])], { atol: 1e-5 })).toEqual([]);
  });
});
