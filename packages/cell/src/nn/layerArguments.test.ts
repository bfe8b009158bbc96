import { cpu } from '@mindts/backend-cpu';
import { listBackends, memory, registerBackend, tensor, zeros } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cell, nn } from '../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

type Ctor = new (...args: unknown[]) => object;
const make = (C: unknown, ...args: unknown[]) => new (C as Ctor)(...args);

describe('layer options: nothing silently ignored', () => {
  it('an unknown key names the key and the one meant', () => {
    expect(() => make(nn.Dense, 3, 2, { has_bias: false })).toThrow("unknown option 'has_bias' for Dense; did you mean 'hasBias'?");
    expect(() => make(nn.Conv2d, 1, 2, 3, { pad_mode: 'pad' })).toThrow("unknown option 'pad_mode' for Conv2d; did you mean 'padMode'?");
    expect(() => make(nn.MaxPool2d, { kernel_size: 3 })).toThrow("unknown option 'kernel_size' for MaxPool2d; did you mean 'kernelSize'?");
    expect(() => make(nn.AvgPool2d, { count_include_pad: false })).toThrow(/did you mean 'countIncludePad'\?/);
    expect(() => make(nn.BatchNorm2d, 4, { use_batch_statistics: true })).toThrow(
      "unknown option 'use_batch_statistics' for BatchNorm2d; did you mean 'useBatchStatistics'?",
    );
    expect(() => make(nn.Softmax, { dim: 1 })).toThrow(/unknown option 'dim' for Softmax/);
    expect(() => make(nn.GELU, { approx: false })).toThrow(/unknown option 'approx' for GELU/);
    expect(() => make(nn.Flatten, { start_dim: 0 })).toThrow("unknown option 'start_dim' for Flatten; did you mean 'startDim'?");
    expect(() => make(nn.CrossEntropyLoss, { ignore_index: 1 })).toThrow(
      "unknown option 'ignore_index' for CrossEntropyLoss; did you mean 'ignoreIndex'?",
    );
    expect(() => make(nn.MSELoss, { reduce: 'sum' })).toThrow("unknown option 'reduce' for MSELoss (known: reduction)");
    expect(() => make(nn.L1Loss, { reductions: 'sum' })).toThrow(/for L1Loss; did you mean 'reduction'\?/);
    expect(() => make(nn.SmoothL1Loss, { betta: 1 })).toThrow(/for SmoothL1Loss; did you mean 'beta'\?/);
    expect(() => make(nn.BCEWithLogitsLoss, { pos_weight: null })).toThrow(/did you mean 'posWeight'\?/);
    expect(() => make(nn.SoftmaxCrossEntropyWithLogits, { sparce: true })).toThrow(/did you mean 'sparse'\?/);
    expect(() => make(Cell, { auto_prefix: false })).toThrow("unknown option 'auto_prefix' for Cell; did you mean 'autoPrefix'?");
  });

  it('options that are not an object are a TypeError', () => {
    for (const bad of [null, 'relu', [1]]) {
      expect(() => make(nn.Dense, 3, 2, bad)).toThrow(TypeError);
      expect(() => make(nn.BatchNorm1d, 3, bad)).toThrow(TypeError);
    }
    expect(() => make(nn.Dense, 3, 2, null)).toThrow("For 'Dense', the options must be an object or undefined, but got null.");
    expect(() => make(nn.MaxPool2d, null)).toThrow("For 'MaxPool2d', the options must be an object or undefined, but got null.");
  });

  it('extra positional arguments are errors', () => {
    expect(() => make(nn.Dense, 3, 2, {}, 1)).toThrow('Dense takes at most 3 arguments, but got 4.');
    expect(() => make(nn.BatchNorm2d, 3, {}, 1)).toThrow('BatchNorm2d takes at most 2 arguments, but got 3.');
    expect(() => make(nn.Softmax, 1, 2)).toThrow(
      "For 'Softmax', argument 2 must be the options object (the positional arguments after the required ones are 'axis'), but got 2.",
    );
    expect(() => make(nn.Conv2d, 1, 2, 3, 1, 'pad', 0, {}, 5)).toThrow(
      "For 'Conv2d', the options object must be the last argument, but 1 more came after it.",
    );
    expect(() => make(nn.MaxPool2d, 2, 2, 'valid', 0, 1)).toThrow(/argument 5 must be the options object/);
    expect(() => make(nn.WithLossCell, new nn.ReLU(), new nn.ReLU(), 1)).toThrow('WithLossCell takes at most 2 arguments, but got 3.');
    expect(() => make(nn.MSELoss, 'sum', {}, 1)).toThrow(/must be the last argument/);
    expect(() => (nn.getActivation as (...a: unknown[]) => unknown)('relu', 1)).toThrow(
      'getActivation takes at most 1 argument, but got 2.',
    );
    expect(() => (nn.warmupLR as (...a: unknown[]) => unknown)(0.1, 2, 3)).toThrow('warmupLR takes at most 2 arguments, but got 3.');
  });
});

