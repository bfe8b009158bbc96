import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { arange, listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

/** 0…15 as a [1, 1, 4, 4] image. */
const grid = () => ops.reshape(arange(0, 16, 1, 'float32'), [1, 1, 4, 4]);
const plane = (t: Tensor) => t.arraySync(4)[0]?.[0];

describe('nn.MaxPool2d', () => {
  it('takes the maximum of each window', () => {
    expect(plane(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }).call(grid()))).toEqual([
      [5, 7],
      [13, 15],
    ]);
    // The defaults (kernel 1, stride 1, 'valid') pass the input through.
    expect(plane(new nn.MaxPool2d().call(grid()))).toEqual(plane(grid()));
  });

  it("pads with 'same' (padding never wins) and with explicit 'pad' padding", () => {
    expect(plane(new nn.MaxPool2d({ kernelSize: 3, padMode: 'same' }).call(grid()))).toEqual([
      [5, 6, 7, 7],
      [9, 10, 11, 11],
      [13, 14, 15, 15],
      [13, 14, 15, 15],
    ]);
    expect(plane(new nn.MaxPool2d({ kernelSize: 2, stride: 2, padMode: 'PAD', padding: 1 }).call(grid()))).toEqual([
      [0, 2, 3],
      [8, 10, 11],
      [12, 14, 15],
    ]);
  });

  it('takes [C, H, W] inputs too', () => {
    const y = new nn.MaxPool2d({ kernelSize: 2, stride: 2 }).call(ops.reshape(grid(), [1, 4, 4]));
    expect(y.shape).toEqual([1, 2, 2]);
    expect(() => new nn.MaxPool2d().call(tensor([[1]], 'float32'))).toThrow(
      "For 'MaxPool2d', the input must be 3-D [C, H, W] or 4-D [N, C, H, W], but got shape [1, 1].",
    );
  });

  it('refuses bad arguments and prints its configuration', () => {
    expect(() => new nn.MaxPool2d({ padMode: 'full' as never })).toThrow(
      `For 'MaxPool2d', the 'padMode' must be str and must be in '['VALID', 'SAME', 'PAD']', but got "full".`,
    );
    expect(() => new nn.MaxPool2d({ padding: 1 })).toThrow(
      "For 'MaxPool2d', the 'padding' can not be set to non-default value when 'padMode' is not 'pad', but got padMode:valid.",
    );
    expect(() => new nn.MaxPool2d({ stride: [1, 0] })).toThrow(
      "For 'MaxPool2d', the 'stride' must be an positive int number or a tuple of two, but got (1, 0).",
    );
    expect(String(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }))).toBe('MaxPool2d(kernel_size=2, stride=2, pad_mode=VALID)');
    expect(String(new nn.AvgPool2d({ kernelSize: [2, 3], padMode: 'same' }))).toBe(
      'AvgPool2d(kernel_size=(2, 3), stride=1, pad_mode=SAME)',
    );
  });
});

describe('nn.AvgPool2d', () => {
  it('averages each window', () => {
    expect(plane(new nn.AvgPool2d({ kernelSize: 2, stride: 2 }).call(grid()))).toEqual([
      [2.5, 4.5],
      [10.5, 12.5],
    ]);
  });

  it("leaves 'same' padding out of the count", () => {
    const image = ops.reshape(arange(1, 10, 1, 'float32'), [1, 1, 3, 3]);
    expect(plane(new nn.AvgPool2d({ kernelSize: 2, padMode: 'same' }).call(image))).toEqual([
      [3, 4, 4.5],
      [6, 7, 7.5],
      [7.5, 8.5, 9],
    ]);
  });

  it("counts explicit 'pad' padding unless countIncludePad is false, and honours divisorOverride", () => {
    const opts = { kernelSize: 2, stride: 2, padMode: 'pad', padding: 1 } as const;
    // Window sums: [[0, 3, 3], [12, 30, 18], [12, 27, 15]] over 4 cells, over the real cells, over 3.
    expect(plane(new nn.AvgPool2d(opts).call(grid()))).toEqual([
      [0, 0.75, 0.75],
      [3, 7.5, 4.5],
      [3, 6.75, 3.75],
    ]);
    expect(plane(new nn.AvgPool2d({ ...opts, countIncludePad: false }).call(grid()))).toEqual([
      [0, 1.5, 3],
      [6, 7.5, 9],
      [12, 13.5, 15],
    ]);
    const third = plane(new nn.AvgPool2d({ ...opts, divisorOverride: 3 }).call(grid())) as number[][];
    const expected = [
      [0, 1, 1],
      [4, 10, 6],
      [4, 9, 5],
    ];
    for (const [i, row] of expected.entries()) for (const [j, v] of row.entries()) expect(third[i]?.[j]).toBeCloseTo(v, 5);
    const valid = plane(new nn.AvgPool2d({ kernelSize: 2, stride: 2, divisorOverride: 2 }).call(grid()));
    expect(valid).toEqual([
      [5, 9],
      [21, 25],
    ]);
    expect(new nn.AvgPool2d({ kernelSize: 2, stride: 2 }).call(ops.reshape(grid(), [1, 4, 4])).shape).toEqual([1, 2, 2]);
  });

  it('refuses bad arguments', () => {
    expect(() => new nn.AvgPool2d({ kernelSize: 0 })).toThrow(
      "For 'AvgPool2d', the 'kernelSize' must be an positive int number or a tuple of two, but got 0.",
    );
    expect(() => new nn.AvgPool2d({ divisorOverride: 0 })).toThrow("For 'AvgPool2d', the 'divisorOverride' must be > 0, but got 0.");
    expect(() => new nn.AvgPool2d({ padMode: 'pad', padding: [1, -1] })).toThrow(
      "For 'AvgPool2d', the 'padding' must be a non-negative int or a tuple of two, but got (1, -1).",
    );
    expect(() => new nn.AvgPool2d({ countIncludePad: 1 as never })).toThrow(
      "For 'AvgPool2d', the 'countIncludePad' must be bool, but got 1.",
    );
  });
});
