import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { arange, listBackends, ones, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.AdaptiveAvgPool2d', () => {
  it('averages the bins floor(i·H/out) .. ceil((i+1)·H/out)', () => {
    const x = ops.reshape(arange(0, 5, 1, 'float32'), [1, 1, 1, 5]);
    // Width 5 into 3 bins: [0, 2), [1, 4), [3, 5).
    expect(new nn.AdaptiveAvgPool2d([1, 3]).call(x).arraySync()).toEqual([[[[0.5, 2, 3.5]]]]);
    expect(new nn.AdaptiveAvgPool2d(1).call(ones([2, 3, 4, 4])).shape).toEqual([2, 3, 1, 1]);
  });

  it('rejects bad output sizes and inputs', () => {
    expect(() => new nn.AdaptiveAvgPool2d(0)).toThrow(/'outputSize' must be a positive int/);
    expect(() => new nn.AdaptiveAvgPool2d([1, 2, 3] as never)).toThrow(/'outputSize' must be a positive int/);
    expect(() => new nn.AdaptiveAvgPool2d(2).call(ones([4, 4]))).toThrow(/adaptiveAvgPool2d: input must be 3-D/);
  });

  it('prints like MindSpore', () => {
    expect(new nn.AdaptiveAvgPool2d([null, 2]).extendRepr()).toBe('output_size=(None, 2)');
  });
});
