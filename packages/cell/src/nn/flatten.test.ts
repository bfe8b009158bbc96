import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { arange, listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.Flatten', () => {
  it('merges all but the batch dimension by default, keeping the values in order', () => {
    const x = ops.reshape(arange(24), [2, 3, 4]);
    const y = new nn.Flatten().call(x);
    expect(y.shape).toEqual([2, 12]);
    expect(Array.from(y.dataSync())).toEqual(Array.from({ length: 24 }, (_, i) => i));
  });

  it('merges startDim..endDim', () => {
    const x = ops.reshape(arange(24), [2, 3, 4]);
    expect(new nn.Flatten({ startDim: 0 }).call(x).shape).toEqual([24]);
    expect(new nn.Flatten({ startDim: 0, endDim: 1 }).call(x).shape).toEqual([6, 4]);
    expect(new nn.Flatten({ startDim: -2 }).call(x).shape).toEqual([2, 12]);
    expect(new nn.Flatten({ startDim: 0 }).call(tensor(5)).shape).toEqual([1]);
  });

  it('refuses dims outside the input, as MindSpore', () => {
    expect(() => new nn.Flatten().call(tensor([1, 2]))).toThrow(
      "For 'Flatten', 'startDim' (1) or 'endDim' (-1) is out of range for an input of rank 1.",
    );
    expect(() => new nn.Flatten({ startDim: 0.5 })).toThrow("For 'Flatten', the 'startDim' must be int, but got 0.5.");
    expect(String(new nn.Flatten())).toBe('Flatten()');
  });
});
