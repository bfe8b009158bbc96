import { fromValues, memory, type Tensor, tensor, tidy } from '@mindts/tensor';
import { randomValue } from '@mindts/tensor/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from '../index.js';
import { useCpu } from '../test/helpers.js';
import { checkGradients } from '../testing/gradCheck.js';

beforeAll(useCpu);

let seed = 200;
function f64(shape: number[], lo = -2, hi = 2): Tensor {
  const s = seed++;
  const n = shape.reduce((a, b) => a * b, 1);
  return fromValues(
    Array.from({ length: n }, (_, i) => randomValue('uniform', s, 0, i, lo, hi)),
    shape,
    'float64',
  );
}
const ok = (f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]) => expect(checkGradients(f, inputs)).toEqual([]);

describe('class-index targets are checked', () => {
  it('an out-of-range label is a RangeError naming the label and the class count', () => {
    const logits = tensor(
      [
        [1, 2, 3],
        [0, 0, 0],
      ],
      'float32',
    );
    expect(() => ops.crossEntropy(logits, tensor([0, 3]))).toThrow(
      'crossEntropy: target holds the label 3 (at flat index 1), out of range for 3 classes: labels must be in [0, 2] or ignoreIndex (-100).',
    );
    expect(() => ops.nllLoss(logits, tensor([-1, 0]))).toThrow(
      'nllLoss: target holds the label -1 (at flat index 0), out of range for 3 classes',
    );
    expect(() => ops.crossEntropy(logits, tensor([-1, 0]), { ignoreIndex: -1 })).not.toThrow();
  });

  it('shapes, dtypes and options are checked before anything is computed', () => {
    const before = memory().numTensors;
    tidy(() => checkAll());
    expect(memory().numTensors).toBe(before);
  });
});

function checkAll(): void {
  {
    const logits = tensor([[1, 2, 3]], 'float32');
    expect(() => ops.crossEntropy(logits, tensor([0.5], 'float32'))).toThrow(
      'crossEntropy: target must hold class indices (an integer Tensor), but got float32.',
    );
    expect(() => ops.crossEntropy(logits, tensor([0, 1]))).toThrow(
      'crossEntropy: target [2] must have the shape of input [1, 3] without its class axis, [1].',
    );
    expect(() => ops.crossEntropy(logits, tensor([0]), { labelSmoothing: 2 })).toThrow(
      'crossEntropy: labelSmoothing must be a number in [0, 1], but got number 2.',
    );
    expect(() => ops.crossEntropy(logits, tensor([0]), { weight: tensor([1, 2], 'float32') })).toThrow(
      'crossEntropy: weight must have shape [3] (one per class), but got [2].',
    );
    expect(() => ops.nllLoss(logits, tensor([0]), { reduction: 'avg' as never })).toThrow(
      `nllLoss: reduction must be 'mean', 'sum' or 'none', but got string "avg".`,
    );
    expect(() => ops.mseLoss(logits, tensor([[1, 2]], 'float32'))).toThrow(
      'mseLoss: input [1, 3] and target [1, 2] cannot be broadcast together.',
    );
    expect(() => ops.l1Loss(logits, tensor([1]))).toThrow('l1Loss: target must be a float Tensor, but got int32.');
    expect(() => ops.smoothL1Loss(logits, logits, { beta: 0 })).toThrow('smoothL1Loss: beta must be a number > 0, but got number 0.');
    expect(() => ops.binaryCrossEntropyWithLogits(logits, tensor([1], 'float32'))).toThrow(
      'binaryCrossEntropyWithLogits: label [1] must have the shape of logits [1, 3].',
    );
  }
}

describe('loss gradients match finite differences', () => {
  it('regression losses', () => {
    const target = f64([3, 4]);
    ok((x) => ops.mseLoss(x, target), [f64([3, 4])]);
    ok((x, y) => ops.l1Loss(x, y, { reduction: 'sum' }), [f64([3, 4], 1, 2), f64([3, 4], -2, -1)]);
    ok((x, y) => ops.smoothL1Loss(x, y, { beta: 0.7, reduction: 'mean' }), [f64([3, 4]), f64([3, 4])]);
  });

  it('binary cross entropy with weights', () => {
    const label = fromValues([1, 0, 1, 0, 0.3, 0.7], [2, 3], 'float64');
    const w = fromValues([1, 2, 0.5], [3], 'float64');
    ok((x) => ops.binaryCrossEntropyWithLogits(x, label, { weight: w, posWeight: fromValues([2], [1], 'float64') }), [f64([2, 3])]);
  });

  it('nllLoss and crossEntropy, indices and probabilities', () => {
    const t = tensor([2, 0, 1]);
    const w = fromValues([0.5, 1, 2], [3], 'float64');
    ok((x) => ops.nllLoss(x, t, { weight: w }), [f64([3, 3])]);
    ok((x) => ops.crossEntropy(x, t, { weight: w, labelSmoothing: 0.1 }), [f64([3, 3])]);
    ok(
      (x) =>
        ops.crossEntropy(
          x,
          tensor([
            [1, 0],
            [2, 2],
          ]),
          { reduction: 'sum' },
        ),
      [f64([2, 3, 2])],
    );
    const probs = fromValues([0.2, 0.3, 0.5, 1, 0, 0], [2, 3], 'float64');
    ok((x) => ops.crossEntropy(x, probs), [f64([2, 3])]);
  });
});
