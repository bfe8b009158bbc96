import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { checkGradients } from '@mindts/ops/testing';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

const f64 = (data: number[][]) => tensor(data, 'float64');
const logits = () =>
  f64([
    [0.3, -1.2, 2.0, 0.5],
    [1.1, 0.4, -0.7, 0.0],
    [-0.5, 0.9, 0.2, -1.4],
  ]);

describe('loss gradients against finite differences (float64)', () => {
  it('CrossEntropyLoss with class indices, weight, ignoreIndex and label smoothing', () => {
    const loss = new nn.CrossEntropyLoss({ weight: tensor([1, 2, 0.5, 1.5], 'float32'), ignoreIndex: 3, labelSmoothing: 0.2 });
    const labels = tensor([2, 3, 1]);
    expect(checkGradients((x) => loss.call(x, labels), [logits()])).toEqual([]);
    const none = new nn.CrossEntropyLoss({ reduction: 'none', labelSmoothing: 0.1 });
    expect(checkGradients((x) => none.call(x, labels), [logits()])).toEqual([]);
  });

  it('CrossEntropyLoss with probabilities', () => {
    const target = f64([
      [0.1, 0.2, 0.3, 0.4],
      [1, 0, 0, 0],
      [0, 0.5, 0.5, 0],
    ]);
    const loss = new nn.CrossEntropyLoss({ weight: tensor([1, 2, 0.5, 1.5], 'float32'), labelSmoothing: 0.3, reduction: 'sum' });
    expect(checkGradients((x) => loss.call(x, target), [logits()])).toEqual([]);
  });
});

describe('loss gradients against their closed forms (float32, as LossBase computes)', () => {
  it('BCEWithLogitsLoss: (σ(x) − y)/n', () => {
    const x = [-2, -0.5, 0.3, 4];
    const y = [0, 1, 0.5, 1];
    const loss = new nn.BCEWithLogitsLoss();
    const [, dx] = ops.valueAndGrad((input: Tensor) => loss.call(input, tensor(y, 'float32')))(tensor(x, 'float32'));
    const got = Array.from(dx.dataSync());
    const expected = x.map((v, i) => (1 / (1 + Math.exp(-v)) - (y[i] as number)) / 4);
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 6);
  });

  it('SoftmaxCrossEntropyWithLogits: (softmax − onehot)/N', () => {
    const x = [
      [0.3, -1.2, 2.0],
      [1.1, 0.4, -0.7],
    ];
    const loss = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
    const [, dx] = ops.valueAndGrad((input: Tensor) => loss.call(input, tensor([2, 0])))(tensor(x, 'float32'));
    const got = Array.from(dx.dataSync());
    const expected = x.flatMap((row, n) => {
      const z = row.reduce((a, v) => a + Math.exp(v), 0);
      return row.map((v, c) => (Math.exp(v) / z - (c === [2, 0][n] ? 1 : 0)) / 2);
    });
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 6);
  });

  it('SmoothL1Loss: d/beta inside, sign(d) outside', () => {
    const loss = new nn.SmoothL1Loss({ beta: 0.5, reduction: 'sum' });
    const [, dx] = ops.valueAndGrad((input: Tensor) => loss.call(input, tensor([0, 0, 0], 'float32')))(tensor([0.2, -0.3, 2], 'float32'));
    const got = Array.from(dx.dataSync());
    for (const [i, v] of [0.4, -0.6, 1].entries()) expect(got[i]).toBeCloseTo(v, 6);
  });
});
