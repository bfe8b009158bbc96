import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, ones, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.Conv1d', () => {
  it("has MindSpore's defaults ('same', no bias) and a [out, in/group, k] weight", () => {
    const conv = new nn.Conv1d(120, 240, 4);
    expect(conv.weight.shape).toEqual([240, 120, 4]);
    expect(conv.bias).toBeNull();
    expect(conv.call(ones([1, 120, 640])).shape).toEqual([1, 240, 640]);
    expect(new nn.Conv1d(2, 2, 3, { padMode: 'valid', stride: 2 }).call(ones([1, 2, 8])).shape).toEqual([1, 2, 3]);
    expect(ops.conv1d(ones([1, 2, 8]), ones([4, 1, 3]), { groups: 2, padding: [2, 0] }).shape).toEqual([1, 4, 8]);
  });

  it('rejects bad options with the argument named', () => {
    expect(() => new nn.Conv1d(2, 2, 3, { pad_mode: 'pad' } as never)).toThrow(/unknown option 'pad_mode'.*padMode/);
    expect(() => new nn.Conv1d(2, 2, 3, { padding: 1 })).toThrow(/'padding' must be zero when 'padMode' is not 'pad'/);
    expect(() => new nn.Conv1d(2, 2, 3, { padMode: 'pad', padding: [1, 1, 1, 1] as never })).toThrow(/'padding' must be int/);
    expect(() => new nn.Conv1d(2, 2, [3, 3] as never)).toThrow(/'kernelSize' must be int/);
    expect(() => new nn.Conv1d(3, 2, 3, { group: 2 })).toThrow(/'group' should be divisible/);
    expect(() => ops.conv1d(ones([1, 2, 8]), ones([4, 2, 3]), { padding: 'full' as never })).toThrow(/conv1d: padding must be/);
  });

  it('prints like MindSpore', () => {
    expect(new nn.Conv1d(2, 4, 3).extendRepr()).toBe(
      'input_channels=2, output_channels=4, kernel_size=3, stride=1, pad_mode=same, padding=0, dilation=1, group=1, has_bias=False, weight_init=HeUniform, bias_init=None',
    );
  });
});
