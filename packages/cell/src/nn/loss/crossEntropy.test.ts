import { cpu } from '@mindts/backend-cpu';
import * as ops from '@mindts/ops';
import { listBackends, registerBackend, type Tensor, tensor } from '@mindts/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { nn } from '../../index.js';

beforeAll(() => {
  if (!listBackends().includes('cpu')) registerBackend(cpu());
});

function expectValues(t: Tensor, shape: readonly number[], expected: readonly number[], digits = 5): void {
  expect(t.shape).toEqual(shape);
  const got = Array.from(t.dataSync() as ArrayLike<number>);
  expect(got.length).toBe(expected.length);
  for (const [i, v] of got.entries()) expect(v, `element ${i} of ${JSON.stringify(got)}`).toBeCloseTo(expected[i] as number, digits);
}

// Hand-computed log-softmax of the rows [2, 0, 0] and [0, 1, 0]:
// log(e² + 2) = 2.2395541, log(2 + e) = 1.5514447.
const LSE0 = Math.log(Math.exp(2) + 2);
const LSE1 = Math.log(2 + Math.E);
const LOGP = [
  [2 - LSE0, -LSE0, -LSE0],
  [-LSE1, 1 - LSE1, -LSE1],
];
const logits = () =>
  tensor(
    [
      [2, 0, 0],
      [0, 1, 0],
    ],
    'float32',
  );
const nll = (row: number, c: number) => -(LOGP[row]?.[c] as number);

describe('nn.CrossEntropyLoss with class indices', () => {
  it('computes −log softmax at the label, with each reduction', () => {
    const labels = tensor([0, 2]);
    const each = [nll(0, 0), nll(1, 2)]; // 0.2395541, 1.5514447
    expectValues(new nn.CrossEntropyLoss({ reduction: 'none' }).call(logits(), labels), [2], each);
    expectValues(new nn.CrossEntropyLoss({ reduction: 'sum' }).call(logits(), labels), [], [each[0]! + each[1]!]);
    expectValues(new nn.CrossEntropyLoss().call(logits(), labels), [], [(each[0]! + each[1]!) / 2]);
  });

  it('skips ignoreIndex labels in the loss and in the mean', () => {
    const labels = tensor([0, -100]);
    expectValues(new nn.CrossEntropyLoss({ reduction: 'none' }).call(logits(), labels), [2], [nll(0, 0), 0]);
    expectValues(new nn.CrossEntropyLoss().call(logits(), labels), [], [nll(0, 0)]);
    expectValues(new nn.CrossEntropyLoss({ ignoreIndex: 2 }).call(logits(), tensor([0, 2])), [], [nll(0, 0)]);
  });

  it('weights classes; the mean divides by the weights of the labels', () => {
    const loss = (reduction: 'none' | 'mean' | 'sum') => new nn.CrossEntropyLoss({ weight: tensor([1, 2, 3], 'float32'), reduction });
    const labels = tensor([0, 2]);
    const each = [1 * nll(0, 0), 3 * nll(1, 2)];
    expectValues(loss('none').call(logits(), labels), [2], each);
    expectValues(loss('sum').call(logits(), labels), [], [each[0]! + each[1]!]);
    expectValues(loss('mean').call(logits(), labels), [], [(each[0]! + each[1]!) / 4]);
  });

  it('smooths labels: (1 − ε)·nll + ε/C · Σ_c −log p_c', () => {
    const eps = 0.1;
    const smooth = (row: number) => -(LOGP[row] as number[]).reduce((a, b) => a + b);
    const each = [(1 - eps) * nll(0, 0) + (eps / 3) * smooth(0), (1 - eps) * nll(1, 2) + (eps / 3) * smooth(1)];
    const labels = tensor([0, 2]);
    expectValues(new nn.CrossEntropyLoss({ labelSmoothing: eps, reduction: 'none' }).call(logits(), labels), [2], each);
    expectValues(new nn.CrossEntropyLoss({ labelSmoothing: eps }).call(logits(), labels), [], [(each[0]! + each[1]!) / 2]);
    // With a class weight the smoothing term is weighted too, and the mean divides both by Σ w[label].
    const w = [1, 2, 3];
    const wSmooth = (row: number) => -(LOGP[row] as number[]).reduce((a, b, c) => a + b * (w[c] as number), 0);
    const weighted = ((1 - eps) * (nll(0, 0) + 3 * nll(1, 2)) + (eps / 3) * (wSmooth(0) + wSmooth(1))) / 4;
    expectValues(new nn.CrossEntropyLoss({ labelSmoothing: eps, weight: tensor(w, 'float32') }).call(logits(), labels), [], [weighted]);
  });

  it('takes [C] logits with a scalar label and [N, C, d] logits with [N, d] labels', () => {
    expectValues(new nn.CrossEntropyLoss().call(tensor([2, 0, 0], 'float32'), tensor(0, 'int32')), [], [nll(0, 0)]);
    // The class axis is 1: position 0 sees [2, 0, 0] (label 0), position 1 sees [0, 1, 0] (label 1).
    const x = tensor(
      [
        [
          [2, 0],
          [0, 1],
          [0, 0],
        ],
      ],
      'float32',
    );
    expectValues(new nn.CrossEntropyLoss({ reduction: 'none' }).call(x, tensor([[0, 1]])), [1, 2], [nll(0, 0), nll(1, 1)]);
  });

  it('has the gradient (softmax − onehot)/N', () => {
    const loss = new nn.CrossEntropyLoss();
    const [, dx] = ops.valueAndGrad((x: Tensor) => loss.call(x, tensor([0, 2])))(logits());
    const p = LOGP.map((row) => row.map(Math.exp));
    const expected = [p[0]![0]! - 1, p[0]![1]!, p[0]![2]!, p[1]![0]!, p[1]![1]!, p[1]![2]! - 1].map((v) => v / 2);
    expectValues(dx, [2, 3], expected);
  });
});

