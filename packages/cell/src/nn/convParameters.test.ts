import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('convolution parameters', () => {
  it('a refused bias initializer frees the weight already made, in every convolution layer', () => {
    const before = memory();
    expect(() => new nn.Conv1d(1, 2, 3, { hasBias: true, biasInit: 'nope' })).toThrow(/nope/);
    expect(() => new nn.Conv2d(1, 2, 3, { hasBias: true, biasInit: 'nope' })).toThrow(/nope/);
    expect(() => new nn.Conv2dTranspose(1, 2, 3, { hasBias: true, biasInit: 'nope' })).toThrow(/nope/);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });

  it("keeps MindSpore's defaults: weight [out, in/group, …], bias Uniform(1/√fanIn)", () => {
    const conv = new nn.Conv1d(2, 4, 3, { hasBias: true });
    expect(conv.weight.shape).toEqual([4, 2, 3]);
    const bound = 1 / Math.sqrt(2 * 3);
    expect(Array.from(conv.bias?.dataSync() ?? []).every((v) => Math.abs(v) <= bound)).toBe(true);
    conv.dispose();
  });
});
