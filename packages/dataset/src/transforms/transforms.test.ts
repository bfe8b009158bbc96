import { cpu } from '@mindts/backend-cpu';
import { listBackends, registerBackend, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { NumpySlicesDataset } from '../sources/numpySlicesDataset.js';
import { HWC2CHW, Normalize, OneHot, Rescale, TypeCast } from './index.js';
import * as vision from './vision.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const host = (data: number[], shape: number[], dtype: 'float32' | 'int32' | 'uint8' = 'float32') => ({
  data: dtype === 'float32' ? Float32Array.from(data) : dtype === 'int32' ? Int32Array.from(data) : Uint8Array.from(data),
  shape,
  dtype,
});

describe('TypeCast', () => {
  it('casts as NumPy astype: truncation toward zero, wrap-around, nonzero → true, float16 rounding', () => {
    const x = host([1.7, -2.2, 300, 0], [4]);
    expect(Array.from(new TypeCast('int32').call(x).data)).toEqual([1, -2, 300, 0]);
    expect(Array.from(new TypeCast('uint8').call(x).data)).toEqual([1, 254, 44, 0]);
    expect(Array.from(new TypeCast('bool').call(x).data)).toEqual([1, 1, 1, 0]);
    expect(new TypeCast('float16').call([0.1]).data[0]).toBe(0.0999755859375);
    const y = new TypeCast('float32').call(host([1, 2], [2], 'int32'));
    expect([y.dtype, y.shape, Array.from(y.data)]).toEqual(['float32', [2], [1, 2]]);
    expect(() => new TypeCast('float' as never)).toThrow('TypeCast: dataType');
  });
});

describe('Rescale', () => {
  it('computes x * rescale + shift as float32', () => {
    const y = new Rescale(1 / 255, -0.5).call(host([0, 255, 51], [3], 'uint8'));
    expect(y.dtype).toBe('float32');
    expect(Array.from(y.data)).toEqual([-0.5, 0.5, Math.fround(51 / 255 - 0.5)]);
    expect(() => new Rescale(Number.NaN, 0)).toThrow('Rescale: rescale must be a finite number, but got NaN');
  });
});

describe('Normalize', () => {
  it('normalizes per channel, channels last by default or first with isHwc false', () => {
    // [1, 2, 2] HWC: channel 0 holds 1, 3; channel 1 holds 2, 4.
    const hwc = new Normalize([1, 2], [2, 4]).call(host([1, 2, 3, 4], [1, 2, 2]));
    expect(Array.from(hwc.data)).toEqual([0, 0, 1, 0.5]);
    const chw = new Normalize([1, 2], [2, 4], false).call(host([1, 3, 2, 4], [2, 1, 2]));
    expect(Array.from(chw.data)).toEqual([0, 1, 0, 0.5]);
    expect(Array.from(new Normalize([1], [2]).call(host([3, 5], [1, 2])).data)).toEqual([1, 2]); // [H, W]
  });

  it('normalizes three channels of a uint8 image element by element in both layouts', () => {
    const [h, w, mean, std] = [3, 5, [10, 20.5, 30], [2, 3.5, 7]];
    const pixels = Array.from({ length: h * w * 3 }, (_, i) => (i * 37) % 256);
    const expected = (channelOf: (i: number) => number) =>
      pixels.map((v, i) => Math.fround((v - mean[channelOf(i)]!) / std[channelOf(i)]!));
    const hwc = new Normalize(mean, std).call(host(pixels, [h, w, 3], 'uint8'));
    expect(Array.from(hwc.data)).toEqual(expected((i) => i % 3));
    const chw = new Normalize(mean, std, false).call(host(pixels, [3, h, w], 'uint8'));
    expect(Array.from(chw.data)).toEqual(expected((i) => Math.floor(i / (h * w))));
  });

  it('rescaledFrom equals Rescale then Normalize, value for value, and map fuses the pair', () => {
    const pixels = Array.from({ length: 2 * 3 * 3 }, (_, i) => (i * 53) % 256);
    for (const [shape, isHwc] of [
      [[2, 3, 3], true],
      [[3, 2, 3], false],
      [[6, 3], true],
    ] as const) {
      const channels = shape.length === 2 ? 1 : 3;
      const norm = new Normalize([0.1307, 0.2, 0.3].slice(0, channels), [0.3081, 0.25, 0.5].slice(0, channels), isHwc);
      const x = host(pixels, [...shape], 'uint8');
      const twoSteps = norm.call(new Rescale(1 / 255, -0.1).call(x));
      expect(Array.from(norm.rescaledFrom(x, 1 / 255, -0.1).data)).toEqual(Array.from(twoSteps.data));
    }
    const data = { data: Uint8Array.from(pixels), shape: [2, 3, 3], dtype: 'uint8' as const };
    const mapped = new NumpySlicesDataset({ x: data }, { shuffle: false })
      .map([new Rescale(1 / 255, 0), new Normalize([0.5], [0.25])], 'x')
      .createTupleIterator({ outputNumpy: true });
    const expected = (v: number) => Math.fround((Math.fround(v * (1 / 255) + 0) - 0.5) / 0.25);
    expect(Array.from(mapped, ([x]) => Array.from(x!.data))).toEqual([pixels.slice(0, 9), pixels.slice(9)].map((r) => r.map(expected)));
  });

  it('names the argument in its errors', () => {
    expect(() => new Normalize([0.5], [0])).toThrow('Normalize: std must be a non-empty array of positive numbers');
    expect(() => new Normalize([0.5, 1], [1])).toThrow('mean has 2 and std 1');
    expect(() => new Normalize([0.5], [1]).call(host([1, 2, 3, 4], [1, 2, 2]))).toThrow(
      'mean and std have 1 values, but the image has 2 channels',
    );
    expect(() => new Normalize([0.5], [1]).call(host([1, 2], [2]))).toThrow('the image must be [H, W] or [H, W, C]');
    expect(() => new Normalize([0.5], [1]).rescaledFrom(host([1, 2], [1, 2]), Number.NaN, 0)).toThrow(
      'Normalize.rescaledFrom: rescale must be a finite number, but got NaN',
    );
    expect(() => new Normalize([0.5], [1]).rescaledFrom(host([1, 2], [2]), 1, 0)).toThrow('the image must be [H, W] or [H, W, C]');
  });
});