describe("MindSpore's positional forms", () => {
  it('Conv2d: stride, then padMode, then padding', () => {
    const a = new nn.Conv2d(1, 2, 3, 2);
    expect(a.stride).toEqual([2, 2]);
    expect(a.call(zeros([1, 1, 8, 8])).shape).toEqual([1, 2, 4, 4]);
    const b = new nn.Conv2d(1, 2, 3, [1, 2], 'pad', 1, { hasBias: true });
    expect([b.stride, b.padMode, b.padding, b.hasBias]).toEqual([[1, 2], 'pad', 1, true]);
    expect(b.call(zeros([1, 1, 8, 8])).shape).toEqual([1, 2, 8, 4]);
    expect(new nn.Conv2d(1, 2, 3, 1, 'valid').padMode).toBe('valid');
    expect(() => make(nn.Conv2d, 1, 2, 3, 2, { stride: 1 })).toThrow(
      "For 'Conv2d', 'stride' was given twice: as a positional argument and in the options.",
    );
  });

  it('Conv2d: a padding without padMode pad says which option to set', () => {
    expect(() => new nn.Conv2d(1, 2, 3, { padding: 1 })).toThrow(/Set the option padMode: 'pad' to pad explicitly/);
  });

  it('MaxPool2d and AvgPool2d: kernelSize, stride, padMode, padding', () => {
    const max = new nn.MaxPool2d(3, 2);
    expect([max.kernelSize, max.stride, max.padMode]).toEqual([3, 2, 'VALID']);
    expect(max.call(zeros([1, 1, 7, 7])).shape).toEqual([1, 1, 3, 3]);
    expect(new nn.MaxPool2d(2).stride).toBe(1);
    const avg = new nn.AvgPool2d(3, 1, 'pad', 1, { countIncludePad: false });
    expect([avg.padMode, avg.padding, avg.countIncludePad]).toEqual(['PAD', [1, 1], false]);
    expect(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }).kernelSize).toBe(2);
  });

  it('Softmax(axis), GELU(approximate), Flatten(startDim, endDim)', () => {
    expect(new nn.Softmax(0).axis).toBe(0);
    expect(new nn.GELU(false).approximate).toBe(false);
    expect(new nn.Flatten(0, 1)).toMatchObject({ startDim: 0, endDim: 1 });
  });

  it('losses take their MindSpore positional arguments', () => {
    expect(new nn.MSELoss('sum').reduction).toBe('sum');
    expect(new nn.L1Loss('none').reduction).toBe('none');
    expect(new nn.SmoothL1Loss(0.5, 'mean')).toMatchObject({ beta: 0.5, reduction: 'mean' });
    expect(new nn.SoftmaxCrossEntropyWithLogits(true, 'mean')).toMatchObject({ sparse: true, reduction: 'mean' });
    const w = tensor([1, 2, 3], 'float32');
    expect(new nn.CrossEntropyLoss(w, -1, 'sum', 0.1)).toMatchObject({ weight: w, ignoreIndex: -1, reduction: 'sum', labelSmoothing: 0.1 });
    expect(new nn.BCEWithLogitsLoss('sum', w).weight).toBe(w);
  });
});

describe('failed layer constructors leak nothing', () => {
  it('Dense, Conv2d and BatchNorm free the Parameters they made', () => {
    const wrongShape = tensor([1, 2, 3], 'float32');
    const before = memory();
    expect(() => new nn.Dense(3, 2, { activation: 'nope' })).toThrow("The 'name' must be in");
    expect(() => new nn.Dense(3, 2, { biasInit: 'nope' })).toThrow(/'nope' was not found/);
    expect(() => new nn.Dense(3, 2, { biasInit: wrongShape })).toThrow(/bias init shape error/);
    expect(() => new nn.Conv2d(1, 2, 3, { hasBias: true, biasInit: wrongShape })).toThrow(RangeError);
    expect(() => new nn.Conv2d(1, 2, 3, { hasBias: true, biasInit: 'nope' })).toThrow(/'nope' was not found/);
    expect(() => new nn.BatchNorm2d(4, { betaInit: 'nope' })).toThrow(/'nope' was not found/);
    expect(() => new nn.BatchNorm2d(4, { momentum: 2 })).toThrow(RangeError);
    expect(memory().numTensors).toBe(before.numTensors);
    expect(memory().numBytes).toBe(before.numBytes);
  });
});
