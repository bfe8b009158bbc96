import { cpu } from '@mindts/backend-cpu';
import { listBackends, ones, registerBackend } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

describe('nn.Conv2dTranspose', () => {
  it('has a [in, out/group, kH, kW] weight and the output sizes of each padMode', () => {
    const same = new nn.Conv2dTranspose(8, 4, 4, { stride: 2, group: 2 });
    expect(same.weight.shape).toEqual([8, 2, 4, 4]);
    expect(same.call(ones([1, 8, 5, 6])).shape).toEqual([1, 4, 10, 12]);
    // MindSpore's docstring example: (1, 3, 16, 50) → (1, 64, 19, 53).
    expect(new nn.Conv2dTranspose(3, 64, 4, { padMode: 'pad' }).call(ones([1, 3, 16, 50])).shape).toEqual([1, 64, 19, 53]);
    expect(new nn.Conv2dTranspose(3, 2, 3, { padMode: 'valid', stride: 2 }).call(ones([1, 3, 4, 4])).shape).toEqual([1, 2, 9, 9]);
  });

  it('rejects bad options with the argument named', () => {
    expect(() => new nn.Conv2dTranspose(2, 2, 3, { output_padding: 1 } as never)).toThrow(/unknown option 'output_padding'.*outputPadding/);
    expect(() => new nn.Conv2dTranspose(2, 2, 3, { outputPadding: 1 })).toThrow(
      /'outputPadding' \(1\) must be in range|must be in range of \[0, max/,
    );
    expect(() => new nn.Conv2dTranspose(2, 2, 3, { stride: 2, outputPadding: 1 })).toThrow(/'padMode' must be 'pad'/);
    expect(() => new nn.Conv2dTranspose(2, 2, 3, { padding: 1 })).toThrow(/'padding' must be zero when 'padMode' is not 'pad'/);
    expect(() => new nn.Conv2dTranspose(2, 3, 3, { group: 2 })).toThrow(/'group' should be divisible/);
    expect(() => new nn.Conv2dTranspose(2, 2, 3, { padMode: 'full' as never })).toThrow(/'padMode' must be str and must be in/);
  });

  it('prints like MindSpore', () => {
    expect(new nn.Conv2dTranspose(2, 4, 3).extendRepr()).toBe(
      'input_channels=2, output_channels=4, kernel_size=(3, 3), stride=(1, 1), pad_mode=same, padding=0, output_padding=(0, 0), ' +
        'dilation=(1, 1), group=1, has_bias=False, weight_init=HeUniform, bias_init=None',
    );
  });
});