describe('HWC2CHW', () => {
  it('moves channels first, keeping the dtype', () => {
    // [2, 2, 3]: pixel p has channels (10p, 10p + 1, 10p + 2).
    const x = host([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32], [2, 2, 3], 'uint8');
    const y = new HWC2CHW().call(x);
    expect([y.shape, y.dtype]).toEqual([[3, 2, 2], 'uint8']);
    expect(Array.from(y.data)).toEqual([0, 10, 20, 30, 1, 11, 21, 31, 2, 12, 22, 32]);
    expect(() => new HWC2CHW().call(host([1, 2], [2]))).toThrow('HWC2CHW: the image must be [H, W, C], but got shape [2]');
  });
});

describe('OneHot', () => {
  it('encodes a label or a 1-D array of labels, with optional smoothing', () => {
    const y = new OneHot(4).call(2);
    expect([y.dtype, y.shape, Array.from(y.data)]).toEqual(['int32', [4], [0, 0, 1, 0]]);
    const z = new OneHot(3).call(host([2, 0], [2], 'int32'));
    expect([z.shape, Array.from(z.data)]).toEqual([
      [2, 3],
      [0, 0, 1, 1, 0, 0],
    ]);
    const s = new OneHot(4, 0.2).call(1);
    expect(s.dtype).toBe('float32');
    expect(Array.from(s.data)).toEqual([0.05, 0.85, 0.05, 0.05].map(Math.fround));
  });

  it('names the argument in its errors', () => {
    expect(() => new OneHot(3).call(3)).toThrow('OneHot: label 3 is outside [0, 3) for numClasses 3');
    expect(() => new OneHot(3).call(0.5)).toThrow('the label must be an integer scalar or 1-D array, but got float32 []');
    expect(() => new OneHot(0)).toThrow('numClasses must be a positive integer, but got 0');
    expect(() => new OneHot(3, 2)).toThrow('smoothingRate must be a number in [0, 1], but got 2');
  });
});

describe('transforms in a pipeline', () => {
  it('chain in map, and accept Tensors when called directly; vision holds the image ones', () => {
    const images = new Uint8Array([0, 255, 51, 102]);
    const ds = new NumpySlicesDataset({ image: images, label: [1, 0, 1, 1] }, { shuffle: false })
      .map((p) => ({ ...p, shape: [1, 1, 1] }), 'image')
      .map([new vision.Rescale(1 / 255, 0), new vision.Normalize([0.5], [0.5]), new vision.HWC2CHW()], 'image')
      .map([new OneHot(2), new TypeCast('float32')], 'label')
      .batch(4);
    const [[x, y] = []] = Array.from(ds.createTupleIterator({ numEpochs: 1, outputNumpy: true }));
    expect([x?.shape, x?.dtype, y?.shape, y?.dtype]).toEqual([[4, 1, 1, 1], 'float32', [4, 2], 'float32']);
    expect(Array.from(x?.data ?? []).map((v) => Number(v.toFixed(4)))).toEqual([-1, 1, -0.6, -0.2]);
    expect(Array.from(y?.data ?? [])).toEqual([0, 1, 1, 0, 0, 1, 0, 1]);
    const t = tensor([[2, 4]], 'float32');
    expect(Array.from(new Rescale(0.5, 0).call(t).data)).toEqual([1, 2]);
    t.dispose();
  });
});