describe('nn.CrossEntropyLoss with probabilities', () => {
  it('computes −Σ_c y_c log p_c; a one-hot target equals the class index', () => {
    const onehot = tensor(
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      'float32',
    );
    expectValues(new nn.CrossEntropyLoss({ reduction: 'none' }).call(logits(), onehot), [2], [nll(0, 0), nll(1, 2)]);
    const soft = tensor(
      [
        [0.5, 0.5, 0],
        [0, 0.25, 0.75],
      ],
      'float32',
    );
    const each = [0.5 * nll(0, 0) + 0.5 * nll(0, 1), 0.25 * nll(1, 1) + 0.75 * nll(1, 2)];
    expectValues(new nn.CrossEntropyLoss({ reduction: 'none' }).call(logits(), soft), [2], each);
    expectValues(new nn.CrossEntropyLoss({ reduction: 'sum' }).call(logits(), soft), [], [each[0]! + each[1]!]);
    expectValues(new nn.CrossEntropyLoss().call(logits(), soft), [], [(each[0]! + each[1]!) / 2]);
  });

  it('smooths like class indices, and its weighted mean divides by N', () => {
    const onehot = tensor(
      [
        [1, 0, 0],
        [0, 0, 1],
      ],
      'float32',
    );
    const a = new nn.CrossEntropyLoss({ labelSmoothing: 0.2, reduction: 'none' }).call(logits(), onehot);
    const b = new nn.CrossEntropyLoss({ labelSmoothing: 0.2, reduction: 'none' }).call(logits(), tensor([0, 2]));
    expectValues(a, [2], Array.from(b.dataSync()));
    const weighted = new nn.CrossEntropyLoss({ weight: tensor([1, 2, 3], 'float32') }).call(logits(), onehot);
    expectValues(weighted, [], [(nll(0, 0) + 3 * nll(1, 2)) / 2]);
  });
});

