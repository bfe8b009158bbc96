import { cpu } from '@mindts/backend-cpu';
import { fromValues, listBackends, ones, registerBackend, type Tensor } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './index.js';
import { checkGradients } from './testing/gradCheck.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

let seed = 900;
function f64(shape: number[]): Tensor {
  const s = seed++;
  const n = shape.reduce((a, b) => a * b, 1);
  return fromValues(
    Array.from({ length: n }, (_, i) => randomValue('uniform', s, 0, i, -1, 1)),
    shape,
    'float64',
  );
}

const dot = (a: Tensor, b: Tensor) => (ops.sum(ops.mul(a, b)).dataSync() as Float64Array)[0] as number;

describe('conv2dTranspose', () => {
  it.each([
    ['stride 1, no padding', { stride: 1, padding: 0 }, 1, [2, 4, 9, 8]],
    ['stride 2, padding 1', { stride: 2, padding: 1 }, 1, [2, 4, 9, 8]],
    [
      'stride [2, 3], padding [1, 0, 0, 2], dilation [2, 1], 2 groups',
      { stride: [2, 3], padding: [1, 0, 0, 2], dilation: [2, 1], groups: 2 },
      2,
      [2, 4, 10, 9],
    ],
  ] as const)('is the adjoint of conv2d (%s)', (_name, options, groups, yShape) => {
    // <conv2d(y, w), x> = <y, conv2dTranspose(x, w)> for every y and x, when the windows tile y
    // exactly (otherwise the transposed output is shorter, as in PyTorch, and outputPadding adds the rest).
    const w = f64([4, 4 / groups, 3, 2]);
    const y = f64([...yShape]);
    const conv = ops.conv2d(y, w, options as ops.Conv2dOptions);
    const x = f64(conv.shape as number[]);
    const back = ops.conv2dTranspose(x, w, options as ops.Conv2dTransposeOptions);
    expect(back.shape).toEqual(y.shape);
    expect(dot(conv, x)).toBeCloseTo(dot(y, back), 9);
  });

  it('has gradients that match finite differences for the input, the weight and the bias', () => {
    const f = (x: Tensor, w: Tensor, b: Tensor) =>
      ops.conv2dTranspose(x, w, { stride: [2, 1], padding: [1, 0, 0, 1], outputPadding: [1, 0], dilation: [1, 2], groups: 2, bias: b });
    expect(checkGradients(f, [f64([1, 4, 3, 3]), f64([4, 1, 2, 2]), f64([2])])).toEqual([]);
    expect(
      checkGradients((x, w) => ops.conv2dTranspose(x, w, { stride: 3, padding: 'same' }), [f64([1, 2, 2, 2]), f64([2, 1, 2, 2])]),
    ).toEqual([]);
  });

  it('gives the documented output sizes and rejects bad arguments', () => {
    const x = ones([1, 4, 8, 8]);
    expect(ops.conv2dTranspose(x, ones([4, 2, 3, 3]), { stride: 2, padding: 1, outputPadding: 1 }).shape).toEqual([1, 2, 16, 16]);
    expect(ops.conv2dTranspose(x, ones([4, 2, 3, 3]), { stride: 2, padding: 'same' }).shape).toEqual([1, 2, 16, 16]);
    expect(ops.conv2dTranspose(x, ones([4, 2, 1, 1]), { stride: 2, padding: 'valid' }).shape).toEqual([1, 2, 16, 16]);
    expect(() => ops.conv2dTranspose(x, ones([4, 2, 3, 3]), { stride: 2, outputPadding: 2 })).toThrow(
      /outputPadding \[2, 2\] must be smaller than max\(stride, dilation\) \(2\)/,
    );
    expect(() => ops.conv2dTranspose(x, ones([3, 2, 3, 3]))).toThrow(/expects 3 input channels, but input shape \[1, 4, 8, 8\] has 4/);
    expect(() => ops.conv2dTranspose(x, ones([4, 2, 3, 3]), { output_padding: 1 } as never)).toThrow(/unknown option 'output_padding'/);
    expect(() => ops.conv2dTranspose(x, ones([4, 2, 3, 3]), { bias: ones([3]) })).toThrow(/bias must have shape \[2\]/);
    expect(() => ops.conv2dTranspose(ones([1, 1, 1, 1]), ones([1, 1, 1, 1]), { padding: 1 })).toThrow(/leaves no output/);
  });
});

describe('conv1d and adaptiveAvgPool2d', () => {
  it('have gradients that match finite differences', () => {
    const conv = (x: Tensor, w: Tensor, b: Tensor) => ops.conv1d(x, w, { padding: 'same', stride: 2, dilation: 2, groups: 2, bias: b });
    expect(checkGradients(conv, [f64([2, 4, 7]), f64([2, 2, 3]), f64([2])])).toEqual([]);
    expect(checkGradients((x) => ops.adaptiveAvgPool2d(x, [3, 2]), [f64([1, 2, 7, 5])])).toEqual([]);
  });

  it('match a 2-D convolution of unit height and a plain average', () => {
    const x = f64([1, 2, 6]);
    const w = f64([3, 2, 2]);
    const two = ops.conv2d(ops.expandDims(x, 2), ops.expandDims(w, 2), { padding: [0, 0, 1, 1] });
    expect(ops.conv1d(x, w, { padding: 1 }).arraySync()).toEqual(ops.squeeze(two, 2).arraySync());
    const img = f64([2, 3, 4, 6]);
    const pooled = ops.adaptiveAvgPool2d(img, 1);
    const mean = ops.mean(img, [2, 3], true);
    (pooled.dataSync() as Float64Array).forEach((v, i) => {
      expect(v).toBeCloseTo((mean.dataSync() as Float64Array)[i] as number, 12);
    });
  });
});
