import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { arange, listBackends, ones, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** [[1, 2, 3], [4, 5, 6], [7, 8, 9]] as a [1, 1, 3, 3] image. */
const image = () => ops.reshape(arange(1, 10, 1, 'float32'), [1, 1, 3, 3]);

describe('nn.Conv2d', () => {
  it("pads 'same' by default, the extra row and column at the bottom and right", () => {
    const conv = new nn.Conv2d(1, 1, 2, { weightInit: 'ones' });
    // Sums of 2×2 windows; windows past the right/bottom edge see zeros.
    expect(conv.call(image()).arraySync()).toEqual([
      [
        [
          [12, 16, 9],
          [24, 28, 15],
          [15, 17, 9],
        ],
      ],
    ]);
  });

  it("computes 'valid' and 'pad' convolutions with bias, stride and dilation", () => {
    const valid = new nn.Conv2d(1, 1, 2, { padMode: 'valid', weightInit: 'ones', hasBias: true, biasInit: 1 });
    expect(valid.call(image()).arraySync()).toEqual([
      [
        [
          [13, 17],
          [25, 29],
        ],
      ],
    ]);
    const padded = new nn.Conv2d(1, 1, 3, { padMode: 'pad', padding: 1, stride: 2, weightInit: 'ones' });
    // 3×3 neighbourhood sums at (0,0), (0,2), (2,0), (2,2).
    expect(padded.call(image()).arraySync()).toEqual([
      [
        [
          [12, 16],
          [24, 28],
        ],
      ],
    ]);
    const dilated = new nn.Conv2d(1, 1, 2, { padMode: 'valid', dilation: 2, weightInit: 'ones' });
    expect(dilated.call(image()).arraySync()).toEqual([[[[1 + 3 + 7 + 9]]]]);
    const uneven = new nn.Conv2d(1, 1, [1, 2], { padMode: 'pad', padding: [0, 0, 1, 0], weightInit: 'ones' });
    expect(uneven.call(image()).arraySync()).toEqual([
      [
        [
          [1, 3, 5],
          [4, 9, 11],
          [7, 15, 17],
        ],
      ],
    ]);
  });

  it('convolves channels and groups with a [out, in / group, kH, kW] weight', () => {
    const x = tensor([[[[1]], [[2]]]], 'float32');
    const w = tensor(
      [
        [[[1]], [[10]]],
        [[[100]], [[1000]]],
      ],
      'float32',
    );
    expect(new nn.Conv2d(2, 2, 1, { weightInit: w }).call(x).arraySync()).toEqual([[[[21]], [[2100]]]]);
    const grouped = new nn.Conv2d(2, 2, 1, { group: 2, weightInit: tensor([[[[3]]], [[[5]]]], 'float32') });
    expect(grouped.weight.shape).toEqual([2, 1, 1, 1]);
    expect(grouped.call(x).arraySync()).toEqual([[[[3]], [[10]]]]);
  });

  it("has MindSpore's defaults, Parameter names and shapes", () => {
    const conv = new nn.Conv2d(4, 8, 3);
    expect(conv.hasBias).toBe(false);
    expect(conv.bias).toBeNull();
    expect([...conv.parametersAndNames()].map(([n, p]) => [n, p.shape])).toEqual([['weight', [8, 4, 3, 3]]]);
    expect(conv.call(ones([2, 4, 5, 5])).shape).toEqual([2, 8, 5, 5]);
    const biased = new nn.Conv2d(4, 8, [3, 1], { hasBias: true, stride: 2 });
    expect(biased.bias?.shape).toEqual([8]);
    expect(biased.bias?.name).toBe('bias');
    // fan_in = 4·3·1: the default bias is U(−1/√12, 1/√12).
    for (const v of biased.bias?.dataSync() ?? []) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(12));
    expect(biased.call(ones([1, 4, 5, 5])).shape).toEqual([1, 8, 3, 3]);
    expect(String(conv)).toBe(
      'Conv2d(input_channels=4, output_channels=8, kernel_size=(3, 3), stride=(1, 1), pad_mode=same, padding=0, ' +
        'dilation=(1, 1), group=1, has_bias=False, weight_init=HeUniform, bias_init=None, format=NCHW)',
    );
    expect(
      String(new nn.Conv2d(1, 1, 1, { padMode: 'pad', padding: [1, 2, 3, 4], weightInit: 'normal', hasBias: true, biasInit: 'zeros' })),
    ).toContain('pad_mode=pad, padding=(1, 2, 3, 4), dilation=(1, 1), group=1, has_bias=True, weight_init=normal, bias_init=zeros');
  });

  it('refuses bad arguments', () => {
    expect(() => new nn.Conv2d(3, 4, 3, { group: 2 })).toThrow(
      "The argument 'group' should be divisible by 'inChannels' and 'outChannels', but got group:2, inChannels:3, outChannels:4.",
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padding: 1 })).toThrow(
      "For 'Conv2d', the 'padding' must be zero when 'padMode' is not 'pad', but got 'padding': 1 and 'padMode': same.",
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padMode: 'full' as never })).toThrow(
      `For 'Conv2d', the 'padMode' must be str and must be in '['valid', 'same', 'pad']', but got "full".`,
    );
    expect(() => new nn.Conv2d(1, 1, 0)).toThrow(
      "For 'Conv2d', the 'kernelSize' must be a positive int or a tuple of two positive ints, but got 0.",
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padMode: 'pad', padding: -1 })).toThrow(
      "For 'Conv2d', the 'padding' must be int and must >= 0, but got '-1' with type 'int'.",
    );
    expect(() => new nn.Conv2d(1, 1, 3, { padMode: 'pad', padding: [1, 1] as never })).toThrow(
      "For 'Conv2d', the type of 'padding' must be int or tuple(int) of 4, but got (1, 1).",
    );
  });
});