describe('nn.CrossEntropyLoss errors', () => {
  it("refuses bad options and inputs with MindSpore's messages", () => {
    expect(() => new nn.CrossEntropyLoss({ labelSmoothing: 1.5 })).toThrow(
      "For 'CrossEntropyLoss', the 'labelSmoothing' must be in range of [0.0, 1.0], but got 1.5 with type 'float'.",
    );
    expect(() => new nn.CrossEntropyLoss({ ignoreIndex: 0.5 })).toThrow(
      "For 'CrossEntropyLoss', the type of 'ignoreIndex' should be int, but got number.",
    );
    expect(() => new nn.CrossEntropyLoss({ weight: tensor([1, 2]) })).toThrow(
      /the type of 'weight' should be one of \['Float16', 'Float32'\], but got int32/,
    );
    const loss = new nn.CrossEntropyLoss();
    expect(() => loss.call(logits(), tensor([[[0]]]))).toThrow(/rank of 'logits' and 'labels' should be/);
    expect(() => loss.call(logits(), tensor([0, 1, 2]))).toThrow(/the shape of 'labels' should be \(N, d_0, d_1, \.\.\.\)/);
    expect(() => loss.call(logits(), tensor([0.5, 1], 'float32'))).toThrow(/type of 'labels' should be one of \['Int32'\]/);
    expect(() => loss.call(logits(), tensor([[1, 0]], 'float32'))).toThrow(/the shape of 'labels' should be \(N, C, d_0, d_1, \.\.\.\)/);
  });
});

describe('nn.SoftmaxCrossEntropyWithLogits', () => {
  const row = () => tensor([[3, 5, 6, 9, 12, 33, 42, 12, 32, 72]], 'float32');

  it("matches MindSpore's documented examples, sparse and dense, reduction 'none' by default", () => {
    expectValues(new nn.SoftmaxCrossEntropyWithLogits({ sparse: true }).call(row(), tensor([1])), [1], [67], 4);
    const dense = tensor([[0, 0, 0, 0, 0, 0, 1, 0, 0, 0]], 'float32');
    expectValues(new nn.SoftmaxCrossEntropyWithLogits().call(row(), dense), [1], [30], 4);
  });

  it('reduces per-sample losses; sparse and dense agree', () => {
    const sparse = new nn.SoftmaxCrossEntropyWithLogits({ sparse: true, reduction: 'mean' });
    expectValues(sparse.call(logits(), tensor([0, 2])), [], [(nll(0, 0) + nll(1, 2)) / 2]);
    const soft = tensor(
      [
        [0.5, 0.5, 0],
        [0, 0.25, 0.75],
      ],
      'float32',
    );
    const each = [0.5 * nll(0, 0) + 0.5 * nll(0, 1), 0.25 * nll(1, 1) + 0.75 * nll(1, 2)];
    expectValues(new nn.SoftmaxCrossEntropyWithLogits({ reduction: 'sum' }).call(logits(), soft), [], [each[0]! + each[1]!]);
  });

  it('checks sparse, label dtypes and shapes', () => {
    expect(() => new nn.SoftmaxCrossEntropyWithLogits({ sparse: 1 as never })).toThrow(
      "For 'SoftmaxCrossEntropyWithLogits', the 'sparse' must be bool, but got 'number'.",
    );
    expect(() => new nn.SoftmaxCrossEntropyWithLogits({ sparse: true }).call(logits(), tensor([0, 1], 'float32'))).toThrow(
      /int32 or int64/,
    );
    expect(() => new nn.SoftmaxCrossEntropyWithLogits().call(logits(), tensor([0, 1]))).toThrow(/float Tensor when 'sparse' is false/);
    expect(() => new nn.SoftmaxCrossEntropyWithLogits().call(tensor([1, 2], 'float32'), tensor([[1, 0]], 'float32'))).toThrow(
      /shape \(N, C\)/,
    );
  });
});
